import dayjs from 'dayjs';
import { TaskForm } from '../../src/engine/forms';
import { checkTaskForm, chineseFieldMessage, formPayload, initialModel } from '../../web/src/shared/forms/validation';
import { startTaskApplication, TaskTestContext } from '../tasks/support';

/**
 * The console checks task forms in the browser with the server's validator. These tests hold the two to the
 * same verdicts: a value the browser rejects the server rejects (same fields), and a value it accepts completes.
 */

const valid = { verdict: 'fixed', cause: '光猫故障导致断网', hoursSpent: 3, ticket: 'GD123456', fixedAt: '2026-11-23T10:00:00+08:00' };

/** One broken rule per case, for every field type and constraint the forms support. */
const REJECTED: Array<[string, Record<string, unknown>]> = [
  ['required enum left empty', { ...valid, verdict: '' }],
  ['enum value not offered', { ...valid, verdict: 'maybe' }],
  ['required text left empty', { ...valid, cause: null }],
  ['text shorter than minlength', { ...valid, cause: '故障' }],
  ['text longer than maxlength', { ...valid, cause: '长'.repeat(201) }],
  ['text not matching the pattern', { ...valid, ticket: 'GD12345' }],
  ['number below min', { ...valid, hoursSpent: -1 }],
  ['number above max', { ...valid, hoursSpent: 73 }],
  ['number with a fraction', { ...valid, hoursSpent: 1.5 }],
  ['number typed as text', { ...valid, hoursSpent: '3' }],
  ['date that is not ISO-8601', { ...valid, fixedAt: '2026/11/23 10:00' }],
  ['several problems at once', { verdict: '', cause: 'x', hoursSpent: 100, ticket: 'no' }],
];

const ACCEPTED: Array<[string, Record<string, unknown>]> = [
  ['every field filled in', valid],
  ['optional fields left empty', { verdict: 'forwarded', cause: '需要转交', hoursSpent: null, ticket: '', fixedAt: null }],
  ['limits reached exactly', { verdict: 'notReproducible', cause: '四个字符', hoursSpent: 72, ticket: 'GD000000' }],
  ['date as the console date picker writes it', { ...valid, fixedAt: dayjs('2026-11-23T02:00:00Z').format('YYYY-MM-DDTHH:mm:ssZ') }],
  ['text of 200 four-byte characters (length counted in characters)', { ...valid, cause: '𠀀'.repeat(200) }],
];

let t: TaskTestContext;
let form: TaskForm;

beforeAll(async () => {
  t = await startTaskApplication();
  const { taskId } = await t.startInvestigation({ dueInHours: 8 });
  form = (await t.get('ops1', `/tasks/${taskId}`).expect(200)).body.form;
});
afterAll(() => t.dispose());

describe('browser and server validate task forms alike', () => {
  test.each(REJECTED)('Given %s, When the browser rejects it, Then the server answers 400 with the same field messages', async (_name, model) => {
    const browser = checkTaskForm(form, model);
    const { taskId } = await t.startInvestigation({ dueInHours: 8 });

    const server = await t.post('ops1', `/tasks/${taskId}/complete`, { data: formPayload(form, model) }).set('Accept-Language', 'zh-CN');

    expect(Object.keys(browser.errors).length).toBeGreaterThan(0);
    expect(server.status).toBe(400);
    const serverFields = Object.fromEntries((server.body.fields as Array<{ field: string; messages: string[] }>)
      .map((f) => [f.field.replace(/^data\./, ''), f.messages]));
    expect(serverFields).toEqual(browser.errors);
  });

  test.each(ACCEPTED)('Given %s, When the browser accepts it, Then the server completes the task', async (_name, model) => {
    const browser = checkTaskForm(form, model);
    const { taskId } = await t.startInvestigation({ dueInHours: 8 });

    const server = await t.post('ops1', `/tasks/${taskId}/complete`, { data: browser.data });

    expect(browser.errors).toEqual({});
    expect(server.status).toBe(200);
  });

  test('Given a field the form does not declare, Then both refuse it', async () => {
    const { taskId } = await t.startInvestigation({ dueInHours: 8 });
    const data = { ...valid, extra: 'x' };
    const server = await t.post('ops1', `/tasks/${taskId}/complete`, { data });
    expect(server.status).toBe(400);
    // The console never sends undeclared fields: its payload holds only the form's own fields.
    expect(Object.keys(formPayload(form, data))).not.toContain('extra');
  });
});

describe('yes/no fields', () => {
  test('Given the approval form, When 是/否 is not chosen or not a boolean, Then both refuse it; a choice completes', async () => {
    const { instanceId, taskId } = await t.startInvestigation({ dueInHours: 8 });
    await t.post('ops1', `/tasks/${taskId}/complete`, { data: valid }).expect(200);
    const approveId = await t.waitingTaskOf(instanceId, 'approve');
    const approveForm: TaskForm = (await t.get('head-yw', `/tasks/${approveId}`).expect(200)).body.form;

    for (const model of [{ approved: null }, { approved: 'true' }]) {
      expect(Object.keys(checkTaskForm(approveForm, model).errors)).toEqual(['approved']);
      const server = await t.post('head-yw', `/tasks/${approveId}/complete`, { data: formPayload(approveForm, model) });
      expect(server.status).toBe(400);
    }
    const chosen = checkTaskForm(approveForm, { approved: false, comment: '' });
    expect(chosen.errors).toEqual({});
    await t.post('head-yw', `/tasks/${approveId}/complete`, { data: chosen.data }).expect(200);
  });
});

describe('what the clerk reads', () => {
  test('every message of the validator is shown in Chinese next to its field', () => {
    const { errors } = checkTaskForm(form, { verdict: 'maybe', cause: 'x', hoursSpent: 100, ticket: 'no', fixedAt: 'soon' });
    expect(errors).toEqual({
      verdict: ['必须是以下之一：fixed (已解决), notReproducible (无法复现), forwarded (转其他部门)'],
      cause: ['至少 4 个字符'],
      hoursSpent: ['不能大于 72'],
      ticket: ['格式不正确'],
      fixedAt: ['必须是有效的日期时间'],
    });
    expect(checkTaskForm(form, {}).errors).toEqual({ verdict: ['必填'], cause: ['必填'] });
    expect(chineseFieldMessage('must be true or false')).toBe('必须是“是”或“否”');
    expect(chineseFieldMessage('must be a whole number')).toBe('必须是整数');
  });

  test('a new form starts from the declared defaults, typed', () => {
    const model = initialModel([
      { id: 'n', label: 'n', type: 'long', values: [], constraints: { required: false }, defaultValue: '5' },
      { id: 'b', label: 'b', type: 'boolean', values: [], constraints: { required: true }, defaultValue: 'true' },
      { id: 's', label: 's', type: 'string', values: [], constraints: { required: false } },
      { id: 'e', label: 'e', type: 'enum', values: [{ id: 'x', name: 'X' }], constraints: { required: false }, defaultValue: 'x' },
    ]);
    expect(model).toEqual({ n: 5, b: true, s: '', e: 'x' });
  });
});
