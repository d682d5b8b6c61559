import { freeVariables } from '../../../expressions/free-variables';
import { expressionsOf, type DiagramExpression } from './diagram-expressions';
import { attributeOf, extensionValues, is, listOf, propertyOf, type ModdleElement } from './elements';
import { ALWAYS_AVAILABLE_VARIABLES, type GateContext } from './gate-context';
import { handlerOf } from './known-handler';

const HANDLER_TASK_TYPES = ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'];
/** Elements whose completion data the diagram does not declare: a call's output mapping, a message's payload. */
const UNDECLARED_WRITERS = ['bpmn:CallActivity', 'bpmn:ReceiveTask', 'bpmn:IntermediateCatchEvent'];

export interface VariableFinding {
  expression: DiagramExpression;
  variable: string;
  /** What could be written here without declaring it (handlers without declared outputs, call activities …). */
  undeclaredWriters: string[];
  /** Names the process can have at that point, for "did you mean". */
  available: string[];
}

interface NodeFacts {
  writes: Set<string>;
  undeclared: string[];
  predecessors: Set<ModdleElement>;
  /** The sub-process containing the node, whose own predecessors also precede the node. */
  container?: ModdleElement;
}

/** Whether the context carries what the variable check needs (the server's gate always does). */
export function checksVariables(context: GateContext): boolean {
  return context.handlerOutputs !== undefined || context.startData !== undefined;
}

/**
 * Every variable an expression of the process reads that the process cannot have at that point: not start data,
 * not a form field of an earlier task, not a declared output of an earlier handler or output parameter.
 */
export function unknownVariables(processElement: ModdleElement, context: GateContext): VariableFinding[] {
  const facts = new Map<ModdleElement, NodeFacts>();
  collect(processElement, undefined, facts, context);
  const startData = new Set([...ALWAYS_AVAILABLE_VARIABLES, ...(context.startData ?? [])]);
  for (const element of listOf(processElement, 'flowElements')) {
    if (is(element, 'bpmn:StartEvent')) formFieldsOf(element).forEach((field) => startData.add(field));
  }
  const findings: VariableFinding[] = [];
  for (const node of facts.keys()) {
    for (const { expression, includeSelf, extra } of expressionsAround(node)) {
      const names = freeVariables(expression.source);
      if (!names) continue;
      const earlier = earlierNodes(node, facts, includeSelf);
      const available = new Set([...startData, ...extra]);
      const undeclared: string[] = [];
      for (const writer of earlier) {
        facts.get(writer)?.writes.forEach((name) => available.add(name));
        undeclared.push(...(facts.get(writer)?.undeclared ?? []));
      }
      for (const variable of names) {
        if (!available.has(variable)) findings.push({ expression, variable, undeclaredWriters: [...new Set(undeclared)], available: [...available] });
      }
    }
  }
  return findings;
}

function collect(container: ModdleElement, parent: ModdleElement | undefined, facts: Map<ModdleElement, NodeFacts>, context: GateContext): void {
  const elements = listOf(container, 'flowElements');
  for (const element of elements) {
    if (is(element, 'bpmn:SequenceFlow')) continue;
    facts.set(element, { ...writesOf(element, context), predecessors: new Set(), container: parent });
  }
  for (const element of elements) {
    if (is(element, 'bpmn:SequenceFlow')) {
      const source = propertyOf(element, 'sourceRef') as ModdleElement | undefined;
      const target = propertyOf(element, 'targetRef') as ModdleElement | undefined;
      if (source && target) facts.get(target)?.predecessors.add(source);
      // a flow's condition reads what its source and everything before it wrote
      if (source) facts.set(element, { writes: new Set(), undeclared: [], predecessors: new Set([source]), container: parent });
    } else if (is(element, 'bpmn:BoundaryEvent')) {
      const host = propertyOf(element, 'attachedToRef') as ModdleElement | undefined;
      if (host) facts.get(element)?.predecessors.add(host);
    }
    if (is(element, 'bpmn:SubProcess')) {
      collect(element, element, facts, context);
      const inner = listOf(element, 'flowElements').map((child) => facts.get(child)).filter((f): f is NodeFacts => f !== undefined);
      const own = facts.get(element)!;
      for (const child of inner) {
        child.writes.forEach((name) => own.writes.add(name));
        own.undeclared.push(...child.undeclared);
      }
    }
  }
}

