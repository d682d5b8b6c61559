import { ValidationError, parsePolicy } from '../../src/domain';
import { rawShippedPolicy, shippedPolicy } from './support';

/** The shipped policy with one change applied to a fresh copy. */
function shippedWith(change: (raw: any) => void): unknown {
  const raw = rawShippedPolicy() as any;
  change(raw);
  return raw;
}

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields.map((f) => f.field);
  }
  throw new Error('expected a ValidationError');
}

describe('policy (config/policy.json)', () => {
  it('given the shipped policy, when loaded, then it carries the defaults of the seed documents', () => {
    const policy = shippedPolicy();
    expect(policy.timeLimits.bySeverity.major).toEqual({ response: { amount: 30, unit: 'minutes' }, resolution: { amount: 24, unit: 'hours' } });
    expect(policy.timeLimits.bySeverity.general.resolution).toEqual({ amount: 3, unit: 'workingDays' });
    expect(policy.timeLimits.bySeverity.minor.resolution).toEqual({ amount: 5, unit: 'workingDays' });
    expect(policy.timeLimits.resolutionCap).toEqual({ standard: { amount: 3, unit: 'workingDays' }, special: { amount: 7, unit: 'workingDays' } });
    expect(policy.timeLimits.capaRecord).toEqual({ amount: 3, unit: 'calendarDays' });
    expect(policy.timeLimits.outageNotice).toEqual({ amount: 10, unit: 'minutes' });
    expect(Object.values(policy.finesFen)).toEqual(Array(6).fill(20000));
    expect(policy.exemption).toEqual({ refundPercent: 120, payrollMonthsAfterApproval: 1 });
    expect(policy.escalationChain).toEqual(['service-desk', 'dept-head', 'management-rep', 'general-manager']);
    expect(policy.departments).toContainEqual({ code: 'KF', name: '客户服务部' });
    expect(policy.repeatComplaintWindowDays).toBe(30);
  });

  it('given a loaded policy, when code tries to change it, then it cannot', () => {
    const policy = shippedPolicy();
    expect(Object.isFrozen(policy.timeLimits.bySeverity.major.response)).toBe(true);
    expect(() => {
      (policy.finesFen as any).serviceConduct = 1;
    }).toThrow(TypeError);
  });

  it('given a time limit with an unknown unit, when loaded, then the error names the field', () => {
    const fields = fieldsOf(() => parsePolicy(shippedWith((p) => (p.timeLimits.bySeverity.major.response.unit = 'weeks'))));
    expect(fields).toEqual(['timeLimits.bySeverity.major.response.unit']);
  });

  it('given a fine written in yuan with decimals, a missing fine and a typo, when loaded, then every bad field is named at once', () => {
    const fields = fieldsOf(() =>
      parsePolicy(
        shippedWith((p) => {
          p.finesFen.serviceConduct = 200.5;
          delete p.finesFen.lateOutageNotice;
          p.repeatComplaintWindowDay = 30;
        }),
      ),
    );
    expect(fields.sort()).toEqual(['finesFen.lateOutageNotice', 'finesFen.serviceConduct', 'repeatComplaintWindowDay'].sort());
  });

  it('given routing to a group that does not exist, when loaded, then it is refused', () => {
    const fields = fieldsOf(() => parsePolicy(shippedWith((p) => (p.routing.byCategory.technicalService = 'operations'))));
    expect(fields).toEqual(['routing.byCategory.technicalService']);
  });

  it('given a category left out of the routing table, when loaded, then it is reported missing', () => {
    const fields = fieldsOf(() => parsePolicy(shippedWith((p) => delete p.routing.byCategory.systemAssurance)));
    expect(fields).toEqual(['routing.byCategory.systemAssurance']);
  });

  it('given two departments with the same code or a lower-case code, when loaded, then it is refused', () => {
    const fields = fieldsOf(() =>
      parsePolicy(shippedWith((p) => p.departments.push({ code: 'KF', name: '客服二部' }, { code: 'kf', name: '客服三部' }))),
    );
    expect(fields).toEqual([`departments[${(rawShippedPolicy() as any).departments.length}].code`, `departments[${(rawShippedPolicy() as any).departments.length + 1}].code`]);
  });

  it('given a bad calendar override, when loaded, then the date is named', () => {
    const fields = fieldsOf(() => parsePolicy(shippedWith((p) => (p.calendar.extraHolidays = ['2027-13-01']))));
    expect(fields).toEqual(['calendar.extraHolidays[0]']);
  });

  it('given no resolution cap (null), when loaded, then it is accepted', () => {
    expect(parsePolicy(shippedWith((p) => (p.timeLimits.resolutionCap = null))).timeLimits.resolutionCap).toBeNull();
  });

  it('given something that is not an object, when loaded, then it is refused', () => {
    expect(() => parsePolicy(undefined)).toThrow(ValidationError);
    expect(() => parsePolicy([])).toThrow(ValidationError);
  });
});
