import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ValidationError, WorkCalendar } from '../../src/domain';
import { officialCalendar, sh, showSh } from './support';

// Official 2026 arrangement (State Council notice of Nov 2025, as shipped in chinese-days):
// 春节 2/15 (Sun) – 2/23 (Mon) off, Saturdays 2/14 and 2/28 worked;
// 中秋 9/25 (Fri) – 9/27 (Sun) off; 国庆 10/1 (Thu) – 10/7 (Wed) off, Sunday 9/20 and Saturday 10/10 worked.
describe('WorkCalendar — mainland China, Asia/Shanghai', () => {
  const calendar = officialCalendar();

  describe('which days are working days', () => {
    it.each([
      ['2026-09-20', true, 'Sunday worked for National Day (调休)'],
      ['2026-09-25', false, 'Mid-Autumn Festival (Friday)'],
      ['2026-09-30', true, 'ordinary Wednesday before National Day'],
      ['2026-10-01', false, 'National Day'],
      ['2026-10-05', false, 'National Day (Monday)'],
      ['2026-10-07', false, 'National Day (Wednesday)'],
      ['2026-10-08', true, 'first day back'],
      ['2026-10-10', true, 'Saturday worked for National Day (调休)'],
      ['2026-10-11', false, 'ordinary Sunday'],
      ['2026-02-14', true, 'Saturday worked for Spring Festival (调休)'],
      ['2026-02-17', false, 'Spring Festival (Tuesday)'],
      ['2026-02-23', false, 'Spring Festival (Monday)'],
      ['2026-02-24', true, 'first day back after Spring Festival'],
      ['2026-02-28', true, 'Saturday worked for Spring Festival (调休)'],
    ])('%s is a working day: %s (%s)', (date, expected) => {
      expect(calendar.isWorkingDay(date)).toBe(expected);
    });

    it('given an instant late in the evening UTC, when checked, then the Shanghai date decides', () => {
      // 2026-09-30 16:30 UTC is already 1 October 00:30 in Shanghai.
      const instant = new Date('2026-09-30T16:30:00Z');
      expect(calendar.shanghaiDate(instant)).toBe('2026-10-01');
      expect(calendar.isWorkingDay(instant)).toBe(false);
    });

    it('given the server runs in a time zone west of UTC, when checked, then the answers do not change', () => {
      // The process time zone is fixed at start-up, so ask a child process running in Los Angeles.
      const script = `
        const { WorkCalendar } = require('./src/domain/calendar');
        const c = new WorkCalendar();
        const at = (s) => new Date(s + '+08:00');
        console.log(JSON.stringify([
          c.isWorkingDay('2026-10-10'), c.isWorkingDay('2026-10-11'),
          c.isWorkingDay(at('2026-09-30T23:30:00')), c.isWorkingDay(at('2026-10-01T00:30:00')),
          c.addWorkingDays(at('2026-09-30T16:00:00'), 3).toISOString(),
        ]));`;
      const output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
        cwd: path.join(__dirname, '..', '..'),
        env: { ...process.env, TZ: 'America/Los_Angeles' },
        encoding: 'utf8',
      });
      expect(JSON.parse(output)).toEqual([true, false, true, false, sh('2026-10-10 16:00').toISOString()]);
    });
  });

  describe('adding working days', () => {
    it('given Wednesday 30 Sep 2026 16:00, when 3 working days are added, then National Day is skipped and the 调休 Saturday counts: Sat 10 Oct 16:00', () => {
      expect(showSh(calendar.addWorkingDays(sh('2026-09-30 16:00'), 3))).toBe('2026-10-10 16:00');
    });

    it('given Friday 18 Sep 2026 10:00, when 3 working days are added, then the 调休 Sunday 20 Sep counts: Tue 22 Sep 10:00', () => {
      expect(showSh(calendar.addWorkingDays(sh('2026-09-18 10:00'), 3))).toBe('2026-09-22 10:00');
    });

    it('given Friday 13 Feb 2026 15:00, when 3 working days are added, then Spring Festival is skipped: Wed 25 Feb 15:00', () => {
      // Sat 14 Feb (调休) is the first, 15–23 Feb are off, 24 and 25 Feb follow.
      expect(showSh(calendar.addWorkingDays(sh('2026-02-13 15:00'), 3))).toBe('2026-02-25 15:00');
    });

    it('given a start on a holiday, when 3 working days are added, then counting starts at the next working day and ends with the third one (24:00)', () => {
      // 3 Oct is a holiday: 8, 9 and 10 Oct are the three working days; due at the end of 10 Oct.
      expect(showSh(calendar.addWorkingDays(sh('2026-10-03 10:00'), 3))).toBe('2026-10-11 00:00');
    });

    it('given zero working days, when added, then the time is unchanged', () => {
      expect(calendar.addWorkingDays(sh('2026-10-03 10:00'), 0)).toEqual(sh('2026-10-03 10:00'));
    });

    it('given a negative or fractional number of working days, when added, then it is refused', () => {
      expect(() => calendar.addWorkingDays(sh('2026-09-30 10:00'), -1)).toThrow(ValidationError);
      expect(() => calendar.addWorkingDays(sh('2026-09-30 10:00'), 1.5)).toThrow(ValidationError);
    });
  });

  describe('counting working days and calendar days', () => {
    it('given two instants around National Day, when working days between are counted, then holidays are left out', () => {
      expect(calendar.workingDaysBetween(sh('2026-09-30 16:00'), sh('2026-10-10 16:00'))).toBe(3);
      expect(calendar.workingDaysBetween(sh('2026-09-30 16:00'), sh('2026-10-08 09:00'))).toBe(1);
      expect(calendar.workingDaysBetween(sh('2026-10-10 16:00'), sh('2026-09-30 16:00'))).toBe(-3);
      expect(calendar.workingDaysBetween(sh('2026-10-01 08:00'), sh('2026-10-01 20:00'))).toBe(0);
    });

    it('given any start, when working days are added and then counted back, then the count matches', () => {
      for (const start of ['2026-09-18 10:00', '2026-09-30 16:00', '2026-10-03 10:00', '2026-02-13 15:00', '2026-02-16 09:00']) {
        const from = sh(start);
        expect(calendar.workingDaysBetween(from, calendar.addWorkingDays(from, 3))).toBe(3);
      }
    });

    it('given Wed 30 Sep 16:00, when 3 calendar days are added, then it is Sat 3 Oct 16:00, holidays included', () => {
      expect(showSh(calendar.addCalendarDays(sh('2026-09-30 16:00'), 3))).toBe('2026-10-03 16:00');
      expect(showSh(calendar.addCalendarDays(sh('2026-03-01 00:30'), -1))).toBe('2026-02-28 00:30');
    });
  });

  describe('organisation overrides', () => {
    it('given an extra holiday and an extra working day, when checked, then the overrides win over the official data', () => {
      const adjusted = new WorkCalendar({ extraHolidays: ['2026-10-09', '2026-10-10'], extraWorkdays: ['2026-10-11'] });
      expect(adjusted.isWorkingDay('2026-10-09')).toBe(false);
      expect(adjusted.isWorkingDay('2026-10-10')).toBe(false); // an official 调休 day, given off
      expect(adjusted.isWorkingDay('2026-10-11')).toBe(true);
      // 8 Oct, then 11 Oct, then 12 Oct.
      expect(showSh(adjusted.addWorkingDays(sh('2026-09-30 16:00'), 3))).toBe('2026-10-12 16:00');
    });

    it('given a year the official data does not cover yet, when asked, then the calendar says so', () => {
      expect(calendar.hasOfficialDataFor(2026)).toBe(true);
      expect(calendar.hasOfficialDataFor(2099)).toBe(false);
    });

    it('given a date listed both as holiday and working day, or a date that does not exist, when the calendar is built, then the bad entry is named', () => {
      const build = (extraHolidays: string[], extraWorkdays: string[]) => () => new WorkCalendar({ extraHolidays, extraWorkdays });
      expect(build(['2027-02-05'], ['2027-02-05'])).toThrow(/extraWorkdays\[0\].*2027-02-05/);
      expect(build(['2027-02-30'], [])).toThrow(/extraHolidays\[0\]/);
      expect(build(['2027/02/05'], [])).toThrow(ValidationError);
    });
  });
});
