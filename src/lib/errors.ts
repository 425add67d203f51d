/** One problem with one input field or one line of an imported file. */
export interface FieldProblem {
  /** Field name, query parameter or column that is wrong. */
  field?: string;
  /** File the problem was found in (imports). */
  file?: string;
  /** 1-based line number in that file (imports; the header is line 1). */
  line?: number;
  /** Why it is wrong, in English; clients translate by `code` where they can. */
  reason: string;
  /** Stable code of the reason (`too_small`, `unknown_country`): clients translate it, with `params`. */
  code?: string;
  /** Values the translated reason needs (`minimum`, `value`). */
  params?: Record<string, string | number>;
}

/**
 * An error a user can act on. It carries an HTTP status, a stable code that clients translate
 * (for example `status.instrument_not_found`) and, for validation, the list of problems.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problems: FieldProblem[];

  constructor({
    status,
    code,
    message,
    problems = [],
  }: {
    status: number;
    code: string;
    message: string;
    problems?: FieldProblem[];
  }) {
    super(message);
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.problems = problems;
  }
}

export const notFound = (code: string, message: string) => new AppError({ status: 404, code, message });

export const badRequest = (code: string, message: string, problems: FieldProblem[] = []) =>
  new AppError({ status: 400, code, message, problems });

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
