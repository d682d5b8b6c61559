import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parsePolicy } from '../../src/domain';
import { createTestApplication, TestApplication } from '../support/app';
import { complaint, complete, openTask, register, registrationBody } from '../complaints/support';
import { executedPenalty, getPenalty, insertComplaint } from '../penalties/support';

jest.setTimeout(120_000);

const POLICY = path.join(__dirname, '..', '..', 'config', 'policy.json');
const DIAGRAM = path.join(__dirname, '..', '..', 'processes', 'complaint-lifecycle.bpmn');

let t: TestApplication;
afterEach(async () => { await t.dispose(); });

describe('small things users tripped over (issue 11, point 8)', () => {
  test('Given the policy lists 工程部 and a further department, then the dispatch form offers them and a complaint can go there; the gate rejects an unknown option list', async () => {
    const raw = JSON.parse(fs.readFileSync(POLICY, 'utf8'));
    raw.departments.push({ code: 'WL', name: '物流部' });
    t = await createTestApplication({ policy: parsePolicy(raw) });
    const { number } = await register(t);
    const task = await openTask(t, number, 'dispatch', 'desk1');
    const detail = await request(t.app.http).get(`/tasks/${task.id}`).set('Authorization', t.bearer('desk1'));
    const field = detail.body.form.find((f: { id: string }) => f.id === 'responsibleDept');
    expect(field.values).toEqual(expect.arrayContaining([{ id: 'GC', name: '工程部' }, { id: 'WL', name: '物流部' }, { id: 'YW', name: '运维管理部' }]));

    // Without a department: refused at the field the console shows, and nothing changes.
    const withoutDept = await request(t.app.http).post(`/tasks/${task.id}/complete`).set('Authorization', t.bearer('desk1'))
      .send({ data: {}, revision: detail.body.revision });
    expect(withoutDept.status).toBe(400);
    expect(withoutDept.body.fields).toEqual([{ field: 'data.responsibleDept', messages: ['required'] }]);
    const inChinese = await request(t.app.http).post(`/tasks/${task.id}/complete`).set('Authorization', t.bearer('desk1')).set('Accept-Language', 'zh-CN')
      .send({ data: {}, revision: detail.body.revision });
    expect(inChinese.body.fields).toEqual([{ field: 'data.responsibleDept', messages: ['必填'] }]);
    // A script sending an unknown code is told the codes with their names.
    const unknown = await request(t.app.http).post(`/tasks/${task.id}/complete`).set('Authorization', t.bearer('desk1'))
      .send({ data: { responsibleDept: 'XX' }, revision: detail.body.revision });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields[0].messages[0]).toMatch(/^must be one of .*YW \(运维管理部\).*WL \(物流部\)/);
    expect(await complaint(t, number)).toMatchObject({ status: 'registered' });

    await complete(t, number, 'dispatch', 'desk1', { responsibleDept: 'GC' });
    expect(await complaint(t, number)).toMatchObject({ status: 'dispatched', responsibleDeptCode: 'GC' });

    const broken = fs.readFileSync(DIAGRAM, 'utf8').replace('<camunda:property id="options" value="departments" />', '<camunda:property id="options" value="departmentz" />');
    const deployed = await request(t.app.http).post('/processes/complaint-lifecycle/versions')
      .set('Authorization', t.bearer('owner1')).set('Content-Type', 'application/xml').send(broken);
    expect(deployed.status).toBe(400);
    expect(JSON.stringify(deployed.body)).toContain('departmentz');
  });

  test('Given a general and a minor complaint, then only the minor one is asked at dispatch whether the desk settled it on receipt, starting at 否', async () => {
    t = await createTestApplication();
    const general = await register(t);
    const minor = await register(t, registrationBody({ severity: 'minor', complainant: { name: '李女士', phone: '13900001111' } }));
    const formOf = async (number: string) => {
      const task = await openTask(t, number, 'dispatch', 'desk1');
      const detail = await request(t.app.http).get(`/tasks/${task.id}`).set('Authorization', t.bearer('desk1'));
      return { task, ids: detail.body.form.map((f: { id: string }) => f.id), settled: detail.body.form.find((f: { id: string }) => f.id === 'settledByReceiver') };
    };

    const asGeneral = await formOf(general.number);
    expect(asGeneral.ids).toEqual(['responsibleDept', 'reportGroup', 'dispatchNote']);
    const answered = await request(t.app.http).post(`/tasks/${asGeneral.task.id}/complete`).set('Authorization', t.bearer('desk1'))
      .send({ data: { settledByReceiver: false, responsibleDept: 'YW' } });
    expect(answered.status).toBe(400);
    expect(answered.body.fields).toEqual([{ field: 'data.settledByReceiver', messages: ['is not asked for here: only when ${severity = "minor"}'] }]);
    const inChinese = await request(t.app.http).post(`/tasks/${asGeneral.task.id}/complete`).set('Authorization', t.bearer('desk1'))
      .set('Accept-Language', 'zh-CN').send({ data: { settledByReceiver: false, responsibleDept: 'YW' } });
    expect(inChinese.body.fields[0].messages).toEqual(['此任务不填写该项（仅当 ${severity = "minor"} 时填写）']);

    const asMinor = await formOf(minor.number);
    expect(asMinor.ids).toEqual(['settledByReceiver', 'responsibleDept', 'reportGroup', 'dispatchNote']);
    expect(asMinor.settled).toMatchObject({ type: 'boolean', defaultValue: 'false', constraints: { required: true } });
    const unanswered = await request(t.app.http).post(`/tasks/${asMinor.task.id}/complete`).set('Authorization', t.bearer('desk1'))
      .send({ data: { responsibleDept: 'YW' } });
    expect(unanswered.body.fields).toEqual([{ field: 'data.settledByReceiver', messages: ['required'] }]);

    await complete(t, general.number, 'dispatch', 'desk1', { responsibleDept: 'YW' });
    await complete(t, minor.number, 'dispatch', 'desk1', { settledByReceiver: true });
    expect(await complaint(t, general.number)).toMatchObject({ status: 'dispatched' });
    expect(await complaint(t, minor.number)).toMatchObject({ status: 'closed' });

    const broken = fs.readFileSync(DIAGRAM, 'utf8').replace('value="${severity = &#34;minor&#34;}"', 'value="${severity = }"');
    const deployed = await request(t.app.http).post('/processes/complaint-lifecycle/versions')
      .set('Authorization', t.bearer('owner1')).set('Content-Type', 'application/xml').send(broken);
    expect(deployed.status).toBe(400);
    expect(JSON.stringify(deployed.body)).toContain('visibleWhen: camunda:value `${severity = }` is rejected: syntax error');
  });

  test('Given penalty notices, then they carry their own configurable number and the e-mail names the department', async () => {
    const raw = JSON.parse(fs.readFileSync(POLICY, 'utf8'));
    raw.noticeNumberFormat = 'CF{year}-{dept}{seq}';
    t = await createTestApplication({ policy: parsePolicy(raw) });
    const complaintNumber = await insertComplaint(t);
    const { id, instanceId } = await executedPenalty(t, complaintNumber, { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 });
    expect((await getPenalty(t, 'ga1', id)).body.noticeNumber).toBe('CF2026-KF001');

    const rows: Array<{ body: string }> = await t.app.db.dataSource.manager.query(
      "SELECT body FROM ntf_outbox WHERE instance_id = ? AND template = 'penaltyNotice'", [instanceId],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].body).toContain('责任部门：运维管理部');
    expect(rows[0].body).not.toContain('YW');
  });

  test('Given the shipped policy, then notice numbers differ from complaint numbers', async () => {
    t = await createTestApplication();
    const complaintNumber = await insertComplaint(t);
    const { id } = await executedPenalty(t, complaintNumber, { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 });
    expect((await getPenalty(t, 'ga1', id)).body.noticeNumber).toBe('2026KFCF001');
  });
});
