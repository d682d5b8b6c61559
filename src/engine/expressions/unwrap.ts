import { ExpressionError } from './expression-error';

/** Longer sources are rejected before parsing: no diagram needs them, and deep nesting could exhaust the stack. */
export const MAX_EXPRESSION_LENGTH = 10_000;

/**
 * Strips the wrappers diagrams put around expressions — `${ … }`, `$( … )`, `$ …` — and returns the bare FEEL source.
 * `$( … )` keeps its parentheses: they are a valid FEEL parenthesized expression, and stripping them would
 * break `$(a) + (b)`.
 */
export function unwrapExpression(source: string): string {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`${source.slice(0, 80)}…`, `the expression is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  }
  let feel = source.trim();
  if (feel.startsWith('$')) {
    feel = feel.slice(1).trim();
    if (feel.startsWith('{') && closingBraceIndex(feel) === feel.length - 1) {
      feel = feel.slice(1, -1).trim();
    }
  }
  if (feel === '') {
    throw new ExpressionError(source, 'the expression is empty');
  }
  return feel;
}

/** Index of the `}` that closes the `{` at index 0, skipping string literals; -1 when unbalanced. */
function closingBraceIndex(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      i = endOfStringLiteral(text, i);
    } else if (char === '{') {
      depth++;
    } else if (char === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function endOfStringLiteral(text: string, openingQuote: number): number {
  for (let i = openingQuote + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}
