import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parsePolicy } from '../../src/domain';
import { createTestApplication, TestApplication } from '../support/app';
import { register, registrationBody } from '../complaints/support';
import { completeTask, expectCompleted, getPenalty, insertComplaint, openPenalty } from '../penalties/support';

jest.setTimeout(120_000);

const POLICY = path.join(__dirname, '..', '..', 'config', 'policy.json');
const HOUR = 3_600_000;

let t: TestApplication;
let started: TestApplication | undefined;
async function application(options: Parameters<typeof createTestApplication>[0] = {}) {
  started = await createTestApplication(options);
  return started;
}
afterEach(async () => { await started?.dispose(); started = undefined; });

function policyWith(readings: Record<string, string>) {
  const raw = JSON.parse(fs.readFileSync(POLICY, 'utf8'));
  raw.readings = { ...raw.readings, ...readings };
  return parsePolicy(raw);
}

/** A work-order handling fine for a complaint answered 25 hours late and resolved in time. */
async function workOrderFine(): Promise<number> {
  const now = t.clock.now().getTime();
  const number = await insertComplaint(t, {
    responseDueAt: new Date(now - 30 * HOUR), respondedAt: new Date(now - 5 * HOUR),
    resolutionDueAt: new Date(now - 2 * HOUR), resolvedAt: new Date(now - 3 * HOUR),
  });
  const opened = await openPenalty(t, 'desk1', number, { category: 'workOrderHandling', departmentCode: 'YW', responsiblePerson: '李强' });
  expect(opened.status).toBe(201);
  await expectCompleted(await completeTask(t, 'head-yw', opened.body.instanceId, 'penaltyOpinion', { opinion: '属实' }));
  return (await getPenalty(t, 'ga1', opened.body.id)).body.fine.totalFen;
}

describe('readings of the seeds are policy options (issue 11, point 9)', () => {
  test('Given the shipped readings, then a suggestion gets 5 working days, a started overdue day counts, work orders are measured against the response limit, other departments register', async () => {
    t = await application();
    const suggestion = await register(t, registrationBody({ kind: 'suggestion', severity: 'minor' }));
    expect(suggestion.deadlines.resolutionDueAt).toBe('2026-11-30T01:00:00.000Z'); // Mon + 5 working days (000 表4-1)
    expect(await workOrderFine()).toBe(40000); // 25 h late → 2 started days × 200 元

    const byOps = await request(t.app.http).post('/complaints').set('Authorization', t.bearer('ops1')).send(registrationBody({ complainant: { name: '周先生', phone: '13600136000' } }));
    expect(byOps.status).toBe(201);
    expect(byOps.body.number).toBe('2026YW001'); // numbered after the registering department (003 表一)
  });

  test('Given the other readings, then a suggestion is capped at 3 working days, only full overdue days count, work orders follow the resolution limit, only the service desk registers', async () => {
    t = await application({
      policy: policyWith({ suggestionResolution: 'complaintCap', overdueDays: 'completedDays', workOrderHandlingLimit: 'resolution', registration: 'serviceDesk' }),
    });
    const suggestion = await register(t, registrationBody({ kind: 'suggestion', severity: 'minor' }));
    expect(suggestion.deadlines.resolutionDueAt).toBe('2026-11-26T01:00:00.000Z'); // Mon + 3 working days (002 四(一))
    expect(await workOrderFine()).toBe(0); // resolved within its limit

    const byOps = await request(t.app.http).post('/complaints').set('Authorization', t.bearer('ops1')).send(registrationBody());
    expect(byOps.status).toBe(403);
  });

  test('Given only full days count, then 25 hours late is one day of 200 元', async () => {
    t = await application({ policy: policyWith({ overdueDays: 'completedDays' }) });
    expect(await workOrderFine()).toBe(20000);
  });

  test('Given an unknown reading, then the policy is refused with the field named', () => {
    expect(() => policyWith({ overdueDays: 'roundedHalfDays' })).toThrow(/readings\.overdueDays/);
  });
});
