import { ValidationError } from '../../domain/errors';
import { TaskKeyset, TaskOrder } from '../../persistence/repositories/task-repository';

/** The position after the last task of a page, opaque to clients; it carries the order it was taken in. */
export function encodeCursor(position: TaskKeyset): string {
  const parts = position.priorityRank === undefined ? [position.dueSort, position.itemId] : [position.dueSort, position.itemId, position.priorityRank];
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, order: TaskOrder = 'due'): TaskKeyset {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const strings = Array.isArray(decoded) && decoded.slice(0, 2).every((part) => typeof part === 'string' && part.length <= 100);
    if (strings && order === 'due' && decoded.length === 2) return { dueSort: decoded[0], itemId: decoded[1] };
    if (strings && order === 'priority' && decoded.length === 3 && Number.isSafeInteger(decoded[2])) {
      return { dueSort: decoded[0], itemId: decoded[1], priorityRank: decoded[2] };
    }
  } catch {
    // answered below
  }
  throw new ValidationError('The cursor is invalid', [{ field: 'cursor', messages: ['is not a cursor returned by this list in this sort order'] }]);
}
