import type { RequestHandler } from 'express';
import { FieldError, ValidationError } from '../domain';

/** Deepest nesting of arrays and objects a JSON body may have; real requests stay far below it. */
export const MAX_JSON_DEPTH = 32;

/**
 * C0 and C1 control characters except tab and newline (a carriage return only as part of CRLF), and the
 * bidirectional embedding, override and isolate characters that make text display differently from what it
 * is (U+202A–U+202E, U+2066–U+2069).
 */
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\r(?!\n)/;

/**
 * Checks a parsed JSON body before anything recursive (validation, class-transformer, the engine) walks it:
 * nesting deeper than `maxDepth` and text with control or bidi-override characters are a 400. The walk keeps
 * its own stack, so any depth is safe to measure.
 */
export function inspectJsonBody(maxDepth = MAX_JSON_DEPTH): RequestHandler {
  return (req, _res, next) => {
    if (req.body !== null && typeof req.body === 'object') inspect(req.body, maxDepth);
    next();
  };
}

/** The same character rule for query string values (filters are text too). */
export const inspectQuery: RequestHandler = (req, _res, next) => {
  const fields = Object.entries(req.query)
    .filter(([key, value]) => FORBIDDEN_CHARACTERS.test(key) || [value].flat().some((v) => typeof v === 'string' && FORBIDDEN_CHARACTERS.test(v)))
    .map(([key]) => controlCharacterError(key));
  if (fields.length > 0) throw new ValidationError('The query parameters contain control characters', fields, 'control_characters');
  next();
};

function inspect(root: object, maxDepth: number): void {
  const fields: FieldError[] = [];
  const pending: Array<[unknown, number, string]> = [[root, 1, '']];
  while (pending.length > 0) {
    const [value, depth, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (FORBIDDEN_CHARACTERS.test(value)) fields.push(controlCharacterError(path || 'body'));
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxDepth) {
      throw new ValidationError(`The request body is nested more than ${maxDepth} levels deep`, [
        { field: 'body', messages: [`must not nest arrays and objects more than ${maxDepth} levels deep`] },
      ], 'too_deeply_nested');
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (FORBIDDEN_CHARACTERS.test(key)) fields.push(controlCharacterError(childPath));
      pending.push([child, depth + 1, childPath]);
    }
  }
  if (fields.length > 0) {
    throw new ValidationError('The request contains control characters', fields.reverse(), 'control_characters');
  }
}

function controlCharacterError(field: string): FieldError {
  return { field, messages: ['must not contain control characters (other than newline and tab) or bidirectional override characters'] };
}
