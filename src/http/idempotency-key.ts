import type { Request } from 'express';
import { ValidationError } from '../domain';

const KEY = /^[\x21-\x7e]{1,100}$/;

/** The request's `Idempotency-Key` header (1–100 visible ASCII characters), undefined when absent. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const header = req.header('Idempotency-Key');
  if (header === undefined) return undefined;
  if (!KEY.test(header)) {
    throw new ValidationError('The Idempotency-Key header is invalid', [
      { field: 'Idempotency-Key', messages: ['must be 1–100 visible ASCII characters'] },
    ]);
  }
  return header;
}
