import request from 'supertest';
import { createTestApplication, TestApplication } from '../support/app';
import { complete, register, registrationBody } from '../complaints/support';
import { extraUser, taskList } from './support';

jest.setTimeout(120_000);

let t: TestApplication;
beforeEach(async () => { t = await createTestApplication(); });
afterEach(async () => { await t.dispose(); });

describe('department heads act for their own departments only (issue 11, point 2; 000 4.2.2)', () => {
  test('Given an attitude complaint dispatched to 质量效能部, then only heads of that department see and work on the head\'s task', async () => {
    const headZl = await extraUser(t, { username: 'head-zl', displayName: '钱红', departmentCode: 'ZL', groups: ['dept-head'], headOf: ['dept-head'] });
    const headOfSeveral = await extraUser(t, {
      username: 'head-gc', displayName: '孔亮', departmentCode: 'GC', groups: ['dept-head'], headsDepartments: ['ZL', 'SC'],
    });
    const registered = await register(t, registrationBody({ category: 'serviceAttitude', content: '维修人员态度恶劣' }));
    const forYw = await register(t, registrationBody({ category: 'serviceAttitude', content: '运维人员态度差', complainant: { name: '李女士', phone: '13900139000' } }));
    await complete(t, registered.number, 'dispatch', 'desk1', { responsibleDept: 'ZL' });
    await complete(t, forYw.number, 'dispatch', 'desk1', { responsibleDept: 'YW' });

    const otherHead = t.bearer('head-yw');
    const listed = (items: Array<{ businessKey: string | null }>) => items.map((i) => i.businessKey).sort();
    expect(listed(await taskList(t, otherHead))).toEqual([forYw.number]);
    expect(listed(await taskList(t, otherHead, { group: 'dept-head' }))).toEqual([forYw.number]);
    expect(listed(await taskList(t, headZl))).toEqual([registered.number]);
    expect(listed(await taskList(t, headOfSeveral))).toEqual([registered.number]);

    const task = (await taskList(t, headZl))[0];
    const http = request(t.app.http);
    expect((await http.get(`/tasks/${task.id}`).set('Authorization', otherHead)).status).toBe(403);
    expect((await http.post(`/tasks/${task.id}/claim`).set('Authorization', otherHead).send({})).status).toBe(403);
    expect((await http.post(`/tasks/${task.id}/complete`).set('Authorization', otherHead).send({ data: { responseNote: '越权处理' } })).status).toBe(403);
    // a head of the right department cannot hand it to a head of another one
    const assign = await http.post(`/tasks/${task.id}/assign`).set('Authorization', headZl).send({ username: 'head-yw' });
    expect(assign.status).toBe(400);
    expect((await http.post(`/tasks/${task.id}/assign`).set('Authorization', headZl).send({ username: 'head-gc' })).status).toBe(200);

    expect((await http.get(`/tasks/${task.id}`).set('Authorization', headOfSeveral)).status).toBe(200);
    const done = await http.post(`/tasks/${task.id}/complete`).set('Authorization', headOfSeveral).send({ data: { responseNote: '已致电客户致歉' } });
    expect(done.status).toBe(200);
  });
});
