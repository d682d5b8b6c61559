import { ValidationError } from './errors';

/**
 * Record numbers per 003 表一/表三 编号规则: year + registering department's pinyin initials + sequence,
 * e.g. 2026KF001. The sequence has at least three digits and simply grows past 999 (2026KF1000).
 */
export interface ComplaintNumber {
  year: number;
  deptCode: string;
  seq: number;
}

const DEPT_CODE = /^[A-Z]{2,6}$/;
const NUMBER = /^(\d{4})([A-Z]{2,6})(\d{3,})$/;

export function formatComplaintNumber(year: number, deptCode: string, seq: number): string {
  const problems: { field: string; messages: string[] }[] = [];
  if (!Number.isInteger(year) || year < 1000 || year > 9999) problems.push({ field: 'year', messages: ['must be a four-digit year'] });
  if (!DEPT_CODE.test(deptCode)) problems.push({ field: 'deptCode', messages: ['must be 2–6 capital letters'] });
  if (!Number.isSafeInteger(seq) || seq < 1) problems.push({ field: 'seq', messages: ['must be a whole number from 1'] });
  if (problems.length > 0) {
    throw new ValidationError(`Cannot number ${year}/${deptCode}/${seq}: ${problems.map((p) => `${p.field} ${p.messages[0]}`).join('; ')}`, problems, 'invalid_number');
  }
  return `${year}${deptCode}${String(seq).padStart(3, '0')}`;
}

/** Parses a number written by formatComplaintNumber; anything else (2026kf001, 2026KF01, 2026KF0001) is rejected. */
export function parseComplaintNumber(text: string): ComplaintNumber {
  const match = NUMBER.exec(text);
  const parsed = match ? { year: Number(match[1]), deptCode: match[2], seq: Number(match[3]) } : undefined;
  if (!parsed || parsed.year < 1000 || parsed.seq < 1 || !Number.isSafeInteger(parsed.seq) || formatComplaintNumber(parsed.year, parsed.deptCode, parsed.seq) !== text) {
    throw new ValidationError(`${JSON.stringify(text)} is not a complaint number like 2026KF001`, [
      { field: 'number', messages: ['must look like 2026KF001'] },
    ], 'invalid_number');
  }
  return parsed;
}

/**
 * A penalty notice number (处罚通知单编号, 003 表三) from the policy's noticeNumberFormat, e.g. "{year}{dept}CF{seq}" →
 * 2026KFCF001, so that notices are not mistaken for complaint numbers. {seq} has three digits at least.
 */
export function formatNoticeNumber(format: string, year: number, deptCode: string, seq: number): string {
  formatComplaintNumber(year, deptCode, seq); // the same checks of year, department and sequence
  return format.replace(/\{year\}/g, String(year)).replace(/\{dept\}/g, deptCode).replace(/\{seq\}/g, String(seq).padStart(3, '0'));
}
