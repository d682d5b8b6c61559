import type { ModdleElement } from './moddle';

/**
 * bpmn-server wires sequence flows by their sourceRef/targetRef alone. Diagrams written by programs often leave out
 * the redundant <incoming>/<outgoing> children that bpmnlint's connectivity rules (no-disconnected, no-implicit-start,
 * no-implicit-end, fake-join, …) read, so they are filled in here: the rules then judge the diagram as the engine runs it.
 */
export function deriveFlowConnections(elementsById: Record<string, ModdleElement>): void {
  for (const element of Object.values(elementsById)) {
    if (!element.$instanceOf('bpmn:SequenceFlow')) continue;
    connect(element.get('sourceRef'), 'outgoing', element);
    connect(element.get('targetRef'), 'incoming', element);
  }
}

function connect(node: unknown, property: 'incoming' | 'outgoing', flow: ModdleElement): void {
  if (typeof node !== 'object' || node === null || !(node as ModdleElement).$instanceOf?.('bpmn:FlowNode')) return;
  const flows = (node as ModdleElement).get(property) as ModdleElement[];
  if (!flows.includes(flow)) flows.push(flow);
}
