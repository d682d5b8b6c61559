/** What the browser test needs to know of a BPMN diagram, read from its XML (any namespace prefix). */
export interface DiagramStructure {
  flows: Array<{ id: string; source: string; target: string }>;
  boundaryEvents: Array<{ id: string; attachedTo: string }>;
  exclusiveGateways: string[];
}

function attributesOf(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:-]+)="([^"]*)"/g)) attributes[match[1]] = match[2];
  return attributes;
}

function tags(xml: string, localName: string): Array<Record<string, string>> {
  return (xml.match(new RegExp(`<(?:[\\w-]+:)?${localName}\\b[^>]*>`, 'g')) ?? []).map(attributesOf);
}

export function diagramStructure(xml: string): DiagramStructure {
  return {
    flows: tags(xml, 'sequenceFlow').map((a) => ({ id: a.id, source: a.sourceRef, target: a.targetRef })),
    boundaryEvents: tags(xml, 'boundaryEvent').map((a) => ({ id: a.id, attachedTo: a.attachedToRef })),
    exclusiveGateways: tags(xml, 'exclusiveGateway').map((a) => a.id),
  };
}
