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
  const reading = readVariables(feel, context);
  const values = toFeelValue(reading.variables) as Record<string, unknown>;
  const feelContext: Record<string, unknown> = { ...values, ...clockFunctions(context.now, source) };

  const violation = checkedViolation(feel, feelContext);
  if (violation) throw new ExpressionError(source, violation);
  if (isBareVariable(feel, feelContext)) return fromFeelValue(feelContext[feel]);

  const key = reading.onlyWhatItReads ? resultKey(feel, values) : null;
  if (key !== null && results.has(key)) return results.get(key);
  try {
    const result = fromFeelValue(evaluate(feel, feelContext));
    if (key !== null && (result === null || typeof result !== 'object')) remember(results, key, result);
    return result;
  } catch (error) {
    if (error instanceof ExpressionError) throw error;
    throw new ExpressionError(source, `evaluation failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const MAX_CACHED = 2000;
const MAX_RESULT_KEY = 1000;
/**
 * Plain results (booleans, numbers, strings, null) by expression and the values it read. A restricted expression is a
 * pure function of those, unless it asks the clock; feelin parses it on every evaluation, which for a gateway's
 * `isRepeat = true or severity = "major"` costs more than the rest of evaluating it.
 */
const results = new Map<string, unknown>();
const ASKS_THE_CLOCK = /now|today/;

function resultKey(feel: string, values: Record<string, unknown>): string | null {
  if (ASKS_THE_CLOCK.test(feel)) return null;
  const key = `${feel}\u0000${JSON.stringify(values)}`;
  return key.length <= MAX_RESULT_KEY ? key : null;
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
}

/** FEEL words that a lone identifier-looking source may be, and that are not a variable then. */
const FEEL_WORDS: ReadonlySet<string> = new Set([
  'true', 'false', 'null', 'not', 'and', 'or', 'for', 'in', 'return', 'if', 'then', 'else', 'some', 'every',
  'satisfies', 'instance', 'of', 'function', 'external', 'between',
]);
const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A source that is only the name of a variable the context holds (`${priority}`, the most common expression in the
 * shipped diagrams) evaluates to that value: feelin would parse it and build an execution tree to answer the same.
 */
function isBareVariable(feel: string, feelContext: Record<string, unknown>): boolean {
  return SIMPLE_NAME.test(feel) && !FEEL_WORDS.has(feel) && Object.prototype.hasOwnProperty.call(feelContext, feel)
    && feelContext[feel] !== undefined;
}

const namesRead = new Map<string, string[] | null>();

/**
 * Only the variables the expression reads, `now` aside (it is the clock): feelin parses against every context key and
 * converts every value, and instance data has dozens of fields where an expression reads one or two. When a top-level
 * name is not a plain identifier (`date of birth`) the parse itself depends on the context, so the whole context is kept.
 */
function readVariables(feel: string, context: Record<string, unknown>): { variables: Record<string, unknown>; onlyWhatItReads: boolean } {
  let names = namesRead.get(feel);
  if (names === undefined) {
    names = freeVariablesOfFeel(feel) ?? null;
    remember(namesRead, feel, names);
  }
  if (names === null || !allPlainNames(context)) {
    const { now: _clock, ...variables } = context;
    return { variables, onlyWhatItReads: false };
  }
  const variables: Record<string, unknown> = {};
  for (const name of names) if (name !== 'now' && Object.prototype.hasOwnProperty.call(context, name)) variables[name] = context[name];
  return { variables, onlyWhatItReads: true };
}

function allPlainNames(context: Record<string, unknown>): boolean {
  for (const key in context) if (!isPlainName(key)) return false;
  return true;
}

/**
 * A name FEEL parses the same whatever the context (`[A-Za-z_$][A-Za-z0-9_$]*`); by character codes, as this runs over
 * every key of every evaluation.
 */
function isPlainName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36; // A-Z a-z _ $
    if (!letter && !(i > 0 && code >= 48 && code <= 57)) return false;
  }
  return true;
}

/** Verdicts of findViolation by expression and the context names that change how it parses (diagrams repeat a few hundred expressions). */
const checked = new Map<string, string | null>();

/**
 * The check of an expression, parsed with the same context feelin evaluates it with (so the checked tree is the
 * evaluated tree). Only names that are not plain identifiers (`date of birth`) change the parse; they are part of the key.
 */
function checkedViolation(feel: string, feelContext: Record<string, unknown>): string | undefined {
  const special = Object.keys(feelContext).filter((name) => !isPlainName(name)).sort();
  const key = `${feel}\u0000${special.join('\u0000')}`;
  let verdict = checked.get(key);
  if (verdict === undefined) {
    verdict = findViolation(parseExpression(feel, feelContext), feel) ?? null;
    remember(checked, key, verdict);
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
