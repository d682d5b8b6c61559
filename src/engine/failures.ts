import { currentOperation } from './operation-context';

/**
 * bpmn-server swallows some errors (Token.end catches and logs) and leaves some promises unawaited.
 * Errors we raise inside an operation are therefore also noted on the operation, which fails even if
 * bpmn-server never rethrows them.
 */
export function recordFailure<E extends Error>(error: E): E {
  const context = currentOperation();
  if (context && !context.failure) context.failure = error;
  return error;
}
