/// <reference path="./bpmn-auto-layout.d.ts" />
/** An element `<…:BPMNDiagram` (any namespace prefix, or none) — diagram interchange is present. */
const HAS_DIAGRAM = /<([A-Za-z_][\w.-]*:)?BPMNDiagram[\s/>]/;

export function hasDiagramInterchange(xml: string): boolean {
  return HAS_DIAGRAM.test(xml);
}

/**
 * BPMN XML that a viewer or modeler can draw: the XML itself when it carries diagram interchange (BPMNDiagram),
 * else the XML with a layout computed by bpmn-auto-layout. The layouter is loaded only when needed.
 */
export async function ensureLayout(xml: string): Promise<string> {
  if (hasDiagramInterchange(xml)) return xml;
  const { layoutProcess } = await import('bpmn-auto-layout');
  return layoutProcess(xml);
}
