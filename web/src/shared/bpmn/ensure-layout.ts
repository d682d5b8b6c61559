/// <reference path="./bpmn-moddle.d.ts" />
/** An element `<…:BPMNDiagram` (any namespace prefix, or none) — diagram interchange is present. */
const HAS_DIAGRAM = /<([A-Za-z_][\w.-]*:)?BPMNDiagram[\s/>]/;

export function hasDiagramInterchange(xml: string): boolean {
  return HAS_DIAGRAM.test(xml);
}

/**
 * BPMN XML that a viewer or modeler can draw: the XML itself when it carries diagram interchange (BPMNDiagram),
 * else the XML laid out by the same layout as `npm run layout:processes` (main path on one row, branches below,
 * labels clear of shapes). The parser and the layout are loaded only when needed.
 */
export async function ensureLayout(xml: string): Promise<string> {
  if (hasDiagramInterchange(xml)) return xml;
  const [{ BpmnModdle }, layout, camunda] = await Promise.all([
    import('bpmn-moddle'),
    import('../../../../src/engine/definitions/layout'),
    import('camunda-bpmn-moddle/resources/camunda.json'),
  ]);
  const { rootElement } = await new BpmnModdle({ camunda: camunda.default ?? camunda }).fromXML(xml);
  return layout.writeLayout(xml, layout.extractDiagram(rootElement as unknown as import('../../../../src/engine/definitions/layout').ModdleLike));
}
