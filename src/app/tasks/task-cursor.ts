import { ValidationError } from '../../domain/errors';
import { TaskKeyset } from '../../persistence/repositories/task-repository';

/** The position after the last task of a page, opaque to clients. */
export function encodeCursor(position: TaskKeyset): string {
  return Buffer.from(JSON.stringify([position.dueSort, position.itemId]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): TaskKeyset {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && decoded.every((part) => typeof part === 'string' && part.length <= 100)) {
      return { dueSort: decoded[0], itemId: decoded[1] };
    }
  } catch {
    // answered below
  }
  throw new ValidationError('The cursor is invalid', [{ field: 'cursor', messages: ['is not a cursor returned by this list'] }]);
}
