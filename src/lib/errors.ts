import { REASON_CODES, type ReasonCode } from '../contracts/reasons.ts';

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
  code?: ReasonCode;
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

/**
 * A problem's English `reason` with the stable code (and values) clients translate it by; spread it into
 * the problem: `{ field: 'file', ...because('file_empty', 'is empty') }`.
 */
export const because = (
  code: ReasonCode,
  reason: string,
  params?: Record<string, string | number>,
): Pick<FieldProblem, 'reason' | 'code' | 'params'> => (params ? { reason, code, params } : { reason, code });

/** Whether a value is one of `REASON_CODES`. */
export const isReasonCode = (value: unknown): value is ReasonCode =>
  typeof value === 'string' && (REASON_CODES as readonly string[]).includes(value);

const ZOD_PARAMS = ['origin', 'minimum', 'maximum', 'inclusive', 'format', 'expected', 'divisor'];

/**
 * The stable code and values of a Zod issue (`too_small` with its minimum), or a refinement's own code from
 * `coded()` (in the issue's `params`); `values` are the issue's fields. Shared by `issueReason` and the
 * error handler's request validation, so both give a client the same code for the same issue.
 */
export function zodIssueCode(
  code: string | undefined,
  values: Record<string, unknown>,
): Pick<FieldProblem, 'code' | 'params'> {
  if (code === 'custom') {
    const own = (values.params as { code?: unknown } | undefined)?.code;
    return isReasonCode(own) ? { code: own } : {};
  }
  if (!isReasonCode(code)) return {};
  const params: Record<string, string | number> = {};
  for (const name of ZOD_PARAMS) {
    const value = values[name];
    if (typeof value === 'string' || typeof value === 'number') params[name] = value;
    else if (typeof value === 'bigint' || typeof value === 'boolean') params[name] = String(value);
  }
  return { code, params };
}

/** The reason of a Zod issue from `safeParse`, with its code and values as the error handler gives them for a request. */
export const issueReason = (issue: {
  code: string;
  message: string;
}): Pick<FieldProblem, 'reason' | 'code' | 'params'> => ({
  reason: issue.message,
  ...zodIssueCode(issue.code, issue as unknown as Record<string, unknown>),
});
