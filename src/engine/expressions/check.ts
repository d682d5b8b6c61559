import { lintError, parseExpression } from 'feelin';
import { isAllowedFunction, isDisallowedBuiltin } from './allowed-functions';
import { isForbiddenName } from './forbidden-names';

type FeelTree = ReturnType<typeof parseExpression>;
type FeelNode = FeelTree['topNode'];

export type ExpressionCheck = { ok: true } | { ok: false; message: string };

const CLOCK_FUNCTIONS = new Set(['now', 'today']);

/**
 * Reasons in order of priority. A forbidden name comes first even in a tree with syntax errors (its identifier is in
 * the source either way): `$(require('child_process'))` is best explained by "require", not by the single quotes.
 */
const enum Priority {
  ForbiddenName,
  Syntax,
  Function,
}

interface Violation {
  priority: Priority;
  message: string;
}

/** The first reason (by priority) why the parsed FEEL may not be evaluated, or undefined when it is acceptable. */
export function findViolation(tree: FeelTree, feel: string): string | undefined {
  const violations: Violation[] = [];
  visit(tree.topNode, feel, violations);
  violations.sort((a, b) => a.priority - b.priority);
  return violations[0]?.message;
}

function visit(node: FeelNode, feel: string, violations: Violation[]): void {
  const violation = inspect(node, feel);
  if (violation) violations.push(violation);
  for (let child = node.firstChild; child; child = child.nextSibling) {
    visit(child, feel, violations);
  }
}

function inspect(node: FeelNode, feel: string): Violation | undefined {
  if (node.type.isError) {
    return { priority: Priority.Syntax, message: describeSyntaxError(node, feel) };
  }
  switch (node.name) {
    case 'Identifier':
    case 'Name':
      return checkName(normalizeName(textOf(node, feel)));
    case 'VariableName':
      return checkName(normalizeName(textOf(node, feel))) ?? checkBuiltinReference(node, feel);
    case 'StringLiteral':
      return node.parent?.name === 'Key' ? checkName(stringLiteralValue(textOf(node, feel))) : undefined;
    case 'FunctionInvocation':
      return checkCallee(node.firstChild, feel);
    case 'FunctionDefinition':
      return hasChild(node, 'external')
        ? { priority: Priority.Function, message: 'external functions are not allowed' }
        : undefined;
    default:
      return undefined;
  }
}

function checkName(name: string): Violation | undefined {
  if (isForbiddenName(name)) {
    return {
      priority: Priority.ForbiddenName,
      message: `uses the name "${name}", which is forbidden in expressions (JavaScript globals and prototype members are blocked)`,
    };
  }
  return undefined;
}

function checkCallee(callee: FeelNode | null, feel: string): Violation | undefined {
  if (callee && (callee.name === 'VariableName' || callee.name === 'SpecialFunctionName')) {
    const name = normalizeName(textOf(callee, feel));
    if (isForbiddenName(name) || isAllowedFunction(name)) return undefined;
    return { priority: Priority.Function, message: `calls "${name}", which is not an allowed FEEL built-in function` };
  }
  const target = callee ? textOf(callee, feel) : '';
  return {
    priority: Priority.Function,
    message: `calls the computed value "${target}"; only allowed FEEL built-in functions may be called, by name`,
  };
}

/**
 * A disallowed built-in used as a value (`for f in [get value] return f(m, k)`) would slip past the callee check, so
 * any reference to one is rejected — except as a path segment, where it is just a property name. A bare `now` or
 * `today` is always the clock function, never a time, so comparing with it is a mistake worth reporting.
 */
function checkBuiltinReference(node: FeelNode, feel: string): Violation | undefined {
  // lezer creates a fresh SyntaxNode object on each access, so position is judged by siblings, not identity.
  const isFirstChild = node.prevSibling === null;
  const parent = node.parent?.name;
  if ((parent === 'PathExpression' && !isFirstChild) || (parent === 'FunctionInvocation' && isFirstChild)) return undefined;
  const name = normalizeName(textOf(node, feel));
  if (isDisallowedBuiltin(name)) {
    return { priority: Priority.Function, message: `refers to "${name}", which is not an allowed FEEL built-in function` };
  }
  if (CLOCK_FUNCTIONS.has(name)) {
    return { priority: Priority.Function, message: `uses "${name}" without calling it; write ${name}()` };
  }
  return undefined;
}

function describeSyntaxError(node: FeelNode, feel: string): string {
  const { from, message } = lintError(node);
  const rest = feel.slice(from).trim();
  const where = rest === '' ? 'at the end' : `at character ${from + 1} (near "${truncate(rest, 20)}")`;
  return `syntax error ${where}: ${message}`;
}

function hasChild(node: FeelNode, name: string): boolean {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === name) return true;
  }
  return false;
}

function textOf(node: FeelNode, feel: string): string {
  return feel.slice(node.from, node.to);
}

function normalizeName(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function stringLiteralValue(literal: string): string {
  return literal.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1');
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
