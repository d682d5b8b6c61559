import { ValidationError } from '../domain/errors';

/**
 * The opaque cursor of a position in a newest-first list ordered by a time and then an id: the time and id of
 * the last row of the page (base64url JSON). Anything else is a 400 on `cursor`.
 */
export function encodeTimeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id]), 'utf8').toString('base64url');
}

export function decodeTimeCursor(cursor: string): { at: Date; id: string } {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && decoded.every((part) => typeof part === 'string' && part.length <= 100)) {
      const at = new Date(decoded[0]);
      if (!Number.isNaN(at.getTime())) return { at, id: decoded[1] };
    }
  } catch {
    // answered below
  }
  throw new ValidationError('The cursor is invalid', [{ field: 'cursor', messages: ['is not a cursor returned by this list'] }]);
}
