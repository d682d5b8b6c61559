import { PenaltyRow } from '../../src/persistence/entities/penalties';
import { createTestApplication, TestApplication } from '../support/app';
import { api, executedPenalty, insertComplaint, openPenalty } from './support';

jest.setTimeout(120_000);

let t: TestApplication;
beforeEach(async () => { t = await createTestApplication({ start: '2026-11-23T01:00:00Z' }); });
afterEach(async () => { await t?.dispose(); });

const BODY = { category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '李强', violations: 1 };

function casesOf(number: string): Promise<PenaltyRow[]> {
  return t.app.db.read((m) => m.find(PenaltyRow, { where: { complaintNumber: number } }));
}

function openWithKey(number: string, key: string, body: Record<string, unknown> = BODY) {
  return api(t).post(`/complaints/${number}/penalties`).set('Authorization', t.bearer('desk1')).set('Idempotency-Key', key).send(body);
}

describe('a fine is booked once per breach', () => {
  it('Given an open case, when the same case is sent again twice, then both repeats are refused with 409 and one case exists', async () => {
    const number = await insertComplaint(t);

    const answers = [await openPenalty(t, 'desk1', number, BODY), await openPenalty(t, 'desk1', number, BODY), await openPenalty(t, 'desk1', number, BODY)];

    expect(answers.map((a) => a.status)).toEqual([201, 409, 409]);
    expect(answers[1].body).toMatchObject({ error: 'duplicate_penalty' });
    expect(answers[1].body.message).toContain(answers[0].body.id);
    expect(await casesOf(number)).toHaveLength(1);
  });

  it('Given 20 identical requests sent at the same time, then exactly one case is opened and the rest are 409', async () => {
    const number = await insertComplaint(t);

    const answers = await Promise.all(Array.from({ length: 20 }, () => openPenalty(t, 'desk1', number, BODY)));

    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.body.error === 'duplicate_penalty')).toHaveLength(19);
    expect(await casesOf(number)).toHaveLength(1);
  });

  it('Given a fine already executed, when the same case is opened again, then 409 and the ledger keeps one −200 元', async () => {
    const number = await insertComplaint(t);
    await executedPenalty(t, number, BODY);

    const again = await openPenalty(t, 'desk1', number, BODY);

    expect(again.status).toBe(409);
    const ledger = await api(t).get('/ledger?month=2026-11&department=YW').set('Authorization', t.bearer('ga1'));
    expect(ledger.body.map((e: { amountFen: number }) => e.amountFen)).toEqual([-20000]);
  });

  it('Given a standing case, when the request declares an additional, separate breach, then a second case is opened and marked so', async () => {
    const number = await insertComplaint(t);
    await openPenalty(t, 'desk1', number, BODY);

    const second = await openPenalty(t, 'desk1', number, { ...BODY, additionalBreach: true });

    expect(second.status).toBe(201);
    expect(second.body.additionalBreach).toBe(true);
    expect(await casesOf(number)).toHaveLength(2);
  });

  it('Given a case for one department and category, then another category or another department is a different case', async () => {
    const number = await insertComplaint(t);
    await openPenalty(t, 'desk1', number, BODY);

    expect((await openPenalty(t, 'desk1', number, { ...BODY, departmentCode: 'ZL' })).status).toBe(201);
    expect((await openPenalty(t, 'desk1', number, { category: 'lateOutageNotice', departmentCode: 'YW', responsiblePerson: '李强', occurrences: 1 })).status).toBe(201);
  });
});

describe('Idempotency-Key on opening a penalty', () => {
  it('Given three sends with one key, then all answer the same case, the repeats marked as replayed', async () => {
    const number = await insertComplaint(t);

    const answers = [await openWithKey(number, 'pen-1'), await openWithKey(number, 'pen-1'), await openWithKey(number, 'pen-1')];

    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.map((a) => a.headers['idempotent-replayed'])).toEqual([undefined, 'true', 'true']);
    expect(await casesOf(number)).toHaveLength(1);
  });

  it('Given 20 parallel sends with one key, then every answer is the one case', async () => {
    const number = await insertComplaint(t);

    const answers = await Promise.all(Array.from({ length: 20 }, () => openWithKey(number, 'pen-parallel')));

    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await casesOf(number)).toHaveLength(1);
  });

  it('Given a used key, when a different request comes with it, then 409 and nothing is opened', async () => {
    const number = await insertComplaint(t);
    await openWithKey(number, 'pen-2');

    const other = await openWithKey(number, 'pen-2', { ...BODY, departmentCode: 'ZL' });

    expect(other.status).toBe(409);
    expect(other.body.error).toBe('idempotency_key_reused');
    expect(await casesOf(number)).toHaveLength(1);
  });
});
