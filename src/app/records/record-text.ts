import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { SHANGHAI } from '../../domain';
import { InstanceHistory } from '../audit/audit-service';

dayjs.extend(utc);
dayjs.extend(timezone);

/** 2026年11月23日 09:00 (Asia/Shanghai). */
export function dateTime(value: Date | string | null | undefined): string {
  return value ? dayjs(value).tz(SHANGHAI).format('YYYY年M月D日 HH:mm') : '';
}

/** 11月23日 09:00 (Asia/Shanghai), for timelines under a dated heading. */
export function shortDateTime(value: Date | string | null | undefined): string {
  return value ? dayjs(value).tz(SHANGHAI).format('M月D日 HH:mm') : '';
}

/** 2026年11月23日 (Asia/Shanghai). */
export function date(value: Date | string | null | undefined): string {
  return value ? dayjs(value).tz(SHANGHAI).format('YYYY年M月D日') : '';
}

/** 2026年11月23日9时, as the seed's 答复时间 asks (年 月 日 时). */
export function dateHour(value: Date | string | null | undefined): string {
  return value ? dayjs(value).tz(SHANGHAI).format('YYYY年M月D日H时') : '';
}

/** 200.00 → "200"; 123.45 → "123.45". */
export function yuan(fen: number): string {
  const value = (Math.abs(fen) / 100).toFixed(2).replace(/\.00$/, '');
  return fen < 0 ? `-${value}` : value;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿'];

/** The amount in capital Chinese numerals as on a voucher: 20000 fen → 贰佰元整, 24050 → 贰佰肆拾元伍角. */
export function yuanInWords(fen: number): string {
  const amount = Math.abs(Math.round(fen));
  const whole = Math.floor(amount / 100);
  const jiao = Math.floor(amount / 10) % 10;
  const fenPart = amount % 10;
  let words = whole === 0 ? '' : `${integerWords(whole)}元`;
  if (jiao === 0 && fenPart === 0) return `${words || '零元'}整`;
  if (jiao > 0) words += `${DIGITS[jiao]}角`;
  else if (whole > 0) words += '零';
  if (fenPart > 0) words += `${DIGITS[fenPart]}分`;
  return words;
}

function integerWords(value: number): string {
  const groups: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 10000)) groups.push(rest % 10000);
  let text = '';
  let needZero = false;
  for (let g = groups.length - 1; g >= 0; g -= 1) {
    const group = groups[g];
    if (group === 0) { needZero = text !== ''; continue; }
    if (needZero || (text !== '' && group < 1000)) text += '零';
    text += groupWords(group) + BIG_UNITS[g];
    needZero = false;
  }
  return text;
}

function groupWords(group: number): string {
  let text = '';
  let zero = false;
  for (let position = 3; position >= 0; position -= 1) {
    const digit = Math.floor(group / 10 ** position) % 10;
    if (digit === 0) { zero = text !== ''; continue; }
    if (zero) text += '零';
    text += DIGITS[digit] + SMALL_UNITS[position];
    zero = false;
  }
  return text;
}

/** Who completed a step and with which form data, from the audit trail (the last completion when it ran more than once). */
export interface Completion {
  actor: string;
  at: Date;
  data: Record<string, unknown>;
  seq: number;
}

export function completionsOf(history: InstanceHistory | null | undefined, elementId: string): Completion[] {
  return (history?.entries ?? [])
    .filter((entry) => entry.action === 'completed' && entry.elementId === elementId)
    .map((entry) => ({ actor: entry.actor ?? '', at: new Date(entry.at), data: entry.after ?? {}, seq: entry.seq }));
}

export function lastCompletion(history: InstanceHistory | null | undefined, ...elementIds: string[]): Completion | null {
  const all = elementIds.flatMap((id) => completionsOf(history, id)).sort((a, b) => a.seq - b.seq);
  return all.at(-1) ?? null;
}

export function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}
