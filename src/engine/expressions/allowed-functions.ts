/**
 * The pure (deterministic, side-effect free) FEEL built-ins diagrams may call. `now()` and `today()` are included but
 * are answered from the caller's clock (see clock-functions.ts), never from the system time.
 *
 * Left out on purpose:
 * - `get value`: looks its key up with `in`, so a computed key such as "constructor" reaches Object.prototype members
 *   that the static name check cannot see.
 * - `overlaps before`, `overlaps after`, `finishes`, `finished by`, `during`, `starts`, `started by`, `coincides`:
 *   feelin 4.6 throws "not implemented" for them, so rejecting them at deploy time beats failing at run time.
 */
const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  // conversion
  'number', 'string', 'date', 'date and time', 'time', 'duration', 'years and months duration',
  // boolean
  'not', 'is',
  // string
  'substring', 'string length', 'upper case', 'lower case', 'substring before', 'substring after', 'replace',
  'contains', 'matches', 'starts with', 'ends with', 'split', 'string join',
  // list
  'list contains', 'list replace', 'count', 'min', 'max', 'sum', 'mean', 'all', 'any', 'sublist', 'append',
  'concatenate', 'insert before', 'remove', 'reverse', 'index of', 'union', 'distinct values', 'flatten', 'product',
  'median', 'stddev', 'mode', 'sort',
  // numeric
  'decimal', 'floor', 'ceiling', 'abs', 'round up', 'round down', 'round half up', 'round half down', 'modulo', 'sqrt',
  'log', 'exp', 'odd', 'even',
  // range
  'before', 'after', 'meets', 'met by', 'overlaps', 'includes',
  // temporal
  'day of year', 'day of week', 'month of year', 'week of year', 'now', 'today',
  // context
  'get entries', 'context', 'context merge', 'context put',
]);

/** Every built-in feelin 4.6 resolves by name; used to stop a disallowed built-in from being passed around as a value. */
const FEELIN_BUILTINS: ReadonlySet<string> = new Set([
  ...ALLOWED_FUNCTIONS,
  'get value', 'overlaps before', 'overlaps after', 'finishes', 'finished by', 'during', 'starts', 'started by',
  'coincides',
]);

export function isAllowedFunction(name: string): boolean {
  return ALLOWED_FUNCTIONS.has(name);
}

export function isDisallowedBuiltin(name: string): boolean {
  return FEELIN_BUILTINS.has(name) && !ALLOWED_FUNCTIONS.has(name);
}

export function allowedFunctionNames(): string[] {
  return [...ALLOWED_FUNCTIONS];
}
