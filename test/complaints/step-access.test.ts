import { Actor } from '../../src/app/actor';
import { ComplaintStep } from '../../src/app/complaints/complaint-view';
import { worksOnWaitingStep } from '../../src/app/complaints/queries';

const actor = (username: string, departmentCode: string, groups: string[]): Actor =>
  ({ userId: username, username, displayName: username, departmentId: departmentCode, departmentCode, groups, headOf: [] });
const step = (candidateGroups: string[], assignee: string | null = null): ComplaintStep =>
  ({ taskId: 't1', elementId: 'e1', name: null, candidateGroups, assignee, dueAt: null });
const SCOPED = ['dept-head'];

describe('who reads a complaint of another department because they work on its waiting step', () => {
  it('a quality engineer reads the operations complaint whose root-cause meeting waits for quality', () => {
    expect(worksOnWaitingStep(actor('quality1', 'ZL', ['quality']), [step(['quality'])], SCOPED)).toBe(true);
  });

  it('the assignee of a waiting step reads it', () => {
    expect(worksOnWaitingStep(actor('x', 'GC', ['ops']), [step(['quality'], 'x')], SCOPED)).toBe(true);
  });

  it('a department head of another department does not: heads act only for their own department', () => {
    expect(worksOnWaitingStep(actor('head-gc', 'GC', ['dept-head']), [step(['dept-head'])], SCOPED)).toBe(false);
  });

  it('staff outside every waiting step\'s groups do not', () => {
    expect(worksOnWaitingStep(actor('ops1', 'YW', ['ops']), [step(['quality'])], SCOPED)).toBe(false);
    expect(worksOnWaitingStep(actor('ops1', 'YW', ['ops']), [], SCOPED)).toBe(false);
  });
});
