import { ValidationError } from './errors';
import type { CandidateGroup, Policy } from './policy';

// Each vocabulary is a readonly array (usable with class-validator's @IsIn), its string-union type,
// and the Chinese labels used on forms and reports.

/** How the complaint arrived (000 4.1.1, 003 表一). */
export const CHANNELS = ['hotline', 'email', 'online', 'visit', 'letter', 'forwarded', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  hotline: '客服热线',
  email: '电子邮件',
  online: '在线客服',
  visit: '上门/现场投诉',
  letter: '信函',
  forwarded: '上级主管部门转发',
  other: '其他',
};

/** 002 三. */
export const KINDS = ['complaint', 'suggestion', 'inquiry'] as const;
export type Kind = (typeof KINDS)[number];
export const KIND_LABELS: Readonly<Record<Kind, string>> = {
  complaint: '投诉',
  suggestion: '建议',
  inquiry: '咨询',
};

/** 003 4.1. */
export const ORIGINS = ['regular', 'discovered', 'collective'] as const;
export type Origin = (typeof ORIGINS)[number];
export const ORIGIN_LABELS: Readonly<Record<Origin, string>> = {
  regular: '常规投诉',
  discovered: '发掘性投诉',
  collective: '集中性投诉',
};

/** 002 二: a direct complaint went over the handler's head and is handled first. */
export const LEVELS = ['normal', 'direct'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Readonly<Record<Level, string>> = {
  normal: '正常投诉',
  direct: '直接投诉',
};

/** 000 4.2.2 (routing) and 003 4.3.2 (penalty categories). */
export const CATEGORIES = [
  'technicalService',
  'serviceQuality',
  'serviceAttitude',
  'serviceConduct',
  'serviceTimeLimit',
  'informationFlow',
  'workOrderHandling',
  'systemAssurance',
] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  technicalService: '技术服务类',
  serviceQuality: '服务质量类',
  serviceAttitude: '服务态度类',
  serviceConduct: '服务规范类',
  serviceTimeLimit: '服务时限类',
  informationFlow: '服务信息流转类',
  workOrderHandling: '工单信息处理类',
  systemAssurance: '系统保障类',
};

/** 000 表4-1, 001 3 (general = 较严重, minor = 建议/轻微). */
export const SEVERITIES = ['major', 'general', 'minor'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  major: '重大投诉',
  general: '一般投诉',
  minor: '轻微/建议投诉',
};

export interface RoutingInput {
  category: Category;
  severity: Severity;
  /** Needs several departments or is otherwise beyond one department (000 4.2.2 重大或复杂投诉). */
  complex: boolean;
}

/** The candidate group that receives a newly classified complaint (000 4.2.2). */
export function routeComplaint(policy: Policy, input: RoutingInput): CandidateGroup {
  if (input.severity === 'major' || input.complex) return policy.routing.majorOrComplex;
  return policy.routing.byCategory[input.category];
}

// ---- complainant identity and repeat complaints ----

export interface Contact {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
}

const MOBILE = /^1[3-9]\d{9}$/;
// Area code 0 + 2–3 digits, local number 7–8 digits not starting with 0 or 1.
const LANDLINE = /^0\d{2,3}[2-9]\d{6,7}$/;
const SERVICE_NUMBER = /^[48]00\d{7}$/;

/**
 * Canonical digits of a mainland phone number, or null if it is not one. Accepts mobiles
 * (13800138000), landlines with area code (010-62345678, (0755)2345678, 0755 2345678), 400/800
 * numbers, each optionally prefixed with +86 / 0086 (then the landline's leading 0 may be left out).
 */
export function normalizeChinesePhone(input: string): string | null {
  let compact = input.trim().replace(/^\((0\d{2,3})\)/, '$1').replace(/[\s-]/g, '');
  let international = false;
  const prefix = /^(?:\+86|0086)/.exec(compact);
  if (prefix) {
    compact = compact.slice(prefix[0].length).replace(/^\((0?\d{2,3})\)/, '$1');
    international = true;
  }
  if (!/^\d+$/.test(compact)) return null;
  if (MOBILE.test(compact) || SERVICE_NUMBER.test(compact) || LANDLINE.test(compact)) return compact;
  if (international && LANDLINE.test(`0${compact}`)) return `0${compact}`;
  return null;
}

export function isChinesePhone(input: string): boolean {
  return normalizeChinesePhone(input) !== null;
}

