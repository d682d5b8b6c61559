import type { InstanceDiagram } from '../types';

/** What the viewer knows of one diagram element (from bpmn-js's element registry). */
export interface DiagramElementInfo {
  id: string;
  /** bpmn-moddle type, e.g. `bpmn:UserTask`, `bpmn:SequenceFlow`, `bpmn:BoundaryEvent`. */
  type: string;
  /** Ids of the element's outgoing sequence flows. */
  outgoing: string[];
}

/** CSS classes the viewer adds to an element (bpmn-js canvas markers). */
export const MARKERS = {
  ran: 'cf-ran',
  taken: 'cf-taken',
  active: 'cf-active',
  incident: 'cf-incident',
  interrupted: 'cf-interrupted',
  /** A timer that is armed now (its task is still open). */
  pending: 'cf-pending',
} as const;
export type Marker = (typeof MARKERS)[keyof typeof MARKERS];

export interface RunBadge {
  elementId: string;
  count: number;
  /** Ran more than once: a loop, a rework or an escalation repeated it. */
  repeated: boolean;
}

export interface HighlightPlan {
  markers: Map<string, Marker[]>;
  badges: RunBadge[];
  /** Ids the server reported that the pinned diagram does not contain (shown to the auditor, never silently dropped). */
  unknownIds: string[];
}

const FLOW = 'bpmn:SequenceFlow';
const BOUNDARY = 'bpmn:BoundaryEvent';
const NOT_HIGHLIGHTABLE = new Set(['bpmn:Process', 'bpmn:Collaboration', 'bpmn:Participant', 'bpmn:Lane', 'label']);

/**
 * Which elements and flows to mark, from the server's record of what ran.
 * Only sequence flows the server lists as taken are marked taken (an untaken branch stays plain). A boundary event
 * counts as ran only when it is listed as completed AND one of its outgoing flows was taken: a timer that was
 * cancelled because its task finished first never takes its flow, whatever state the engine left it in.
 */
export function planHighlight(diagram: InstanceDiagram, elements: readonly DiagramElementInfo[]): HighlightPlan {
  const byId = new Map(elements.map((element) => [element.id, element]));
  const taken = new Set(diagram.takenFlowIds);
  const markers = new Map<string, Marker[]>();
  const add = (id: string, marker: Marker) => {
    const list = markers.get(id) ?? [];
    if (!list.includes(marker)) list.push(marker);
    markers.set(id, list);
  };
  const unknown = new Set<string>();
  const known = (id: string) => {
    const element = byId.get(id);
    if (!element) unknown.add(id);
    return element && !NOT_HIGHLIGHTABLE.has(element.type) ? element : undefined;
  };

  for (const id of diagram.takenFlowIds) {
    const element = known(id);
    if (element?.type === FLOW) add(id, MARKERS.taken);
  }
  const ran = new Set<string>();
  for (const id of diagram.completedElementIds) {
    const element = known(id);
    if (!element || element.type === FLOW) continue;
    if (element.type === BOUNDARY && element.outgoing.length > 0 && !element.outgoing.some((flow) => taken.has(flow))) continue;
    ran.add(id);
    add(id, MARKERS.ran);
  }
  for (const id of diagram.activeElementIds) if (known(id)) add(id, MARKERS.active);
  for (const id of diagram.incidentElementIds) if (known(id)) add(id, MARKERS.incident);
  for (const id of diagram.interruptedElementIds ?? []) if (known(id)) add(id, MARKERS.interrupted);
  for (const timer of diagram.pendingTimers ?? []) if (known(timer.elementId)) add(timer.elementId, MARKERS.pending);

  const badges: RunBadge[] = [];
  for (const [id, count] of Object.entries(diagram.runCounts ?? {})) {
    const element = byId.get(id);
    if (!element || element.type === FLOW || NOT_HIGHLIGHTABLE.has(element.type) || count < 1) continue;
    // A boundary event that was only armed and then cancelled did not run.
    if (element.type === BOUNDARY && !ran.has(id)) continue;
    badges.push({ elementId: id, count, repeated: count > 1 });
  }
  badges.sort((a, b) => a.elementId.localeCompare(b.elementId));
  return { markers, badges, unknownIds: [...unknown].sort() };
}

/** The state words an element's detail panel shows. */
export function elementStates(plan: HighlightPlan, elementId: string): string[] {
  const labels: Record<Marker, string> = {
    [MARKERS.ran]: '已执行',
    [MARKERS.taken]: '已流经',
    [MARKERS.active]: '进行中',
    [MARKERS.incident]: '异常',
    [MARKERS.interrupted]: '被中断',
    [MARKERS.pending]: '计时中',
  };
  const states = (plan.markers.get(elementId) ?? []).map((marker) => labels[marker]);
  return states.length > 0 ? states : ['未执行'];
}
