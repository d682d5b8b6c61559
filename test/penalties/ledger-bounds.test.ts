import fs from 'node:fs';
import path from 'node:path';
import { parsePolicy, ValidationError } from '../../src/domain';
import { createTestApplication, TestApplication } from '../support/app';
import { api } from './support';

jest.setTimeout(60_000);

const policyJson = () => JSON.parse(fs.readFileSync(path.join(__dirname, '../../config/policy.json'), 'utf8'));

let t: TestApplication;
afterEach(async () => { await t?.dispose(); });

function correct(amount: number | string) {
  const body = `{"departmentCode":"YW","amountFen":${amount},"reason":"人工更正"}`;
  return api(t).post('/ledger/corrections').set('Authorization', t.bearer('ga1')).set('Content-Type', 'application/json').send(body);
}

function ledger() {
  return api(t).get('/ledger?department=YW').set('Authorization', t.bearer('ga1'));
}

describe('money inputs are bounded (policy maxAmountFen)', () => {
  beforeEach(async () => { t = await createTestApplication(); });

  it.each(['1e300', '9007199254740993', '1e20', '-1e15', '100000001', '-100000001'])(
    'Given a correction of %s fen, then it answers 400 naming amountFen and books nothing', async (amount) => {
      const response = await correct(amount);

      expect(response.status).toBe(400);
      expect(response.body.fields).toEqual([expect.objectContaining({ field: 'amountFen' })]);
      expect((await ledger()).body).toEqual([]);
    });

  it('Given corrections of exactly the maximum either way, then both are booked as sent', async () => {
    expect((await correct('100000000')).status).toBe(201);
    expect((await correct('-100000000')).status).toBe(201);

    expect((await ledger()).body.map((e: { amountFen: number }) => e.amountFen)).toEqual([100000000, -100000000]);
  });
});

describe('fen are stored as 64-bit integers on both databases', () => {
  it('Given a policy allowing 50 亿元, when two corrections of 30 亿元 are booked, then the ledger and the month total are exact', async () => {
    t = await createTestApplication({ policy: parsePolicy({ ...policyJson(), maxAmountFen: 500_000_000_000 }) });

    expect((await correct('300000000000')).status).toBe(201);
    expect((await correct('300000000000')).status).toBe(201);

    expect((await ledger()).body.map((e: { amountFen: number }) => e.amountFen)).toEqual([300000000000, 300000000000]);
    const totals = await api(t).get('/payroll-adjustments?month=2026-11').set('Authorization', t.bearer('ga1'));
    expect(totals.body.departments).toEqual([expect.objectContaining({ departmentCode: 'YW', correctionsFen: 600000000000, netFen: 600000000000 })]);
  });
});

describe('policy money limits', () => {
  it('Given a fine above maxAmountFen, then the policy is refused', () => {
    const raw = policyJson();
    expect(() => parsePolicy({ ...raw, maxAmountFen: 10000 })).toThrow(ValidationError);
    expect(() => parsePolicy({ ...raw, maxAmountFen: 1e300 })).toThrow(ValidationError);
    const { maxAmountFen: _omitted, ...withoutLimit } = raw;
    expect(parsePolicy(withoutLimit).maxAmountFen).toBeUndefined();
  });
});
