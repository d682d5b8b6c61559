/**
 * Diagrams deployed without DI (shapes and positions) get an automatic layout before the viewer imports them.
 * bpmn-auto-layout follows the nodes' <incoming>/<outgoing> children, which hand-written diagrams often leave
 * out (the engine only needs sourceRef/targetRef), so those are filled in first.
 */
export async function withLayout(xml: string): Promise<string> {
  if (/<(\w+:)?BPMNShape\b/.test(xml)) return xml;
  const [{ BpmnModdle }, { layoutProcess }] = await Promise.all([import('bpmn-moddle'), import('bpmn-auto-layout')]);
  const moddle = BpmnModdle();
  const { rootElement, elementsById } = await moddle.fromXML(xml);
  for (const element of Object.values(elementsById) as ModdleElement[]) {
    if (!element.$instanceOf('bpmn:SequenceFlow')) continue;
    connect(element.sourceRef, 'outgoing', element);
    connect(element.targetRef, 'incoming', element);
  }
  const { xml: connected } = await moddle.toXML(rootElement);
  return layoutProcess(connected);
}

interface ModdleElement {
  $instanceOf(type: string): boolean;
  sourceRef?: ModdleElement;
  targetRef?: ModdleElement;
  incoming?: ModdleElement[];
  outgoing?: ModdleElement[];
}

function connect(node: ModdleElement | undefined, property: 'incoming' | 'outgoing', flow: ModdleElement): void {
  if (!node?.$instanceOf('bpmn:FlowNode')) return;
  const flows = (node[property] ??= []);
  if (!flows.includes(flow)) flows.push(flow);
}
