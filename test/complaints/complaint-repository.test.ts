import { randomUUID } from 'node:crypto';
import { ComplaintRow } from '../../src/persistence/entities/complaint';
import { ComplaintKeyset, ComplaintRepository, ComplaintSearch } from '../../src/persistence/repositories/complaint-repository';
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

  test('Given complaints sharing registration times, when paged by keyset with and without filters, then each page continues newest first with no row lost or repeated, and the count matches', async () => {
    const base = Date.parse('2026-11-23T01:00:00.000Z');
    const statuses = ['closed', 'closed', 'dispatched', 'registered'] as const;
    const rows = Array.from({ length: 30 }, (_, i) => complaintRow({
      id: randomUUID(), number: `2026KF${String(i + 1).padStart(3, '0')}`, seq: i + 1,
      receivedAt: new Date(base + Math.floor(i / 3) * 60_000), // three at a time share a millisecond: ties go by id
      status: statuses[i % statuses.length], responsibleDeptCode: i % 4 === 3 ? null : ['YW', 'ZL'][i % 2], severity: ['major', 'minor'][i % 2],
    }));
    await db.transaction(async (m) => { for (const row of rows) await new ComplaintRepository(m).insert(row); });
    const newestFirst = [...rows].sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : -1));

    const walk = (filter: ComplaintSearch) => db.read(async (m) => {
      const repository = new ComplaintRepository(m);
      const seen: string[] = [];
      let after: ComplaintKeyset | null = null;
      for (;;) {
        const page = await repository.search(filter, after, 4);
        seen.push(...page.map((row) => row.number));
        if (page.length < 4) return { seen, count: await repository.countSearch(filter) };
        const last = page[page.length - 1];
        after = { receivedAt: last.receivedAt, id: last.id };
      }
    });
    const cases: Array<[ComplaintSearch, (row: ComplaintRow) => boolean]> = [
      [{}, () => true],
      [{ status: 'closed' }, (row) => row.status === 'closed'],
      [{ department: 'YW' }, (row) => row.responsibleDeptCode === 'YW'],
      [{ visibleToDepartments: ['ZL'] }, (row) => row.responsibleDeptCode === 'ZL'],
      [{ severity: 'minor', status: 'closed' }, (row) => row.severity === 'minor' && row.status === 'closed'],
      [{ numberPrefix: '2026KF01' }, (row) => row.number.startsWith('2026KF01')],
      [{ visibleToDepartments: [] }, () => false],
    ];
    for (const [filter, matches] of cases) {
      const expected = newestFirst.filter(matches).map((row) => row.number);
      expect({ filter, ...(await walk(filter)) }).toEqual({ filter, seen: expected, count: expected.length });
    }
  });
});

