import { evaluate, parseExpression } from 'feelin';
import { findViolation, type ExpressionCheck } from './check';
import { clockFunctions } from './clock-functions';
import { ExpressionError } from './expression-error';
import { fromFeelValue, toFeelValue } from './feel-values';
import { freeVariablesOfFeel } from './free-variables';
import { unwrapExpression } from './unwrap';

/**
 * Evaluates a diagram expression (`${ … }`, `$( … )`, `$ …` or bare FEEL) in the restricted language.
 * `context.now` is the clock for `now()`/`today()`. Unknown variables are null, as in FEEL.
 * Throws ExpressionError when the expression is rejected or fails to evaluate.
 */
export function evaluateExpression(source: string, context: Record<string, unknown>): unknown {
  const feel = unwrapExpression(source);
  const { now, ...variables } = context;
  const feelContext = { ...(toFeelValue(readVariables(feel, variables)) as Record<string, unknown>), ...clockFunctions(now, source) };

  const violation = checkedViolation(feel, feelContext);
  if (violation) throw new ExpressionError(source, violation);

  try {
    return fromFeelValue(evaluate(feel, feelContext));
  } catch (error) {
    if (error instanceof ExpressionError) throw error;
    throw new ExpressionError(source, `evaluation failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const MAX_CACHED = 2000;
const namesRead = new Map<string, string[] | null>();

/**
 * Only the variables the expression reads: feelin parses against every context key and converts every value, and
 * instance data has dozens of fields where an expression reads one or two. When a top-level name is not a plain
 * identifier (`date of birth`) the parse itself depends on the context, so the whole context is kept.
 */
function readVariables(feel: string, variables: Record<string, unknown>): Record<string, unknown> {
  let names = namesRead.get(feel);
  if (names === undefined) {
    names = freeVariablesOfFeel(feel) ?? null;
    if (namesRead.size >= MAX_CACHED) namesRead.delete(namesRead.keys().next().value!);
    namesRead.set(feel, names);
  }
  if (names === null) return variables;
  for (const key in variables) if (!PLAIN_NAME.test(key)) return variables;
  const read: Record<string, unknown> = {};
  for (const name of names) if (Object.prototype.hasOwnProperty.call(variables, name)) read[name] = variables[name];
  return read;
}

/** Verdicts of findViolation by expression and the context names that change how it parses (diagrams repeat a few hundred expressions). */
const checked = new Map<string, string | null>();
const PLAIN_NAME = /^[A-Za-z_$][\w$]*$/;

/**
 * The check of an expression, parsed with the same context feelin evaluates it with (so the checked tree is the
 * evaluated tree). Only names that are not plain identifiers (`date of birth`) change the parse; they are part of the key.
 */
function checkedViolation(feel: string, feelContext: Record<string, unknown>): string | undefined {
  const special = Object.keys(feelContext).filter((name) => !PLAIN_NAME.test(name)).sort();
  const key = `${feel}\u0000${special.join('\u0000')}`;
  let verdict = checked.get(key);
  if (verdict === undefined) {
    verdict = findViolation(parseExpression(feel, feelContext), feel) ?? null;
    if (checked.size >= MAX_CACHED) checked.delete(checked.keys().next().value!);
    checked.set(key, verdict);
  }
  return verdict ?? undefined;
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
