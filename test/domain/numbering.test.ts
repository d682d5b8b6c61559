import { ValidationError, formatComplaintNumber, parseComplaintNumber } from '../../src/domain';

describe('complaint numbers (year + department initials + sequence)', () => {
  it('given the first complaint the service department registers in 2026, then it is 2026KF001', () => {
    expect(formatComplaintNumber(2026, 'KF', 1)).toBe('2026KF001');
    expect(formatComplaintNumber(2026, 'YW', 42)).toBe('2026YW042');
  });

  it('given more than 999 complaints, then the sequence simply grows', () => {
    expect(formatComplaintNumber(2026, 'KF', 999)).toBe('2026KF999');
    expect(formatComplaintNumber(2026, 'KF', 1000)).toBe('2026KF1000');
  });

  it('given a number typed by a user, when parsed, then year, department and sequence come back', () => {
    expect(parseComplaintNumber('2026KF001')).toEqual({ year: 2026, deptCode: 'KF', seq: 1 });
    expect(parseComplaintNumber('2026KF1000')).toEqual({ year: 2026, deptCode: 'KF', seq: 1000 });
  });

  it.each(['2026kf001', '2026KF01', '2026KF0001', '2026KF000', 'KF2026001', '2026-KF-001', ''])('given %j, when parsed, then it is refused', (text) => {
    expect(() => parseComplaintNumber(text)).toThrow(ValidationError);
  });

  it('given a bad year, department or sequence, when formatted, then it is refused', () => {
    expect(() => formatComplaintNumber(26, 'KF', 1)).toThrow(ValidationError);
    expect(() => formatComplaintNumber(2026, 'kf', 1)).toThrow(ValidationError);
    expect(() => formatComplaintNumber(2026, 'KF', 0)).toThrow(ValidationError);
  });
});