/**
 * A stable key for "the same complainant": the phone number if there is one (digits only, +86
 * removed), else the lower-cased e-mail, else the name (full-width folded, spaces collapsed).
 * The contact ways are not cross-linked: the same person calling and then e-mailing gets two keys.
 */
export function complainantKey(contact: Contact): string {
  const phone = contact.phone?.trim();
  if (phone) {
    const normalized = normalizeChinesePhone(phone);
    return `tel:${normalized ?? phone.replace(/[^\d+]/g, '')}`;
  }
  const email = contact.email?.trim();
  if (email) return `email:${email.normalize('NFKC').toLowerCase()}`;
  const name = contact.name?.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (name) return `name:${name}`;
  throw new ValidationError('The complainant needs at least one of name, phone or e-mail', [
    { field: 'complainant', messages: ['needs at least one of name, phone or e-mail'] },
  ]);
}

export interface ComplaintFingerprint {
  complainantKey: string;
  category: Category;
  receivedAt: Date;
}

/**
 * The same complainant complained about the same category within `windowDays` × 24 h before
 * `current` (000 4.4 同一问题重复投诉). `previous` should not contain `current` itself; entries
 * received after `current` are ignored.
 */
export function isRepeatComplaint(previous: readonly ComplaintFingerprint[], current: ComplaintFingerprint, windowDays: number): boolean {
  const windowMs = windowDays * 24 * 60 * 60 * 1000;
  const now = current.receivedAt.getTime();
  return previous.some((earlier) => {
    const age = now - earlier.receivedAt.getTime();
    return earlier.complainantKey === current.complainantKey && earlier.category === current.category && age >= 0 && age <= windowMs;
  });
}

// ---- the customer's answer to the handling result (003 4.2.3) ----

export const SATISFACTIONS = ['satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const SATISFACTION_LABELS: Readonly<Record<Satisfaction, string>> = { satisfied: '满意', dissatisfied: '不满意' };

// ---- closure (000 4.5.1) ----

export interface ClosureState {
  solved: boolean;
  customerSatisfied: boolean;
  /** The division leader's final decision stands in for satisfaction after repeated dissatisfaction (003 4.2.3). */
  leaderFinalDecision: boolean;
  measuresInPlace: boolean;
  recordsComplete: boolean;
}

export const CLOSURE_CONDITION_LABELS = {
  solved: '投诉问题已得到实质性解决',
  customerSatisfied: '客户对处理结果表示满意（或分管领导已作最终批示）',
  measuresInPlace: '相关改进措施已落实',
  recordsComplete: '所有处理记录完整准确',
} as const;
export type ClosureCondition = keyof typeof CLOSURE_CONDITION_LABELS;

export function canClose(state: ClosureState): { ok: boolean; missing: ClosureCondition[] } {
  const missing: ClosureCondition[] = [];
  if (!state.solved) missing.push('solved');
  if (!state.customerSatisfied && !state.leaderFinalDecision) missing.push('customerSatisfied');
  if (!state.measuresInPlace) missing.push('measuresInPlace');
  if (!state.recordsComplete) missing.push('recordsComplete');
  return { ok: missing.length === 0, missing };
}

/** Where a complaint stands; kept in step with its complaint-lifecycle process by the complaint handlers. */
export const COMPLAINT_STATUSES = [
  'registered', // recorded, process started, not yet dispatched
  'dispatched', // sent to the responsible department, first response pending
  'responded', // first response given; investigation and handling under way
  'handling', // handled again: the customer was dissatisfied (000 4.4, 003 4.2.3)
  'awaiting-customer', // result reported, waiting for the customer's satisfaction
  'awaiting-decision', // dissatisfied twice: division leader decides (003 4.2.3)
  'awaiting-reply', // the division leader decided: the customer is answered along the decision (003 4.2.3)
  'awaiting-closure', // closure review (结案审核) open
  'closed', // closure conditions of 000 4.5.1 met; also a minor complaint settled by the receiver (recorded only),
  // an answered inquiry and a decided suggestion
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_STATUS_LABELS: Readonly<Record<ComplaintStatus, string>> = {
  registered: '已登记',
  dispatched: '已派单',
  responded: '已响应，处理中',
  handling: '重新处理中',
  'awaiting-customer': '待客户确认满意度',
  'awaiting-decision': '待分管领导最终决定',
  'awaiting-reply': '待按批示答复客户',
  'awaiting-closure': '待结案审核',
  closed: '已结案',
};
