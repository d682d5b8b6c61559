import type { RequestHandler } from 'express';
import { ValidationError } from '../domain';

/** Deepest nesting of arrays and objects a JSON body may have; real requests stay far below it. */
export const MAX_JSON_DEPTH = 32;

/**
 * Refuses a parsed JSON body nested deeper than `maxDepth` with a 400, before anything recursive (validation,
 * class-transformer, the engine) walks it. The walk itself keeps its own stack, so any depth is safe to measure.
 */
export function limitJsonDepth(maxDepth = MAX_JSON_DEPTH): RequestHandler {
  return (req, _res, next) => {
    if (req.body !== null && typeof req.body === 'object' && depthExceeds(req.body, maxDepth)) {
      throw new ValidationError(`The request body is nested more than ${maxDepth} levels deep`, [
        { field: 'body', messages: [`must not nest arrays and objects more than ${maxDepth} levels deep`] },
      ], 'too_deeply_nested');
    }
    next();
  };
}

function depthExceeds(root: object, maxDepth: number): boolean {
  const pending: Array<[unknown, number]> = [[root, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(value)) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return false;
}
