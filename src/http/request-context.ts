import type { Actor } from '../app/actor';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the authentication middleware on every authenticated route. */
    actor?: Actor;
    /** The query string as validated and converted by validateQuery (Express 5's req.query is read-only). */
    validatedQuery?: unknown;
    /** X-Request-Id: the caller's when well-formed, otherwise a new one; echoed on the answer and in the log. */
    requestId?: string;
  }
}
