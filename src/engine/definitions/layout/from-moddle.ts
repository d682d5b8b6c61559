import type { LayoutGraph, LayoutNode } from './types';

/** The parts of a bpmn-moddle element read here (bpmn-js's moddle in the browser, bpmn-moddle in Node). */
export interface ModdleLike {
  $type: string;
  id?: string;
  name?: string;
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
}

/** A process or sub-process: each gets its own diagram plane. */
export interface LayoutContainer {
  id: string;
  graph: LayoutGraph;
}

export interface ExtractedDiagram {
  containers: LayoutContainer[];
  /** Elements that have no place in this layout (pools, lanes, data, annotations). */
  notLaidOut: string[];
}

const list = (element: ModdleLike, property: string) => (element.get(property) as ModdleLike[] | undefined) ?? [];

export function extractDiagram(definitions: ModdleLike): ExtractedDiagram {
  const containers: LayoutContainer[] = [];
  const notLaidOut: string[] = [];
  for (const root of list(definitions, 'rootElements')) {
    if (root.$instanceOf('bpmn:Collaboration')) notLaidOut.push(`${root.$type} ${root.id ?? ''} (pools and message flows)`);
    if (root.$instanceOf('bpmn:Process')) collect(root, containers, notLaidOut);
  }
  return { containers, notLaidOut };
}

function collect(container: ModdleLike, containers: LayoutContainer[], notLaidOut: string[]): void {
  const graph: LayoutGraph = { nodes: [], flows: [] };
  // the process's own diagram first: modelers open the first diagram of a file
  if (container.id) containers.push({ id: container.id, graph });
  if (list(container, 'laneSets').length > 0) notLaidOut.push(`lanes of ${container.id}`);
  for (const element of list(container, 'flowElements')) {
    if (element.$instanceOf('bpmn:SequenceFlow')) {
      const source = element.get('sourceRef') as ModdleLike | undefined;
      const target = element.get('targetRef') as ModdleLike | undefined;
      if (element.id && source?.id && target?.id) graph.flows.push({ id: element.id, source: source.id, target: target.id, ...named(element) });
    } else if (element.$instanceOf('bpmn:FlowNode') && element.id) {
      graph.nodes.push(nodeOf(element));
      if (element.$instanceOf('bpmn:SubProcess')) collect(element, containers, notLaidOut);
    } else if (!element.$instanceOf('bpmn:DataObject')) {
      notLaidOut.push(`${element.$type} ${element.id ?? ''}`);
    }
  }
  for (const artifact of list(container, 'artifacts')) notLaidOut.push(`${artifact.$type} ${artifact.id ?? ''}`);
}

function nodeOf(element: ModdleElementWithId): LayoutNode {
  const kind = element.$instanceOf('bpmn:Gateway') ? 'gateway' : element.$instanceOf('bpmn:Event') ? 'event' : 'activity';
  const host = element.$instanceOf('bpmn:BoundaryEvent') ? (element.get('attachedToRef') as ModdleLike | undefined)?.id : undefined;
  return {
    id: element.id!,
    kind,
    ...named(element),
    ...(host ? { attachedTo: host } : {}),
    ...(element.$instanceOf('bpmn:ExclusiveGateway') ? { markerVisible: true } : {}),
    ...(element.$instanceOf('bpmn:SubProcess') ? { collapsed: true } : {}),
  };
}

type ModdleElementWithId = ModdleLike;

function named(element: ModdleLike): { name?: string } {
  const name = typeof element.name === 'string' ? element.name.trim() : '';
  return name ? { name } : {};
}
