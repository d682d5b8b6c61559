/**
 * Errors every layer may raise; the HTTP layer maps each kind to its status code
 * (400, 401, 403, 404, 409). Messages are for people; `code` is for programs.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldError {
  field: string;
  messages: string[];
}

export class ValidationError extends AppError {
  readonly status = 400;
  constructor(message: string, readonly fields: FieldError[] = [], code = 'validation_failed') {
    super(message, code);
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  constructor(message = 'Authentication required', code = 'unauthorized') { super(message, code); }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  constructor(message: string, code = 'forbidden') { super(message, code); }
}

export class NotFoundError extends AppError {
  readonly status = 404;
  constructor(message: string, code = 'not_found') { super(message, code); }
}

/** A task already completed or claimed, a stale revision, a busy instance, a duplicate. */
export class ConflictError extends AppError {
  readonly status = 409;
  constructor(message: string, code = 'conflict') { super(message, code); }
}

/** Too many attempts (failed sign-ins) in a short time; the caller should wait. */
export class TooManyRequestsError extends AppError {
  readonly status = 429;
  constructor(message: string, code = 'too_many_attempts') { super(message, code); }
}
