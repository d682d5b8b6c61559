import { LEDGER_READERS, LEDGER_WRITERS } from '../../src/app/penalties/ledger-service';
import { PENALTY_READERS } from '../../src/app/penalties/penalty-service';
import { correctionFen, LEDGER_WRITER_GROUPS, PAYROLL_READER_GROUPS } from '../../web/src/staff/payroll';
import { EXEMPTION_STATUSES, PENALTY_STATUSES } from '../../src/persistence/entities/penalties';
import { emptyPenaltyDraft, exemptionNeedsOutageStatement, mayRequestExemption, penaltyBody, PENALTY_OPENER_GROUPS } from '../../web/src/staff/penalty-form';
import { PENALTY_READER_GROUPS, PENALTY_STATUS_CODES, penaltyFacts, penaltyStatusLabel } from '../../web/src/shared/penalty-labels';
import type { Penalty } from '../../web/src/shared/api/types';

describe('the console\'s penalty forms', () => {
  test('the console knows the server\'s penalty statuses, exemption statuses and reading groups', () => {
    expect([...PENALTY_STATUS_CODES]).toEqual([...PENALTY_STATUSES]);
    expect([...PENALTY_READER_GROUPS].sort()).toEqual([...PENALTY_READERS].sort());
    for (const status of [...PENALTY_STATUSES, ...EXEMPTION_STATUSES]) expect(penaltyStatusLabel(status)).toMatch(/[\u4e00-\u9fff]/);
    expect(PENALTY_OPENER_GROUPS).toContain('service-desk');
  });

  test('the opening request carries the facts of the chosen category only', () => {
    const draft = { ...emptyPenaltyDraft(), departmentCode: 'YW', responsiblePerson: ' 王工 ', description: '', publisherDepartment: 'ZL', violations: 3 };
    expect(penaltyBody({ ...draft, category: 'serviceConduct' })).toEqual({ category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '王工', violations: 3 });
    expect(penaltyBody({ ...draft, category: 'informationFlow' })).toEqual({ category: 'informationFlow', departmentCode: 'YW', responsiblePerson: '王工', publisherDepartment: 'ZL' });
    expect(penaltyBody({ ...draft, category: 'serviceTimeLimit', description: '超期 3 天' }))
      .toEqual({ category: 'serviceTimeLimit', departmentCode: 'YW', responsiblePerson: '王工', description: '超期 3 天' });
    expect(penaltyBody({ ...draft, category: 'systemAssurance', causedByPeople: false, repeatAfterMeasuresPromised: true }))
      .toEqual({ category: 'systemAssurance', departmentCode: 'YW', responsiblePerson: '王工', causedByPeople: false, repeatAfterMeasuresPromised: true });
  });

  const executed = (changes: Partial<Penalty> = {}): Penalty => ({
    id: 'p1', complaintNumber: '2026KF001', instanceId: 'i1', category: 'serviceConduct', departmentCode: 'YW', responsiblePerson: '王工',
    status: 'executed', noticeNumber: '2026KFCF001', proposedBy: 'desk1', opinionBy: 'head-yw', facts: { violations: 1, description: '态度恶劣' },
    additionalBreach: false, fine: {
      totalFen: 20000,
      entries: [{
        id: 'l1', kind: 'fine', departmentCode: 'YW', amountFen: -20000, payrollMonth: '2026-11', penaltyId: 'p1', noticeNumber: '2026KFCF001', complaintNumber: '2026KF001',
        fineEntryId: null, reason: '服务规范违规 1 次', createdAt: '2026-11-23T01:00:00.000Z', createdBy: 'ga1', createdByName: '陈静',
      }],
    },
    outage: null, exemptions: [], refunds: [], createdAt: '2026-11-23T01:00:00.000Z', people: {}, ...changes,
  });

  test('only the charged department may request exemption from an executed fine, once at a time', () => {
    expect(mayRequestExemption(executed(), 'YW')).toBe(true);
    expect(mayRequestExemption(executed(), 'ZL')).toBe(false);
    expect(mayRequestExemption(executed({ status: 'noticeIssued' }), 'YW')).toBe(false);
    const pending = { id: 'e1', departmentCode: 'YW', status: 'investigating' } as Penalty['exemptions'][number];
    expect(mayRequestExemption(executed({ exemptions: [pending] }), 'YW')).toBe(false);
    expect(mayRequestExemption(executed({ exemptions: [{ ...pending, status: 'rejected' }] }), 'YW')).toBe(true);
    expect(exemptionNeedsOutageStatement(executed({ category: 'systemAssurance', facts: { causedByPeople: false } }))).toBe(true);
    expect(exemptionNeedsOutageStatement(executed({ category: 'systemAssurance', facts: { causedByPeople: true } }))).toBe(false);
  });

  test('a case\'s facts read as the clerk entered them', () => {
    const department = (code: string) => ({ YW: '运维管理部', ZL: '质量效能部' }[code] ?? code);
    expect(penaltyFacts(executed(), department)).toEqual(['态度恶劣', '违规 1 次']);
    expect(penaltyFacts(executed({ facts: { publisherDepartment: 'YW', receiverDepartment: 'ZL' }, additionalBreach: true }), department))
      .toEqual(['发布部门：运维管理部', '接收部门：质量效能部', '另一次违规（同一投诉、部门和类别已有处罚）']);
  });
});

describe('the console\'s pay adjustments page', () => {
  test('its groups are the server\'s ledger readers (auditors have their own area) and writers', () => {
    expect([...PAYROLL_READER_GROUPS, 'auditor'].sort()).toEqual([...LEDGER_READERS].sort());
    expect([...LEDGER_WRITER_GROUPS]).toEqual([...LEDGER_WRITERS]);
  });

  test('a correction entered in yuan is booked in signed fen: credits positive, charges negative', () => {
    expect(correctionFen('credit', 240)).toBe(24000);
    expect(correctionFen('charge', 200)).toBe(-20000);
    expect(correctionFen('credit', 0.1 + 0.2)).toBe(30); // no float drift into the ledger
  });
});
