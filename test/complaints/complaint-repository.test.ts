import { randomUUID } from 'node:crypto';
import { ComplaintRow } from '../../src/persistence/entities/complaint';
import { ComplaintRepository } from '../../src/persistence/repositories/complaint-repository';
import { Database } from '../../src/persistence/database';
import { openTestDatabase } from '../support/database';

function complaintRow(overrides: Partial<ComplaintRow> = {}): ComplaintRow {
  const at = new Date('2026-11-23T01:00:00.123Z');
  return Object.assign(new ComplaintRow(), {
    id: randomUUID(), number: '2026KF001', year: 2026, registeringDeptCode: 'KF', seq: 1,
    complainantName: '张三', complainantOrg: null, complainantAddress: null, complainantPhone: '13800138000', complainantEmail: null,
    complainantKey: 'tel:13800138000', channel: 'hotline', kind: 'complaint', origin: 'regular', level: 'normal',
    category: 'technicalService', severity: 'major', isComplex: false, content: '全市机顶盒无信号', customerDemand: null,
    requestedReplyAt: null, evidence: ['录音 20261123-01'], receivedBy: 'desk1', receivedAt: at, responsibleDeptCode: null,
    handlerGroup: null, instanceId: null, status: 'registered', currentStep: null, responseDueAt: null, resolutionDueAt: null,
    capaDueAt: null, dispatchedAt: null, respondedAt: null, resolvedAt: null, capaAt: null, closedAt: null, callbackDueAt: null,
    callbackAt: null, satisfaction: null, leaderDecision: null, reopenCount: 0, escalationLevel: 0, isRepeat: false, repeatOf: null,
    createdAt: at, updatedAt: at,
  }, overrides);
}

describe('complaint table', () => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ db, dispose } = await openTestDatabase()));
  afterEach(async () => dispose());

  test('Given a stored complaint, when read back by number, then dates keep milliseconds and evidence stays a list', async () => {
    await db.transaction((m) => new ComplaintRepository(m).insert(complaintRow()));
    const row = await db.read((m) => new ComplaintRepository(m).byNumber('2026KF001'));
    expect(row?.receivedAt.toISOString()).toBe('2026-11-23T01:00:00.123Z');
    expect(row?.evidence).toEqual(['录音 20261123-01']);
    expect(row?.isRepeat).toBe(false);
    expect(row?.reopenCount).toBe(0);
  });

  test('Given the same number twice, then the second insert is refused', async () => {
    await db.transaction((m) => new ComplaintRepository(m).insert(complaintRow()));
    await expect(db.transaction((m) => new ComplaintRepository(m).insert(complaintRow({ id: randomUUID(), seq: 2 })))).rejects.toThrow();
  });
});
