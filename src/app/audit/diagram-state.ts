/** One execution item as the diagram view needs it (a row of wf_item). */
export interface DiagramItem {
  id: string;
  seq: number;
  elementId: string;
  elementType: string;
  name: string | null;
  status: string;
  assignee: string | null;
  dueAt: Date | null;
  timerDueAt: Date | null;
  tokenId: unknown;
  candidateGroups: string[];
}

export interface ActiveTask {
  itemId: string;
  elementId: string;
  name: string | null;
  assignee: string | null;
  candidateGroups: string[];
  dueAt: Date | null;
}

export interface PendingTimer {
  itemId: string;
  elementId: string;
  dueAt: Date | null;
}

export interface DiagramState {
  /** Flow nodes that ran and finished; boundary events that were armed and then cancelled are not among them. */
  completedElementIds: string[];
  /** Sequence flows a token actually took. */
  takenFlowIds: string[];
  /** Flow nodes a token is at now (waiting tasks, running call activities); armed timers are in pendingTimers. */
  activeElementIds: string[];
  /** Flow nodes interrupted by an interrupting event or by the end of the instance. */
  interruptedElementIds: string[];
  /** How many times each element ran (a loop back through a task counts every pass). */
  runCounts: Record<string, number>;
  activeTasks: ActiveTask[];
  pendingTimers: PendingTimer[];
}

const WAITING = ['wait', 'start', 'enter'];
const SEQUENCE_FLOW = 'bpmn:SequenceFlow';
const BOUNDARY_EVENT = 'bpmn:BoundaryEvent';
const TASK_TYPES = ['bpmn:UserTask', 'bpmn:ReceiveTask'];
const ACTIVITY_TYPES = /Task$|^bpmn:SubProcess$|^bpmn:CallActivity$/;

/**
 * What an instance's items say about the path it took. `firedItemIds` are the boundary-event items the audit
 * trail records as fired; a boundary event also counts as fired when a flow leaving it was taken by its token.
 */
export function diagramState(items: readonly DiagramItem[], flowSources: ReadonlyMap<string, string>, firedItemIds: ReadonlySet<string>): DiagramState {
  const takenFlows = items.filter((item) => item.elementType === SEQUENCE_FLOW && item.status === 'end');
  const left = itemsLeftByAFlow(items, takenFlows, flowSources);
  const hasOutgoing = new Set(flowSources.values());
  /** A task that ended without a token leaving it was cut short by an interrupting event. */
  const finished = (item: DiagramItem) => !ACTIVITY_TYPES.test(item.elementType) || !hasOutgoing.has(item.elementId) || left.has(item.id);
  const fired = (item: DiagramItem) => firedItemIds.has(item.id) || left.has(item.id);

  const completed: string[] = [];
  const active: string[] = [];
  const interrupted: string[] = [];
  const runCounts: Record<string, number> = {};
  const activeTasks: ActiveTask[] = [];
  const pendingTimers: PendingTimer[] = [];
  const count = (elementId: string) => { runCounts[elementId] = (runCounts[elementId] ?? 0) + 1; };

  for (const item of items) {
    if (item.elementType === SEQUENCE_FLOW) {
      if (item.status === 'end') count(item.elementId);
      continue;
    }
    if (item.elementType === BOUNDARY_EVENT) {
      if (WAITING.includes(item.status)) pendingTimers.push({ itemId: item.id, elementId: item.elementId, dueAt: item.timerDueAt });
      else if (item.status === 'end' && fired(item)) { completed.push(item.elementId); count(item.elementId); }
      continue;
    }
    if (item.status === 'end' && finished(item)) { completed.push(item.elementId); count(item.elementId); }
    else if (WAITING.includes(item.status)) {
      active.push(item.elementId);
      count(item.elementId);
      if (TASK_TYPES.includes(item.elementType) && item.status === 'wait') {
        activeTasks.push({ itemId: item.id, elementId: item.elementId, name: item.name, assignee: item.assignee, candidateGroups: item.candidateGroups, dueAt: item.dueAt });
      }
    } else if (item.status === 'end' || item.status === 'terminated') { interrupted.push(item.elementId); count(item.elementId); }
  }
  return {
    completedElementIds: unique(completed),
    takenFlowIds: unique(takenFlows.map((flow) => flow.elementId)),
    activeElementIds: unique(active),
    interruptedElementIds: unique(interrupted).filter((id) => !completed.includes(id) && !active.includes(id)),
    runCounts,
    activeTasks,
    pendingTimers,
  };
}

/**
 * Ids of items a token left through a taken flow. bpmn-server numbers a flow item before the item it leaves at
 * times, so items and flows are matched by count per element and token: when fewer flows left an element than
 * its items ended, the latest items are the ones cut short (an interrupting event ends that token).
 */
function itemsLeftByAFlow(items: readonly DiagramItem[], takenFlows: readonly DiagramItem[], flowSources: ReadonlyMap<string, string>): Set<string> {
  const departures = new Map<string, number>();
  for (const flow of takenFlows) {
    const key = `${flowSources.get(flow.elementId)}|${String(flow.tokenId)}`;
    departures.set(key, (departures.get(key) ?? 0) + 1);
  }
  const left = new Set<string>();
  const byElementAndToken = new Map<string, DiagramItem[]>();
  for (const item of items) {
    if (item.elementType === SEQUENCE_FLOW || item.status !== 'end') continue;
    const key = `${item.elementId}|${String(item.tokenId)}`;
    byElementAndToken.set(key, [...(byElementAndToken.get(key) ?? []), item]);
  }
  for (const [key, group] of byElementAndToken) {
    group.slice(0, departures.get(key) ?? 0).forEach((item) => left.add(item.id));
  }
  return left;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
