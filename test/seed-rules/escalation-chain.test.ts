import { createTestApplication, TestApplication } from '../support/app';
import { complaint, complete, HOUR, MINUTE, register, registrationBody } from '../complaints/support';
import { history, taskList } from './support';

jest.setTimeout(120_000);

let t: TestApplication;
beforeEach(async () => { t = await createTestApplication(); });
afterEach(async () => { await t.dispose(); });

async function escalationMails(number: string): Promise<Array<{ recipient: string; subject: string }>> {
  const rows: Array<{ recipient: string; subject: string; template: string }> = await t.app.db.dataSource.manager.query(
    "SELECT recipient, subject, template, created_at FROM ntf_outbox WHERE template = 'taskEscalated' ORDER BY created_at, recipient",
  );
  return rows.filter((r) => r.subject.includes(number)).map(({ recipient, subject }) => ({ recipient, subject }));
}

describe('an unanswered complaint climbs the whole chain (issue 11, point 1; 000 4.4)', () => {
  test('Given nobody answers a general complaint for 30 days, then each level gets the response task in turn, is told, and it ends at the general manager', async () => {
    const registered = await register(t, registrationBody({ severity: 'general' }));
    await complete(t, registered.number, 'dispatch', 'desk1', { responsibleDept: 'YW' });

    await t.advance(2 * HOUR + MINUTE);
    const first = await complaint(t, registered.number);
    expect(first.escalationLevel).toBe(1);
    expect(first.currentSteps).toEqual([expect.objectContaining({ elementId: 'firstResponse', candidateGroups: ['dept-head', 'ops'] })]);
    expect((await taskList(t, t.bearer('head-yw'), { group: 'dept-head' })).map((task) => task.businessKey)).toEqual([registered.number]);

    await t.advance(2 * HOUR);
    const second = await complaint(t, registered.number);
    expect(second.escalationLevel).toBe(2);
    expect(second.currentSteps).toEqual([expect.objectContaining({ elementId: 'firstResponse', candidateGroups: ['management-rep', 'ops'] })]);
    expect((await taskList(t, t.bearer('rep1'))).map((task) => task.elementId)).toEqual(['firstResponse']);

    await t.advance(30 * 24 * HOUR);
    const last = await complaint(t, registered.number);
    expect(last.escalationLevel).toBe(3);
    expect(last.currentSteps).toEqual([expect.objectContaining({ elementId: 'firstResponseAtTopLevel', candidateGroups: ['general-manager', 'ops'] })]);

    const escalated = (await history(t, registered.number)).instances[0].entries.filter((e) => e.action === 'escalated');
    expect(escalated.map((e) => e.after!.escalationGroup)).toEqual(['dept-head', 'management-rep', 'general-manager']);
    expect(await escalationMails(registered.number)).toEqual([
      { recipient: 'bumenfuzeren@complaint-flow.local', subject: `投诉 ${registered.number} 已升级至责任部门负责人` },
      { recipient: 'guanlidaibiao@complaint-flow.local', subject: `投诉 ${registered.number} 已升级至管理者代表` },
      { recipient: 'zongjingli@complaint-flow.local', subject: `投诉 ${registered.number} 已升级至总经理` },
    ]);

    // the general manager (or the handlers) can still answer; the complaint goes on as usual
    await complete(t, registered.number, 'firstResponseAtTopLevel', 'gm1', { responseNote: '总经理督办，已联系客户' });
    expect(await complaint(t, registered.number)).toMatchObject({ status: 'responded', escalationLevel: 3 });
  });
});
