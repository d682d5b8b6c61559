import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { AppError, NotFoundError, ValidationError } from '../domain/errors';
import { bearerChallenge } from './auth';
import { ERROR_MESSAGES_ZH } from './i18n/error-messages-zh';
import { fieldMessageInChinese } from './i18n/field-messages-zh';
import { HttpLogger } from './logger';

export interface ErrorBody {
  error: string;
  message: string;
  fields?: { field: string; messages: string[] }[];
  /** Deployment gate findings (400 invalid_definition). */
  issues?: unknown[];
}

/** Answers every request no route took. */
export const notFound: RequestHandler = (req) => {
  throw new NotFoundError(`No route ${req.method} ${req.path}`, 'not_found');
};

/**
 * Turns errors into JSON answers: AppErrors keep their status and code, body-parser's client errors (bad JSON,
 * too large) keep theirs, anything else is logged and answered with a generic 500.
 */
export function errorHandler(logger: HttpLogger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      logger.error(`Error after the response to ${req.method} ${req.originalUrl} had started`, error);
      return next(error);
    }
    const { status, body } = describe(error);
    if (status >= 500) logger.error(`Unhandled error in ${req.method} ${req.originalUrl}`, error);
    if (status === 401) res.setHeader('WWW-Authenticate', bearerChallenge(body.error));
    res.status(status).json(wantsChinese(req) ? inChinese(body) : body);
  };
}

/** Accept-Language prefers Chinese (zh, zh-CN, zh-Hans …) over English. */
export function wantsChinese(req: Request): boolean {
  return Boolean(req.headers['accept-language']) && req.acceptsLanguages('en', 'zh') === 'zh';
}

function inChinese(body: ErrorBody): ErrorBody {
  const message = ERROR_MESSAGES_ZH[body.error] ?? body.message;
  if (!body.fields) return { ...body, message };
  return { ...body, message, fields: body.fields.map((f) => ({ field: f.field, messages: f.messages.map(fieldMessageInChinese) })) };
}

function describe(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof ValidationError) {
    const issues = (error as { issues?: unknown }).issues;
    return {
      status: error.status,
      body: { error: error.code, message: error.message, fields: error.fields, ...(Array.isArray(issues) ? { issues } : {}) },
    };
  }
  if (error instanceof AppError) return { status: error.status, body: { error: error.code, message: error.message } };

  const clientError = bodyParserError(error) ?? malformedPath(error);
  if (clientError) return clientError;
  return { status: 500, body: { error: 'internal_error', message: 'Internal server error' } };
}

/** The router could not decode a path parameter (a broken %-escape such as `%E0%A4%A`): it marks the URIError 400. */
function malformedPath(error: unknown): { status: number; body: ErrorBody } | null {
  if (!(error instanceof URIError) || (error as { status?: unknown }).status !== 400) return null;
  return { status: 400, body: { error: 'malformed_path', message: 'The request path contains an invalid percent-encoding' } };
}

/** body-parser marks its errors with `type` and a 4xx `status` (http-errors). */
function bodyParserError(error: unknown): { status: number; body: ErrorBody } | null {
  const e = error as { type?: unknown; status?: unknown; expose?: unknown; message?: unknown } | null;
  if (!e || typeof e.type !== 'string' || typeof e.status !== 'number' || e.status < 400 || e.status >= 500) return null;
  if (e.type === 'entity.parse.failed') {
    return { status: 400, body: { error: 'malformed_json', message: 'The request body is not valid JSON' } };
  }
  if (e.type === 'entity.too.large') {
    return { status: 413, body: { error: 'payload_too_large', message: 'The request body is too large' } };
  }
  const message = e.expose === true && typeof e.message === 'string' ? e.message : 'Bad request';
  return { status: e.status, body: { error: e.type.replace(/\W+/g, '_'), message } };
}
