import { elementStates, planHighlight, DiagramElementInfo } from '../../../web/src/auditor/diagram/highlight';
import type { InstanceDiagram } from '../../../web/src/auditor/types';

// A slice of complaint-lifecycle: firstResponse with a non-interrupting timer, then the major/minor gateway.
const elements: DiagramElementInfo[] = [
  { id: 'Process_1', type: 'bpmn:Process', outgoing: [] },
  { id: 'assignDepartment', type: 'bpmn:ServiceTask', outgoing: ['toRespond'] },
  { id: 'toRespond', type: 'bpmn:SequenceFlow', outgoing: [] },
  { id: 'firstResponse', type: 'bpmn:UserTask', outgoing: ['toResponded'] },
  { id: 'responseOverdue', type: 'bpmn:BoundaryEvent', outgoing: ['toEscalateResponse'] },
  { id: 'toEscalateResponse', type: 'bpmn:SequenceFlow', outgoing: [] },
  { id: 'escalateResponse', type: 'bpmn:ServiceTask', outgoing: [] },
  { id: 'toResponded', type: 'bpmn:SequenceFlow', outgoing: [] },
  { id: 'majorGateway', type: 'bpmn:ExclusiveGateway', outgoing: ['isMajor', 'notMajor'] },
  { id: 'isMajor', type: 'bpmn:SequenceFlow', outgoing: [] },
  { id: 'notMajor', type: 'bpmn:SequenceFlow', outgoing: [] },
  { id: 'handle', type: 'bpmn:UserTask', outgoing: [] },
  { id: 'resolutionOverdue', type: 'bpmn:BoundaryEvent', outgoing: ['toEscalateResolution'] },
  { id: 'toEscalateResolution', type: 'bpmn:SequenceFlow', outgoing: [] },
];

function diagram(overrides: Partial<InstanceDiagram>): InstanceDiagram {
  return {
    instanceId: 'i1', processKey: 'complaint-lifecycle', version: 1, xml: '<xml/>',
    completedElementIds: [], takenFlowIds: [], activeElementIds: [], incidentElementIds: [], runCounts: {},
    ...overrides,
  };
}

describe('planHighlight', () => {
  it('marks ran elements and taken flows, and leaves the untaken branch plain', () => {
    const plan = planHighlight(diagram({
      completedElementIds: ['assignDepartment', 'firstResponse', 'majorGateway'],
      takenFlowIds: ['toRespond', 'toResponded', 'notMajor'],
      activeElementIds: ['handle'],
    }), elements);
    expect(plan.markers.get('firstResponse')).toEqual(['cf-ran']);
    expect(plan.markers.get('notMajor')).toEqual(['cf-taken']);
    expect(plan.markers.has('isMajor')).toBe(false);
    expect(plan.markers.get('handle')).toEqual(['cf-active']);
  });

  it('does not highlight a boundary timer that was cancelled when its task finished, even if the engine lists it as ended', () => {
    const plan = planHighlight(diagram({
      completedElementIds: ['firstResponse', 'responseOverdue'],
      takenFlowIds: ['toResponded'],
      runCounts: { firstResponse: 1, responseOverdue: 1 },
    }), elements);
    expect(plan.markers.has('responseOverdue')).toBe(false);
    expect(plan.markers.has('toEscalateResponse')).toBe(false);
    expect(plan.badges.map((b) => b.elementId)).toEqual(['firstResponse']);
  });

  it('highlights a boundary timer that fired and took its flow', () => {
    const plan = planHighlight(diagram({
      completedElementIds: ['responseOverdue', 'escalateResponse'],
      takenFlowIds: ['toEscalateResponse'],
    }), elements);
    expect(plan.markers.get('responseOverdue')).toEqual(['cf-ran']);
    expect(plan.markers.get('toEscalateResponse')).toEqual(['cf-taken']);
  });

  it('counts loops: an element that ran three times gets a repeated badge', () => {
    const plan = planHighlight(diagram({
      completedElementIds: ['handle', 'resolutionOverdue'],
      takenFlowIds: ['toEscalateResolution'],
      activeElementIds: ['handle'],
      runCounts: { handle: 3, resolutionOverdue: 2, toEscalateResolution: 2 },
    }), elements);
    expect(plan.badges).toEqual([
      { elementId: 'handle', count: 3, repeated: true },
      { elementId: 'resolutionOverdue', count: 2, repeated: true },
    ]);
    expect(plan.markers.get('handle')).toEqual(['cf-ran', 'cf-active']);
    expect(elementStates(plan, 'handle')).toEqual(['已执行', '进行中']);
    expect(elementStates(plan, 'isMajor')).toEqual(['未执行']);
  });

  it('marks incidents and reports ids the pinned diagram does not have', () => {
    const plan = planHighlight(diagram({
      incidentElementIds: ['majorGateway'],
      completedElementIds: ['removedTask'],
      takenFlowIds: ['Process_1'],
    }), elements);
    expect(plan.markers.get('majorGateway')).toEqual(['cf-incident']);
    expect(plan.unknownIds).toEqual(['removedTask']);
    expect(plan.markers.has('Process_1')).toBe(false);
  });
});

describe('planHighlight with interrupted tasks and armed timers', () => {
  it('marks a task cut short by its interrupting timer and a timer that is still armed', () => {
    const plan = planHighlight(diagram({
      completedElementIds: ['resolutionOverdue'],
      takenFlowIds: ['toEscalateResolution'],
      interruptedElementIds: ['handle'],
      activeElementIds: ['firstResponse'],
      pendingTimers: [{ itemId: 'x', elementId: 'responseOverdue', dueAt: '2026-11-24T01:00:00Z' }],
    }), elements);
    expect(plan.markers.get('handle')).toEqual(['cf-interrupted']);
    expect(plan.markers.get('resolutionOverdue')).toEqual(['cf-ran']);
    expect(plan.markers.get('responseOverdue')).toEqual(['cf-pending']);
    expect(elementStates(plan, 'responseOverdue')).toEqual(['计时中']);
  });
});
