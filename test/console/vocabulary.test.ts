import request from 'supertest';
import { COMPLAINT_STATUSES, SEVERITIES, CATEGORIES, CANDIDATE_GROUPS, PENALTY_CATEGORIES, SATISFACTIONS } from '../../src/domain';
import { createTestApplication, TestApplication } from '../support/app';
import { register, registrationBody } from '../complaints/support';

describe('vocabulary and Chinese messages', () => {
  let t: TestApplication;
  beforeAll(async () => { t = await createTestApplication(); });
  afterAll(async () => { await t.dispose(); });

  const get = (url: string) => request(t.app.http).get(url).set('Authorization', t.bearer('desk1'));

  it('labels every code the task list and the complaint API return', async () => {
    const registered = [
      await register(t, registrationBody({ severity: 'major', category: 'systemAssurance', channel: 'email' })),
      await register(t, registrationBody({ kind: 'inquiry', severity: 'minor', origin: 'discovered', level: 'direct', channel: 'online' })),
      await register(t, registrationBody({ kind: 'suggestion', category: 'serviceAttitude', channel: 'letter' })),
    ];
    const { body: vocabulary } = await get('/vocabulary').expect(200);

    const missing: string[] = [];
    const expectLabel = (list: string, code: string | null | undefined, labels: Record<string, string> = vocabulary[list]) => {
      if (code !== null && code !== undefined && !labels?.[code]) missing.push(`${list}:${code}`);
    };
    for (const { number } of registered) {
      const { body: complaint } = await get(`/complaints/${number}`).expect(200);
      for (const list of ['severity', 'kind', 'category', 'channel', 'origin', 'level', 'status']) expectLabel(list, complaint[list]);
      expectLabel('department', complaint.registeringDeptCode);
      expectLabel('department', complaint.responsibleDeptCode);
      expectLabel('role', complaint.handlerGroup);
      for (const step of complaint.currentSteps) {
        expectLabel('step', step.elementId, vocabulary.step['complaint-lifecycle']);
        step.candidateGroups.forEach((group: string) => expectLabel('role', group));
      }
    }
    for (const user of ['desk1', 'ops1', 'quality1', 'leader1', 'gm1'] as const) {
      const { body: tasks } = await request(t.app.http).get('/tasks').set('Authorization', t.bearer(user)).expect(200);
      for (const task of tasks.items) {
        expectLabel('process', task.processKey);
        expectLabel('step', task.elementId, vocabulary.step[task.processKey]);
        task.candidateGroups.forEach((group: string) => expectLabel('role', group));
        for (const list of ['severity', 'kind', 'category']) expectLabel(list, task[list]);
        expectLabel('department', task.departmentCode);
      }
    }
    expect(missing).toEqual([]);

    for (const [list, codes] of [['status', COMPLAINT_STATUSES], ['severity', SEVERITIES], ['category', CATEGORIES],
      ['role', CANDIDATE_GROUPS], ['penaltyCategory', PENALTY_CATEGORIES], ['satisfaction', SATISFACTIONS]] as const) {
      expect(Object.keys(vocabulary[list]).sort()).toEqual([...codes].sort());
    }
    expect(vocabulary.severity.major).toBe('重大投诉');
    expect(vocabulary.satisfaction.dissatisfied).toBe('不满意');
    expect(vocabulary.department).toMatchObject({ KF: '客户服务部', YW: '运维管理部' });
    expect(vocabulary.process).toEqual({ 'complaint-lifecycle': '客户投诉处理', exemption: '免责申请（003 4.3.6）', penalty: '客户投诉处罚（003 4.3）' });
  });

  it('answers in Chinese when the caller asks for zh, and in English otherwise', async () => {
    const missingEnglish = await get('/complaints/2026KF999').expect(404);
    expect(missingEnglish.body.message).toMatch(/[A-Za-z]/);
    const missingChinese = await get('/complaints/2026KF999').set('Accept-Language', 'zh-CN,zh;q=0.9,en;q=0.8').expect(404);
    expect(missingChinese.body).toEqual({ error: 'not_found', message: '请求的资源不存在' });
    const noTask = await get('/tasks/00000000-0000-4000-8000-000000000000').set('Accept-Language', 'zh-CN').expect(404);
    expect(noTask.body.message).toBe('任务不存在');

    const invalid = registrationBody({ severity: 'huge', channel: 42, content: '', unexpected: true });
    const english = await request(t.app.http).post('/complaints').set('Authorization', t.bearer('desk1')).send(invalid).expect(400);
    const chinese = await request(t.app.http).post('/complaints').set('Authorization', t.bearer('desk1')).set('Accept-Language', 'zh-CN')
      .send(invalid).expect(400);
    const byField = (body: { fields: Array<{ field: string; messages: string[] }> }) => Object.fromEntries(body.fields.map((f) => [f.field, f.messages]));
    expect(byField(english.body).severity.join()).toContain('must be one of');
    expect(chinese.body.message).toBe('提交的内容有误，请检查标出的字段');
    expect(byField(chinese.body).severity).toEqual([expect.stringMatching(/^必须是以下之一：/)]);
    expect(byField(chinese.body).unexpected).toEqual(['不允许提交此字段']);
    expect(byField(chinese.body).channel.every((m: string) => /[\u4e00-\u9fff]/.test(m))).toBe(true);
    expect(Object.keys(byField(chinese.body)).sort()).toEqual(Object.keys(byField(english.body)).sort());

    const unauthenticated = await request(t.app.http).get('/tasks').set('Accept-Language', 'zh').expect(401);
    expect(unauthenticated.body.message).toBe('请先登录');
  });

  it('translates task-form field messages', async () => {
    const { number } = await register(t);
    const { body: tasks } = await request(t.app.http).get('/tasks').set('Authorization', t.bearer('desk1')).expect(200);
    const task = tasks.items.find((item: { businessKey: string }) => item.businessKey === number);
    await request(t.app.http).post(`/tasks/${task.id}/claim`).set('Authorization', t.bearer('desk1')).send({}).expect(200);
    const rejected = await request(t.app.http).post(`/tasks/${task.id}/complete`).set('Authorization', t.bearer('desk1'))
      .set('Accept-Language', 'zh-CN').send({ data: { noSuchField: 1 } }).expect(400);
    const messages = rejected.body.fields.flatMap((f: { messages: string[] }) => f.messages);
    expect(messages).toContain('不是此任务表单的字段');
    expect(messages.every((m: string) => /[\u4e00-\u9fff]/.test(m))).toBe(true);
  });
});
