import { layoutGraph } from './layout-graph';
import type { ExtractedDiagram } from './from-moddle';
import type { GraphLayout, LayoutGraph, Rect } from './types';
import { indentAt, scanXml, walk, type ScannedElement } from './xml-scan';

const NS = {
  model: 'http://www.omg.org/spec/BPMN/20100524/MODEL',
  bpmndi: 'http://www.omg.org/spec/BPMN/20100524/DI',
  dc: 'http://www.omg.org/spec/DD/20100524/DC',
  di: 'http://www.omg.org/spec/DD/20100524/DI',
};

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Returns the XML with a freshly computed diagram interchange section (one plane per process and sub-process)
 * and the <incoming>/<outgoing> references of every flow node; everything else in the text is left as written.
 * Running it twice gives the same text.
 */
export function writeLayout(xml: string, diagram: ExtractedDiagram): string {
  const root = scanXml(xml);
  const prefixes = namespacePrefixes(root);
  const model = prefixes.model === '' ? '' : `${prefixes.model}:`;
  const edits: Edit[] = [];

  const missing = (['bpmndi', 'dc', 'di'] as const).filter((key) => prefixes[key] === undefined);
  if (missing.length > 0) {
    const declarations = missing.map((key) => ` xmlns:${key}="${NS[key]}"`).join('');
    const close = root.startTagEnd - 1;
    edits.push({ start: close, end: close, text: declarations });
  }
  const di = { bpmndi: prefixes.bpmndi ?? 'bpmndi', dc: prefixes.dc ?? 'dc', di: prefixes.di ?? 'di' };

  const flowsOf = connections(diagram.containers.map((container) => container.graph));
  for (const element of walk(root)) {
    if (element.localName === 'BPMNDiagram' && element.parent === root) edits.push(removal(xml, element));
    const id = element.attributes.id;
    if (id === undefined || !flowsOf.has(id) || element.prefix !== prefixes.model) continue;
    edits.push(...connectionEdits(xml, element, flowsOf.get(id)!, model));
  }

  const blocks = diagram.containers.map((container) => diagramBlock(container.id, container.graph, layoutGraph(container.graph), di));
  const at = lastContentBefore(xml, root.endTagStart);
  edits.push({ start: at, end: at, text: blocks.join('') });
  return applyEdits(xml, edits);
}

function namespacePrefixes(root: ScannedElement): { model?: string; bpmndi?: string; dc?: string; di?: string } {
  const found: Record<string, string> = {};
  for (const [attribute, value] of Object.entries(root.attributes)) {
    if (attribute !== 'xmlns' && !attribute.startsWith('xmlns:')) continue;
    const prefix = attribute === 'xmlns' ? '' : attribute.slice(6);
    for (const [key, uri] of Object.entries(NS)) if (value === uri && found[key] === undefined) found[key] = prefix;
  }
  if (found.model === undefined) throw new Error('not a BPMN 2.0 document (no namespace for the BPMN model)');
  return found;
}

function connections(graphs: LayoutGraph[]): Map<string, { incoming: string[]; outgoing: string[] }> {
  const result = new Map<string, { incoming: string[]; outgoing: string[] }>();
  const entry = (id: string) => {
    const existing = result.get(id) ?? { incoming: [], outgoing: [] };
    result.set(id, existing);
    return existing;
  };
  for (const graph of graphs) {
    for (const node of graph.nodes) entry(node.id);
    for (const flow of graph.flows) {
      entry(flow.source).outgoing.push(flow.id);
      entry(flow.target).incoming.push(flow.id);
    }
  }
  return result;
}

const BEFORE_CONNECTIONS = new Set(['documentation', 'extensionElements', 'auditing', 'monitoring', 'categoryValueRef']);