function writesOf(element: ModdleElement, context: GateContext): { writes: Set<string>; undeclared: string[] } {
  const writes = new Set<string>();
  const undeclared: string[] = [];
  if (is(element, 'bpmn:UserTask') || is(element, 'bpmn:StartEvent')) formFieldsOf(element).forEach((field) => writes.add(field));
  if (HANDLER_TASK_TYPES.some((type) => is(element, type))) {
    const handler = handlerOf(element);
    const outputs = handler ? context.handlerOutputs?.[handler] : undefined;
    if (outputs) outputs.forEach((name) => writes.add(name));
    else if (handler) undeclared.push(`handler "${handler}"`);
  }
  if (UNDECLARED_WRITERS.some((type) => is(element, type)) && !isTimerEvent(element)) undeclared.push(`${element.$type.replace('bpmn:', '')} "${element.id ?? ''}"`);
  for (const parameter of inputOutputOf(element, 'outputParameters')) {
    const name = attributeOf(parameter, 'name');
    if (name) writes.add(name);
  }
  return { writes, undeclared };
}

function isTimerEvent(element: ModdleElement): boolean {
  const definitions = listOf(element, 'eventDefinitions');
  return definitions.length > 0 && definitions.every((definition) => is(definition, 'bpmn:TimerEventDefinition'));
}

export function formFieldsOf(element: ModdleElement): string[] {
  const formData = extensionValues(element).find((value) => is(value, 'camunda:FormData'));
  return listOf(formData, 'fields').map((field) => attributeOf(field, 'id')).filter((id): id is string => id !== undefined);
}

function inputOutputOf(element: ModdleElement, list: 'inputParameters' | 'outputParameters'): ModdleElement[] {
  const inputOutput = extensionValues(element).find((value) => is(value, 'camunda:InputOutput'));
  return listOf(inputOutput, list);
}

/** The expressions of a node and what it may read besides earlier nodes' writes. */
function expressionsAround(node: ModdleElement): Array<{ expression: DiagramExpression; includeSelf: boolean; extra: string[] }> {
  const loop = propertyOf(node, 'loopCharacteristics') as ModdleElement | undefined;
  const elementVariable = loop ? attributeOf(loop, 'camunda:elementVariable') : undefined;
  const extra = elementVariable ? [elementVariable] : [];
  const own = [node, ...(loop ? [loop] : []), ...listOf(node, 'eventDefinitions'), ...inputOutputOf(node, 'inputParameters')]
    .flatMap((element) => expressionsOf(element).map((expression) => ({ expression, includeSelf: is(node, 'bpmn:SequenceFlow'), extra })));
  const outputs = inputOutputOf(node, 'outputParameters')
    .flatMap((parameter) => expressionsOf(parameter).map((expression) => ({ expression, includeSelf: true, extra })));
  return [...own, ...outputs];
}

/** Every node from which `node` can be reached (its own writes count only for flows and output parameters). */
function earlierNodes(node: ModdleElement, facts: Map<ModdleElement, NodeFacts>, includeSelf: boolean): Set<ModdleElement> {
  const seen = new Set<ModdleElement>();
  const queue: ModdleElement[] = [...(facts.get(node)?.predecessors ?? [])];
  const container = facts.get(node)?.container;
  if (container) queue.push(...(facts.get(container)?.predecessors ?? []));
  if (includeSelf) queue.push(node);
  while (queue.length > 0) {
    const current = queue.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    const currentFacts = facts.get(current);
    queue.push(...(currentFacts?.predecessors ?? []));
    const outer = currentFacts?.container;
    if (outer) queue.push(...(facts.get(outer)?.predecessors ?? []));
  }
  return seen;
}
