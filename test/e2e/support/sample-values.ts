import type { FormField } from '../../../src/engine/forms/form-field';

/**
 * A value that satisfies a form field's declared constraints, chosen from the field schema alone, so a test can
 * complete any task of any diagram version. Yes/no questions are answered "yes" and enums take their first
 * value, which moves a complaint forward (solved, satisfied, records complete).
 */
export function sampleValue(field: FormField): string | number | boolean {
  const c = field.constraints;
  switch (field.type) {
    case 'boolean':
      return true;
    case 'enum':
      return field.values[0].id;
    case 'long': {
      const low = c.min ?? 0;
      return c.max !== undefined && c.max < low ? c.max : Math.max(low, Math.min(1, c.max ?? 1));
    }
    case 'date':
      return '2026-11-25 10:00';
    case 'string': {
      if (c.pattern) return fromPattern(c.pattern);
      const base = `${field.label}：已按规定处理`;
      const min = c.minlength ?? 0;
      let text = base;
      while ([...text].length < min) text += '，情况属实';
      const max = c.maxlength ?? Infinity;
      return [...text].slice(0, Math.max(min, Math.min(max, [...text].length))).join('');
    }
  }
}

/**
 * A string matching a simple regular expression: literals, escapes (\d \w \s and escaped characters), classes
 * ([A-Z0-9_]), groups with alternation (first branch), and quantifiers (? * + {n} {n,m}, smallest count ≥ 1).
 */
export function fromPattern(pattern: string): string {
  let i = 0;
  const source = pattern.replace(/^\^/, '').replace(/\$$/, '');

  function sequence(): string {
    let out = '';
    while (i < source.length && source[i] !== ')' && source[i] !== '|') {
      const atom = nextAtom();
      const count = quantifier();
      out += atom.repeat(count);
    }
    return out;
  }

  function nextAtom(): string {
    const ch = source[i++];
    if (ch === '\\') {
      const escaped = source[i++];
      return ({ d: '1', w: 'a', s: ' ', D: 'a', W: '-', S: 'a' } as Record<string, string>)[escaped] ?? escaped;
    }
    if (ch === '[') {
      const end = source.indexOf(']', i + 1);
      const body = source.slice(i, end);
      i = end + 1;
      const first = body.startsWith('\\') ? ({ d: '1', w: 'a', s: ' ' } as Record<string, string>)[body[1]] ?? body[1] : body[0];
      return first === '^' ? 'a' : first;
    }
    if (ch === '(') {
      if (source.startsWith('?:', i)) i += 2;
      const branch = sequence();
      while (source[i] === '|') { i += 1; sequence(); }
      i += 1; // ')'
      return branch;
    }
    if (ch === '.') return 'a';
    return ch;
  }

  function quantifier(): number {
    const ch = source[i];
    if (ch === '?' || ch === '*') { i += 1; return ch === '?' ? 0 : 1; }
    if (ch === '+') { i += 1; return 1; }
    if (ch === '{') {
      const end = source.indexOf('}', i);
      const [min] = source.slice(i + 1, end).split(',').map(Number);
      i = end + 1;
      return min;
    }
    return 1;
  }

  const result = sequence();
  return result;
}
