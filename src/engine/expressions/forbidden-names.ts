/**
 * Names that only make sense as attempts to reach JavaScript: FEEL resolves them to null anyway, but rejecting them at
 * deploy time turns a silently-null condition (or a migration of an old JavaScript expression) into a clear error.
 */
const JAVASCRIPT_NAMES = ['require', 'process', 'global', 'globalThis', 'Function', 'eval', 'import', 'this'];

/**
 * feelin looks names up with the `in` operator, which walks the prototype chain: `x.constructor` on any FEEL context is
 * Object, and `.constructor` again is Function. Every Object.prototype member is therefore off limits as a name or path
 * segment.
 */
const PROTOTYPE_NAMES = ['constructor', '__proto__', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)];

const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([...JAVASCRIPT_NAMES, ...PROTOTYPE_NAMES]);

export function isForbiddenName(name: string): boolean {
  return FORBIDDEN_NAMES.has(name);
}

/** Keys that must never be copied into an object with `target[key] = …` (prototype pollution). */
export function isPrototypeKey(key: string): boolean {
  return PROTOTYPE_NAMES.includes(key);
}
