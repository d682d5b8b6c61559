import type { Actor } from '../app/actor';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the authentication middleware on every authenticated route. */
    actor?: Actor;
    /** The query string as validated and converted by validateQuery (Express 5's req.query is read-only). */
    validatedQuery?: unknown;
  }
}
