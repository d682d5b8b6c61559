import { callbackDueAt, capaDueAt, computeDeadlines, outageNoticeDueAt, overdueDays, parsePolicy, timeLeft } from '../../src/domain';
import { officialCalendar, rawShippedPolicy, sh, showSh, shippedPolicy } from './support';

describe('SLA deadlines', () => {
  const policy = shippedPolicy();
  const calendar = officialCalendar();
  const due = (input: Parameters<typeof computeDeadlines>[2]) => {
    const d = computeDeadlines(policy, calendar, input);
    return { response: showSh(d.responseDueAt), resolution: showSh(d.resolutionDueAt) };
  };

  it('a general complaint received Wednesday 30 Sep 2026 16:00 must be answered by 18:00 and resolved by Saturday 10 Oct 16:00 (调休 working day)', () => {
    expect(due({ severity: 'general', kind: 'complaint', receivedAt: sh('2026-09-30 16:00') })).toEqual({
      response: '2026-09-30 18:00',
      resolution: '2026-10-10 16:00',
    });
  });

  it('a major complaint received on National Day at 23:50 runs round the clock: response 00:20, resolution 23:50 the next day', () => {
    expect(due({ severity: 'major', kind: 'complaint', receivedAt: sh('2026-10-01 23:50') })).toEqual({
      response: '2026-10-02 00:20',
      resolution: '2026-10-02 23:50',
    });
  });

  it('a minor complaint is capped at 3 working days, while a minor suggestion keeps its 5 working days', () => {
    const receivedAt = sh('2026-09-28 09:00'); // Monday; 29, 30 Sep, then 8, 9, 10 Oct
    expect(due({ severity: 'minor', kind: 'complaint', receivedAt })).toEqual({ response: '2026-09-29 09:00', resolution: '2026-10-08 09:00' });
    expect(due({ severity: 'minor', kind: 'suggestion', receivedAt })).toEqual({ response: '2026-09-29 09:00', resolution: '2026-10-10 09:00' });
  });

  it('an approved special case may take 7 working days', () => {
    // 29, 30 Sep, 8, 9, 10 Oct (调休 Saturday), 12, 13 Oct.
    expect(due({ severity: 'general', kind: 'complaint', receivedAt: sh('2026-09-28 09:00'), special: true }).resolution).toBe('2026-10-13 09:00');
  });

  it('without a resolution cap in the policy, a minor complaint gets the full 5 working days', () => {
    const uncapped = parsePolicy({ ...(rawShippedPolicy() as any), timeLimits: { ...(rawShippedPolicy() as any).timeLimits, resolutionCap: null } });
    expect(showSh(computeDeadlines(uncapped, calendar, { severity: 'minor', kind: 'complaint', receivedAt: sh('2026-09-28 09:00') }).resolutionDueAt)).toBe(
      '2026-10-10 09:00',
    );
  });

  it('an inquiry received 30 Sep 16:00 must be answered within 24 hours, holiday or not', () => {
    expect(due({ severity: 'general', kind: 'inquiry', receivedAt: sh('2026-09-30 16:00') })).toEqual({
      response: '2026-09-30 18:00',
      resolution: '2026-10-01 16:00',
    });
    expect(due({ severity: 'minor', kind: 'inquiry', receivedAt: sh('2026-09-30 16:00') }).response).toBe('2026-10-01 16:00');
  });

  it('a complaint received during Spring Festival is resolved 3 working days after the holiday ends', () => {
    // 16 Feb is a holiday: counting starts 24 Feb; 24, 25, 26 Feb → due at the end of 26 Feb.
    expect(due({ severity: 'general', kind: 'complaint', receivedAt: sh('2026-02-16 11:00') }).resolution).toBe('2026-02-27 00:00');
  });

  it('the corrective-action record is due 3 calendar days after dispatch, the callback 3 working days after closure', () => {
    const d = computeDeadlines(policy, calendar, {
      severity: 'general',
      kind: 'complaint',
      receivedAt: sh('2026-09-30 09:00'),
      dispatchedAt: sh('2026-09-30 10:00'),
      closedAt: sh('2026-09-30 16:00'),
    });
    expect(showSh(d.capaDueAt!)).toBe('2026-10-03 10:00');
    expect(showSh(d.callbackDueAt!)).toBe('2026-10-10 16:00');
    expect(capaDueAt(policy, calendar, sh('2026-09-30 10:00'))).toEqual(d.capaDueAt);
    expect(callbackDueAt(policy, calendar, sh('2026-09-30 16:00'))).toEqual(d.callbackDueAt);
  });

  it('without dispatch or closure times, no CAPA or callback deadline is given', () => {
    const d = computeDeadlines(policy, calendar, { severity: 'general', kind: 'complaint', receivedAt: sh('2026-09-30 09:00') });
    expect(d.capaDueAt).toBeUndefined();
    expect(d.callbackDueAt).toBeUndefined();
  });

  it('a failure of a staffed system at 14:03 must be reported to the service desk by 14:13', () => {
    expect(showSh(outageNoticeDueAt(policy, calendar, sh('2026-10-02 14:03')))).toBe('2026-10-02 14:13');
  });
});

describe('days overdue (每超期1天)', () => {
  const calendar = officialCalendar();
  const dueAt = sh('2026-09-30 16:00');

  it.each([
    ['2026-09-30 15:00', 0, 'early'],
    ['2026-09-30 16:00', 0, 'exactly on time'],
    ['2026-09-30 16:01', 1, 'one minute late'],
    ['2026-10-01 16:00', 1, '24 hours late'],
    ['2026-10-01 16:01', 2, '24 hours and a minute late'],
    ['2026-10-08 09:00', 8, 'after National Day: holidays count'],
  ])('done %s → %i day(s) (%s)', (doneAt, days) => {
    expect(overdueDays(dueAt, sh(doneAt), calendar)).toBe(days);
  });
});

describe('time left', () => {
  it('is positive before the deadline and negative once overdue', () => {
    expect(timeLeft(sh('2026-09-30 18:00'), sh('2026-09-30 16:00'))).toBe(2 * 60 * 60 * 1000);
    expect(timeLeft(sh('2026-09-30 18:00'), sh('2026-09-30 18:30'))).toBe(-30 * 60 * 1000);
  });
});
