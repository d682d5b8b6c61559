import { parseExpression } from 'feelin';
import { unwrapExpression } from './unwrap';

type FeelNode = ReturnType<typeof parseExpression>['topNode'];

/**
 * The top-level variable names a diagram expression reads (`a.b = c and count(list) > 1` → a, c, list): path
 * segments after the first, called function names, names bound by for/some/every, function parameters and context
 * keys are not reads. Undefined when the expression does not parse (the restricted-expressions rule reports that).
 */
export function freeVariables(source: string): string[] | undefined {
  let feel: string;
  try {
    feel = unwrapExpression(source);
  } catch {
    return undefined;
  }
  return freeVariablesOfFeel(feel);
}

/** freeVariables of an already unwrapped FEEL expression. */
export function freeVariablesOfFeel(feel: string): string[] | undefined {
  const tree = parseExpression(feel);
  const bound = new Set<string>();
  const read: string[] = [];
  let broken = false;
  const text = (node: FeelNode) => feel.slice(node.from, node.to).replace(/\s+/g, ' ').trim();
  const visit = (node: FeelNode): void => {
    if (node.type.isError) broken = true;
    if (node.name === 'Name' && ['InExpression', 'ParameterName', 'Key'].includes(node.parent?.name ?? '')) bound.add(text(node));
    if (node.name === 'VariableName') {
      const parent = node.parent?.name;
      const isFirst = node.prevSibling === null;
      const isPathMember = parent === 'PathExpression' && !isFirst;
      const isCallee = parent === 'FunctionInvocation' && isFirst;
      if (!isPathMember && !isCallee) read.push(text(node));
    }
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
  };
  visit(tree.topNode);
  if (broken) return undefined;
  return [...new Set(read.filter((name) => !bound.has(name)))];
}
