import fs from 'node:fs';
import path from 'node:path';
import { ensureLayout, hasDiagramInterchange } from '../../web/src/shared/bpmn/ensure-layout';
import { normaliseFields, toApiError } from '../../web/src/shared/api/errors';
import { handlingOverdue, slaState } from '../../web/src/shared/sla';
import { filterQuery, sanitiseFilters } from '../../web/src/staff/inbox-filters';
import { describeNextSteps } from '../../web/src/staff/next-steps';

const HOUR = 3_600_000;

describe('SLA countdown colour', () => {
  const start = '2026-11-23T00:00:00.000Z';
  const due = '2026-11-23T10:00:00.000Z'; // a 10-hour window: amber in its last 2 hours
  const at = (hours: number) => Date.parse(start) + hours * HOUR;

  test('green until the last 20 % of the window, amber in it, red once overdue', () => {
    expect(slaState(at(1), due, start)).toBe('ok');
    expect(slaState(at(7.9), due, start)).toBe('ok');
    expect(slaState(at(8), due, start)).toBe('warning');
    expect(slaState(at(9.99), due, start)).toBe('warning');
    expect(slaState(at(10), due, start)).toBe('overdue');
    expect(slaState(at(30), due, start)).toBe('overdue');
  });

  test('without a deadline there is no countdown; without a window start only overdue can be told', () => {
    expect(slaState(at(1), null, start)).toBe('none');
    expect(slaState(at(9.5), due, null)).toBe('ok');
    expect(slaState(at(11), due, null)).toBe('overdue');
  });
});

describe('超时 tag of a complaint in the search list', () => {
  test('a late first response, resolution or CAPA record marks it; a late callback (after closure, its own task) or a met deadline does not', () => {
    expect(handlingOverdue({ response: -1, resolution: 5 * HOUR, capa: null })).toBe(true);
    expect(handlingOverdue({ response: null, resolution: -HOUR, capa: null })).toBe(true);
    expect(handlingOverdue({ response: null, resolution: null, capa: -1 })).toBe(true);
    expect(handlingOverdue({ response: null, resolution: HOUR, capa: 0 })).toBe(false);
    expect(handlingOverdue({ response: null, resolution: null, capa: null, callback: -HOUR } as Parameters<typeof handlingOverdue>[0])).toBe(false);
  });
});

describe('inbox filters', () => {
  test('saved preferences keep only known, well-typed filters', () => {
    expect(sanitiseFilters({ group: 'ops', severity: 'major', overdue: true, dueWithinMinutes: 60, mine: 'yes', colour: 'red', department: '' }))
      .toEqual({ group: 'ops', severity: 'major', overdue: true, dueWithinMinutes: 60 });
    expect(sanitiseFilters(null)).toEqual({});
  });

  test('the task-list query leaves unset filters out', () => {
    expect(filterQuery({ group: 'ops', overdue: false, mine: true, dueWithinMinutes: 240 })).toEqual({ group: 'ops', mine: true, dueWithinMinutes: 240 });
  });
});

describe('API errors', () => {
  test('field messages arrive as a list or a map and are keyed by field id without the data. prefix', () => {
    expect(normaliseFields([{ field: 'data.cause', messages: ['至少输入 4 个字'] }, { field: 'complainant.phone', messages: ['x'] }]))
      .toEqual({ cause: ['至少输入 4 个字'], 'complainant.phone': ['x'] });
    expect(normaliseFields({ 'data.verdict': ['必填'] })).toEqual({ verdict: ['必填'] });
  });

  test('a clerk always reads Chinese: the server\'s Chinese message, else a Chinese text for the code or status', () => {
    expect(toApiError(429, { error: 'too_many_attempts', message: '登录失败次数过多，请稍后再试' }).message).toBe('登录失败次数过多，请稍后再试');
    expect(toApiError(401, { error: 'invalid_credentials', message: 'Wrong username or password' }).message).toBe('用户名或密码错误');
    expect(toApiError(409, { error: 'conflict', message: 'Task already completed' }).message).toContain('刷新后重试');
    expect(toApiError(502, null).message).toBe('服务器内部错误，请稍后再试');
  });
});

describe('after completing a task', () => {
  const labels = {
    stepName: (_p: string, elementId: string) => ({ handle: '调查处理', callback: '回访' }[elementId] ?? elementId),
    roles: (groups: readonly string[]) => groups.map((g) => ({ ops: '运维管理部', 'dept-head': '责任部门负责人' }[g] ?? g)).join('、'),
    label: (_l: 'status', code: string | null | undefined) => ({ handling: '处理中' }[code ?? ''] ?? code ?? ''),
  };

  test('the clerk is told the next step and who has it', () => {
    const lines = describeNextSteps({
      next: [{ taskId: 't2', name: null, elementId: 'handle', candidateGroups: ['ops', 'dept-head'], assignee: null }],
      instanceEnded: false,
      complaintStatus: 'handling',
    }, 'complaint-lifecycle', labels, 'desk1');
    expect(lines).toEqual(['下一步：调查处理，由 运维管理部、责任部门负责人 处理', '投诉状态：处理中']);
  });

  test('an ended process says so', () => {
    expect(describeNextSteps({ next: [], instanceEnded: true }, 'complaint-lifecycle', labels, 'desk1'))
      .toEqual(['流程已结束，无后续步骤。']);
  });
});

describe('ensureLayout', () => {
  const withoutDiagram = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'tasks', 'task-review.bpmn'), 'utf8');

  test('XML without BPMNDiagram gets a computed layout with a shape per element', async () => {
    expect(hasDiagramInterchange(withoutDiagram)).toBe(false);
    const laidOut = await ensureLayout(withoutDiagram);
    expect(hasDiagramInterchange(laidOut)).toBe(true);
    expect(laidOut).toMatch(/bpmnElement="investigate"/);
    expect(laidOut).toMatch(/bpmnElement="approve"/);
  });

  test('XML that has diagram interchange is returned unchanged (a drawn layout is never replaced)', async () => {
    const laidOut = await ensureLayout(withoutDiagram);
    expect(await ensureLayout(laidOut)).toBe(laidOut);
  });

  test('the shipped diagrams can all be laid out', async () => {
    const dir = path.join(__dirname, '..', '..', 'processes');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.bpmn'))) {
      expect(hasDiagramInterchange(await ensureLayout(fs.readFileSync(path.join(dir, file), 'utf8')))).toBe(true);
    }
  });
});
