/// <reference path="./bpmn-moddle.d.ts" />
import { BpmnModdle } from 'bpmn-moddle';
import { ensureLayout, hasDiagramInterchange } from '../../shared/bpmn/ensure-layout';

// bpmn-moddle is part of bpmn-js, which this page's chunk loads anyway.

/**
 * The pinned XML, laid out when it has no DI. bpmn-auto-layout follows the nodes' <incoming>/<outgoing>
 * children, which hand-written diagrams often leave out (the engine only needs sourceRef/targetRef): without
 * them it draws no sequence flows at all, so they are filled in first.
 */
export async function withLayout(xml: string): Promise<string> {
  if (hasDiagramInterchange(xml)) return xml;
  return ensureLayout(await withFlowReferences(xml));
}

interface ModdleElement {
  $instanceOf(type: string): boolean;
  sourceRef?: ModdleElement;
  targetRef?: ModdleElement;
  incoming?: ModdleElement[];
  outgoing?: ModdleElement[];
}

async function withFlowReferences(xml: string): Promise<string> {
  const moddle = BpmnModdle();
  const { rootElement, elementsById } = await moddle.fromXML(xml);
  for (const element of Object.values(elementsById) as unknown as ModdleElement[]) {
    if (!element.$instanceOf('bpmn:SequenceFlow')) continue;
    connect(element.sourceRef, 'outgoing', element);
    connect(element.targetRef, 'incoming', element);
  }
  return (await moddle.toXML(rootElement)).xml;
}

function connect(node: ModdleElement | undefined, property: 'incoming' | 'outgoing', flow: ModdleElement): void {
  if (!node?.$instanceOf('bpmn:FlowNode')) return;
  const flows = (node[property] ??= []);
  if (!flows.includes(flow)) flows.push(flow);
}
