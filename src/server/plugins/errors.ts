import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, zodIssueCode, type FieldProblem } from '../../lib/errors.ts';
import { RATE_LIMITED, sendRateLimitPage, wantsPage } from './rate-limit.ts';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  { status, code, detail, errors = [] }: { status: number; code: string; detail: string; errors?: FieldProblem[] },
) {
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send({
      type: `https://lexpact.org/problems/${code.replace(/\./g, '/')}`,
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      code,
      errors,
    });
}

/**
 * What @fastify/busboy says of a multipart body that ends early (no closing boundary, a part cut off by a
 * dropped connection or a broken client) or that has no boundary at all. It throws plain errors without a
 * code or status, so they are known by their messages.
 */
const MALFORMED_MULTIPART =
  /^(Unexpected end of multipart data|(Part|Preamble) terminated early due to unexpected end of multipart data|Multipart: Boundary not found)$/;

interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: (string | number)[]; message?: string } } & Record<string, unknown>;
}

/** Turns every error into RFC 9457 problem details; 5xx answers say nothing about the internals. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (isAppError(error)) {
      if (error.code === RATE_LIMITED && wantsPage(request)) return sendRateLimitPage(request, reply);
      return sendProblem(reply, {
        status: error.status,
        code: error.code,
        detail: error.message,
        errors: error.problems,
      });
    }
    if (error.validation) {
      const where = error.validationContext ?? 'request';
      const errors = (error.validation as ValidationIssue[]).map((issue) => {
        const path =
          issue.params?.issue?.path?.join('.') || issue.instancePath?.replace(/^\//, '').replace(/\//g, '.') || where;
        const reason = issue.params?.issue?.message ?? issue.message ?? 'invalid value';
        return { field: path, reason, ...zodIssueCode(issue.keyword, issue.params ?? {}) };
      });
      return sendProblem(reply, {
        status: 400,
        code: 'validation.invalid_request',
        detail: `invalid ${where}: ${errors.map((e) => `${e.field}: ${e.reason}`).join('; ')}`,
        errors,
      });
    }
    if (!error.statusCode && MALFORMED_MULTIPART.test(error.message)) {
      return sendProblem(reply, {
        status: 400,
        code: 'request.malformed_multipart',
        detail:
          'The form data is incomplete or malformed (it may have been cut short), so nothing was saved. Send the form again.',
      });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, {
        status,
        code: 'server.internal_error',
        detail: 'An unexpected error occurred. It has been logged.',
      });
    }
    return sendProblem(reply, { status, code: `http.${error.code?.toLowerCase() ?? status}`, detail: error.message });
  });
}