function connectionEdits(xml: string, element: ScannedElement, flows: { incoming: string[]; outgoing: string[] }, model: string): Edit[] {
  const edits: Edit[] = [];
  const stale = element.children.filter((child) => child.localName === 'incoming' || child.localName === 'outgoing');
  for (const child of stale) edits.push(removal(xml, child));
  if (flows.incoming.length + flows.outgoing.length === 0) return edits;

  const indent = indentAt(xml, element.start);
  const kept = element.children.filter((child) => !stale.includes(child));
  const childIndent = kept.length > 0 ? indentAt(xml, kept[0].start) : `${indent}  `;
  const lines = [
    ...flows.incoming.map((id) => `\n${childIndent}<${model}incoming>${id}</${model}incoming>`),
    ...flows.outgoing.map((id) => `\n${childIndent}<${model}outgoing>${id}</${model}outgoing>`),
  ].join('');

  if (element.selfClosing) {
    const openTag = xml.slice(element.start, element.startTagEnd - 2).trimEnd();
    edits.push({ start: element.start, end: element.end, text: `${openTag}>${lines}\n${indent}</${element.name}>` });
    return edits;
  }
  if (kept.length === 0 && xml.slice(element.startTagEnd, element.endTagStart).trim() === '') {
    edits.push({ start: element.startTagEnd, end: element.endTagStart, text: `${lines}\n${indent}` });
    return edits;
  }
  const before = kept.filter((child) => BEFORE_CONNECTIONS.has(child.localName));
  const at = before.length > 0 ? before[before.length - 1].end : element.startTagEnd;
  edits.push({ start: at, end: at, text: lines });
  return edits;
}

/** The element and the whitespace in front of it. */
function removal(xml: string, element: ScannedElement): Edit {
  return { start: lastContentBefore(xml, element.start), end: element.end, text: '' };
}

function lastContentBefore(xml: string, offset: number): number {
  let index = offset;
  while (index > 0 && /\s/.test(xml[index - 1])) index -= 1;
  return index;
}

function applyEdits(xml: string, edits: Edit[]): string {
  const ordered = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = xml;
  for (const edit of ordered) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

function diagramBlock(containerId: string, graph: LayoutGraph, layout: GraphLayout, p: { bpmndi: string; dc: string; di: string }): string {
  const out: string[] = [];
  const bounds = (rect: Rect) => `<${p.dc}:Bounds x="${rect.x}" y="${rect.y}" width="${rect.width}" height="${rect.height}" />`;
  const label = (rect: Rect | undefined, indent: string) =>
    rect ? `\n${indent}<${p.bpmndi}:BPMNLabel>\n${indent}  ${bounds(rect)}\n${indent}</${p.bpmndi}:BPMNLabel>` : '';
  out.push(`\n  <${p.bpmndi}:BPMNDiagram id="BPMNDiagram_${containerId}">`);
  out.push(`\n    <${p.bpmndi}:BPMNPlane id="BPMNPlane_${containerId}" bpmnElement="${containerId}">`);
  const nodes = [...graph.nodes.filter((node) => node.attachedTo === undefined), ...graph.nodes.filter((node) => node.attachedTo !== undefined)];
  for (const node of nodes) {
    const shape = layout.shapes.get(node.id);
    if (!shape) continue;
    const flags = `${node.markerVisible ? ' isMarkerVisible="true"' : ''}${node.collapsed ? ' isExpanded="false"' : ''}`;
    out.push(`\n      <${p.bpmndi}:BPMNShape id="${node.id}_di" bpmnElement="${node.id}"${flags}>`);
    out.push(`\n        ${bounds(shape.bounds)}${label(shape.label, '        ')}`);
    out.push(`\n      </${p.bpmndi}:BPMNShape>`);
  }
  for (const flow of graph.flows) {
    const edge = layout.edges.get(flow.id);
    if (!edge) continue;
    out.push(`\n      <${p.bpmndi}:BPMNEdge id="${flow.id}_di" bpmnElement="${flow.id}">`);
    for (const point of edge.waypoints) out.push(`\n        <${p.di}:waypoint x="${point.x}" y="${point.y}" />`);
    out.push(label(edge.label, '        '));
    out.push(`\n      </${p.bpmndi}:BPMNEdge>`);
  }
  out.push(`\n    </${p.bpmndi}:BPMNPlane>`);
  out.push(`\n  </${p.bpmndi}:BPMNDiagram>`);
  return out.join('');
}
