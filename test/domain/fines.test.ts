import { ValidationError, calculateFine, exemptionAllowed, formatFen, refundFor } from '../../src/domain';
import { sh, shippedPolicy } from './support';

describe('fines (003 4.3.2)', () => {
  const policy = shippedPolicy();

  it('given two service-conduct violations in the ops department, then ops is fined 400 元', () => {
    const fine = calculateFine(policy, { category: 'serviceConduct', department: 'YW', violations: 2 });
    expect(fine.totalFen).toBe(40000);
    expect(formatFen(fine.totalFen)).toBe('400.00 元');
    expect(fine.lines).toEqual([{ department: 'YW', amountFen: 40000, reason: expect.stringContaining('服务规范违规 2 次') }]);
    expect(fine.handedToCompany).toBe(false);
  });

  it('given a repair due 30 Sep 16:00 and done 2 Oct 10:00, then 2 started days overdue cost 400 元, holiday or not', () => {
    const fine = calculateFine(policy, { category: 'serviceTimeLimit', department: 'YW', dueAt: sh('2026-09-30 16:00'), doneAt: sh('2026-10-02 10:00') });
    expect(fine.totalFen).toBe(40000);
    expect(fine.lines[0].reason).toContain('2 天');
  });

  it('given a work order handled on time, then there is no fine', () => {
    const fine = calculateFine(policy, { category: 'workOrderHandling', department: 'KF', dueAt: sh('2026-09-30 16:00'), doneAt: sh('2026-09-30 15:59') });
    expect(fine).toEqual({ lines: [], totalFen: 0, handedToCompany: false });
  });

  it('given a work order 3 days late, then the responsible department pays 600 元', () => {
    const fine = calculateFine(policy, { category: 'workOrderHandling', department: 'KF', dueAt: sh('2026-09-30 16:00'), doneAt: sh('2026-10-03 12:00') });
    expect(fine.totalFen).toBe(60000);
  });

  it('given a late notice that the receiving department also ignored, then both departments are fined 200 元 each', () => {
    const fine = calculateFine(policy, { category: 'informationFlow', publisher: 'SC', receiver: 'KF' });
    expect(fine.lines.map((l) => [l.department, l.amountFen])).toEqual([
      ['SC', 20000],
      ['KF', 20000],
    ]);
    expect(fine.totalFen).toBe(40000);
  });

  it('given only the receiving department at fault, then only it is fined', () => {
    const fine = calculateFine(policy, { category: 'informationFlow', publisher: null, receiver: 'KF' });
    expect(fine.lines).toEqual([expect.objectContaining({ department: 'KF', amountFen: 20000 })]);
  });

  it('given an information-flow incident with nobody at fault, then it is refused', () => {
    expect(() => calculateFine(policy, { category: 'informationFlow', publisher: null, receiver: null })).toThrow(ValidationError);
  });

  describe('system failures', () => {
    const failure = { category: 'systemAssurance' as const, department: 'YW', causedByPeople: false, outageExplanationConfirmed: false, repeatAfterMeasuresPromised: false };

    it('given a failure caused by people, then 200 元, whatever was filed', () => {
      expect(calculateFine(policy, { ...failure, causedByPeople: true, outageExplanationConfirmed: true }).totalFen).toBe(20000);
    });

    it('given a technical failure with an explanation and measures confirmed by the division leader, then no fine', () => {
      expect(calculateFine(policy, { ...failure, outageExplanationConfirmed: true })).toEqual({ lines: [], totalFen: 0, handedToCompany: false });
    });

    it('given a technical failure without a confirmed explanation, then 200 元', () => {
      expect(calculateFine(policy, failure).totalFen).toBe(20000);
    });

    it('given the same failure again after measures were promised, then 200 元 even with a confirmed explanation', () => {
      const fine = calculateFine(policy, { ...failure, outageExplanationConfirmed: true, repeatAfterMeasuresPromised: true });
      expect(fine.totalFen).toBe(20000);
      expect(fine.lines[0].reason).toContain('再次发生');
    });

    it.each([
      [false, true, false, true],
      [false, false, false, false],
      [false, true, true, false],
      [true, true, false, false],
    ])('causedByPeople=%s, explanation confirmed=%s, repeat=%s → exempt: %s', (causedByPeople, outageExplanationConfirmed, repeatAfterMeasuresPromised, exempt) => {
      expect(exemptionAllowed({ causedByPeople, outageExplanationConfirmed, repeatAfterMeasuresPromised })).toBe(exempt);
    });
  });

  it('given a department that reported 3 outages late, then 600 元', () => {
    expect(calculateFine(policy, { category: 'lateOutageNotice', department: 'YW', occurrences: 3 }).totalFen).toBe(60000);
  });

  it('given a particularly serious case, then no fine is computed and it is handed to the company', () => {
    expect(calculateFine(policy, { category: 'particularlySerious', department: 'YW' })).toEqual({ lines: [], totalFen: 0, handedToCompany: true });
  });

  it('given an unknown department or a count below one, then it is refused', () => {
    expect(() => calculateFine(policy, { category: 'serviceConduct', department: 'XX', violations: 1 })).toThrow(/XX/);
    expect(() => calculateFine(policy, { category: 'serviceConduct', department: 'YW', violations: 0 })).toThrow(ValidationError);
    expect(() => calculateFine(policy, { category: 'lateOutageNotice', department: 'YW', occurrences: 1.5 })).toThrow(ValidationError);
  });
});

describe('exemption refund (003 4.3.6)', () => {
  const policy = shippedPolicy();

  it('given a 200 元 fine whose exemption is approved in November, then 240 元 come back with December pay', () => {
    expect(refundFor(20000, sh('2026-11-12 10:00'), policy)).toEqual({ amountFen: 24000, payrollMonth: '2026-12' });
  });

  it('given approval in December, then the refund is in January of the next year', () => {
    expect(refundFor(20000, sh('2026-12-31 23:30'), policy).payrollMonth).toBe('2027-01');
  });

  it('given approval late on 30 November Shanghai time (still November 30 in UTC), then the Shanghai month counts', () => {
    expect(refundFor(20000, sh('2026-11-30 23:30'), policy).payrollMonth).toBe('2026-12');
    expect(refundFor(20000, new Date('2026-11-30T17:00:00Z'), policy).payrollMonth).toBe('2027-01'); // 1 Dec 01:00 in Shanghai
  });

  it('given a fine of several occurrences, then 120 % of the whole amount is refunded', () => {
    expect(refundFor(60000, sh('2026-05-06 09:00'), policy)).toEqual({ amountFen: 72000, payrollMonth: '2026-06' });
  });

  it('given a negative or fractional fine, then it is refused', () => {
    expect(() => refundFor(-20000, sh('2026-05-06 09:00'), policy)).toThrow(ValidationError);
    expect(() => refundFor(200.5, sh('2026-05-06 09:00'), policy)).toThrow(ValidationError);
  });
});
