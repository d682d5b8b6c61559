import { incrementCounter } from '../../src/persistence/sequences';
import { PenaltyRepository } from '../../src/persistence/repositories/penalty-repository';
import { openTestDatabase } from '../support/database';
import { createTestApplication, TestApplication } from '../support/app';
import { api, completeTask, expectCompleted, insertComplaint, openPenalty, openTask } from './support';

jest.setTimeout(180_000);

describe('penalty notice numbers under concurrency', () => {
  let t: TestApplication;
  beforeEach(async () => { t = await createTestApplication({ start: '2026-11-23T01:00:00Z' }); });
  afterEach(async () => { await t?.dispose(); });

  it('Given 20 penalties at the notice step, when all notices are issued at the same time, then all succeed numbered 2026KFCF001..020', async () => {
    const cases: Array<{ id: string; instanceId: string }> = [];
    for (let i = 0; i < 20; i++) {
      const opened = await openPenalty(t, 'desk1', await insertComplaint(t), { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 });
      expect(opened.status).toBe(201);
      cases.push(opened.body);
      await expectCompleted(await completeTask(t, 'head-yw', opened.body.instanceId, 'penaltyOpinion', { opinion: '属实' }));
    }
    const noticeTasks = await Promise.all(cases.map((c) => openTask(t, c.instanceId, 'fillNotice')));

    const answers = await Promise.all(noticeTasks.map((taskId) => api(t).post(`/tasks/${taskId}/complete`)
      .set('Authorization', t.bearer('desk1')).send({ data: { incident: '客户投诉属实', penaltyReason: '违反公司服务规范' } })));

    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const numbers = await Promise.all(cases.map(async (c) => (await api(t).get(`/penalties/${c.id}`).set('Authorization', t.bearer('ga1'))).body.noticeNumber));
    expect([...numbers].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `2026KFCF${String(i + 1).padStart(3, '0')}`));
  });
});

describe('gap-free sequences', () => {
  it('Given 20 concurrent allocations on a new year where every fourth one rolls back, then the committed numbers are exactly 1..15', async () => {
    const { db, dispose } = await openTestDatabase();
    try {
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => db.transaction(async (m) => {
        const seq = await incrementCounter(m, { table: 'complaint_sequence', key: { dept_code: 'KF', year: 2027 }, column: 'next_seq', firstValue: 1 });
        if (i % 4 === 3) throw new Error('registration failed');
        return seq;
      })));

      const committed = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.message)).toEqual(Array(5).fill('registration failed'));
      expect(committed.sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    } finally {
      await dispose();
    }
  });

  it('Given the first taker of a new year\'s number rolls back while two others wait for it, then those two get 1 and 2 without a deadlock', async () => {
    const { db, dispose } = await openTestDatabase();
    const counter = { table: 'complaint_sequence', key: { dept_code: 'KF', year: 2028 }, column: 'next_seq', firstValue: 1 };
    try {
      const first = db.transaction(async (m) => {
        await incrementCounter(m, counter);
        await new Promise((resolve) => setTimeout(resolve, 300)); // the others' statements reach the row meanwhile
        throw new Error('registration failed');
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const others = Promise.all([1, 2].map(() => db.transaction((m) => incrementCounter(m, counter))));

      await expect(first).rejects.toThrow('registration failed');
      expect((await others).sort()).toEqual([1, 2]);
    } finally {
      await dispose();
    }
  });

  it('Given notice sequences of two departments, then each counts on its own from 1', async () => {
    const { db, dispose } = await openTestDatabase();
    try {
      const take = (dept: string) => db.transaction((m) => new PenaltyRepository(m).nextNoticeSeq(2026, dept));
      expect([await take('KF'), await take('KF'), await take('ZH'), await take('KF')]).toEqual([1, 2, 1, 3]);
    } finally {
      await dispose();
    }
  });
});
