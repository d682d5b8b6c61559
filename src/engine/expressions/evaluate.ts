import { evaluate, parseExpression } from 'feelin';
import { findViolation, type ExpressionCheck } from './check';
import { clockFunctions } from './clock-functions';
import { ExpressionError } from './expression-error';
import { fromFeelValue, toFeelValue } from './feel-values';
import { unwrapExpression } from './unwrap';

/**
 * Evaluates a diagram expression (`${ … }`, `$( … )`, `$ …` or bare FEEL) in the restricted language.
 * `context.now` is the clock for `now()`/`today()`. Unknown variables are null, as in FEEL.
 * Throws ExpressionError when the expression is rejected or fails to evaluate.
 */
export function evaluateExpression(source: string, context: Record<string, unknown>): unknown {
  const feel = unwrapExpression(source);
  const { now, ...variables } = context;
  const feelContext = { ...(toFeelValue(variables) as Record<string, unknown>), ...clockFunctions(now, source) };

  // Parsed with the same context feelin parses with, so the checked tree is the evaluated tree.
  const violation = findViolation(parseExpression(feel, feelContext), feel);
  if (violation) throw new ExpressionError(source, violation);

  try {
    return fromFeelValue(evaluate(feel, feelContext));
  } catch (error) {
    if (error instanceof ExpressionError) throw error;
    throw new ExpressionError(source, `evaluation failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The checks of evaluateExpression without evaluating, for deploy-time validation; `message` is the reason only. */
export function checkExpression(source: string): ExpressionCheck {
  let feel: string;
  try {
    feel = unwrapExpression(source);
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, message: error.reason };
    throw error;
  }
  const violation = findViolation(parseExpression(feel), feel);
  return violation ? { ok: false, message: violation } : { ok: true };
}
