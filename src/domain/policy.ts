import { CalendarOverrides, checkCalendarOverrides } from './calendar';
import { CATEGORIES, Category, LEVELS, Level, SEVERITIES, Severity } from './complaint';
import { FieldError, ValidationError } from './errors';

/** The organisation's policy tables (config/policy.json); see shared/domain/rules.md for the sources. */
export interface Policy {
  description?: string;
  /**
   * Largest amount of money, in fen, that any single input or ledger entry may carry (a correction, a
   * fine line, a policy fine). Optional; DEFAULT_MAX_AMOUNT_FEN when absent.
   */
  maxAmountFen?: number;
  timeLimits: TimeLimits;
  /** A complaint by the same complainant in the same category within this many days is a repeat. */
  repeatComplaintWindowDays: number;
  /** Amount per unit of each penalty category (003 4.3.2), integer fen. */
  finesFen: Readonly<Record<FineCategory, number>>;
  exemption: ExemptionRule;
  /** Codes are the pinyin initials used in complaint numbers (2026KF001) and name the charged department. */
  departments: readonly Department[];
  calendar: CalendarOverrides;
  /** 000 4.4, lowest level first. */
  escalationChain: readonly CandidateGroup[];
  routing: Routing;
  /**
   * Members of these groups act only for the responsible department (the instance data field `departmentCode`)
   * of their own department or the departments they head (000 4.2.2 责任部门负责人). Optional, default ["dept-head"].
   */
  departmentScopedGroups: readonly CandidateGroup[];
  /** Task priority (higher first) by complaint level: direct complaints go first (002 四(二)). Optional, default 50/80. */
  priorityByLevel: Readonly<Record<Level, number>>;
  /**
   * Penalty notice numbers (处罚通知单编号, 003 表三), told apart from complaint numbers. Placeholders {year}, {dept}
   * (the filling department's code), {seq} (3 digits at least). Optional, default "{year}{dept}CF{seq}".
   */
  noticeNumberFormat: string;
  /** Where the seeds disagree or are vague; see README "Readings of the seeds". Optional, each with a default. */
  readings: Readings;
}

export interface Readings {
  /** Resolution limit of a suggestion (建议): `severity` = 5 working days of 000 表4-1, `complaintCap` = 3 working days of 002 四(一). */
  suggestionResolution: 'severity' | 'complaintCap';
  /** 003 4.3.2 每超期1天: `startedDay` counts a started day as a whole one, `completedDays` only full days. */
  overdueDays: 'startedDay' | 'completedDays';
  /** 003 4.3.2 d 工单信息处理: overdue against the first-response limit or the resolution limit. */
  workOrderHandlingLimit: 'response' | 'resolution';
  /** Who registers complaints: `serviceDesk` only (000 4.1.2) or `anyDepartment` (001 6.1–6.2, 003 4.1.2 各部门转发). */
  registration: 'serviceDesk' | 'anyDepartment';
  /**
   * 003 4.3.2 e, a system failure not caused by people: `exemptOnConfirmation` = not fined once the department's outage
   * explanation and improvement measures are confirmed by the division leader (in the penalty process, before any notice);
   * `fineThenExemption` = fined 200 元 like any case, relief only by a later exemption request with the 120 % refund (003 4.3.6).
   */
  nonHumanOutage: 'exemptOnConfirmation' | 'fineThenExemption';
}

export const READING_CHOICES: { readonly [K in keyof Readings]: readonly Readings[K][] } = {
  suggestionResolution: ['severity', 'complaintCap'],
  overdueDays: ['startedDay', 'completedDays'],
  workOrderHandlingLimit: ['response', 'resolution'],
  registration: ['serviceDesk', 'anyDepartment'],
  nonHumanOutage: ['exemptOnConfirmation', 'fineThenExemption'],
};

/** The defaults follow the most specific seed (see README). */
export const DEFAULT_READINGS: Readings = {
  suggestionResolution: 'severity',
  overdueDays: 'startedDay',
  workOrderHandlingLimit: 'response',
  registration: 'anyDepartment',
  nonHumanOutage: 'exemptOnConfirmation',
};

export const DURATION_UNITS = ['minutes', 'hours', 'calendarDays', 'workingDays'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export interface TimeLimit {
  amount: number;
  unit: DurationUnit;
}

export type SeverityLimits = Readonly<Record<Severity, { response: TimeLimit; resolution: TimeLimit }>>;

export interface TimeLimits {
  bySeverity: SeverityLimits;
  /** Limits of direct (越级) complaints (002 二(二), 四(二)); optional, default the same as `bySeverity`. */
  directBySeverity: SeverityLimits;
  /**
   * Upper bound on resolving a complaint (kind "complaint") whatever its severity (002 四): `standard`
   * normally, `special` for an approved special case. null switches the cap off.
   */
  resolutionCap: { standard: TimeLimit; special: TimeLimit } | null;
  inquiryAnswer: TimeLimit;
  capaRecord: TimeLimit;
  callback: TimeLimit;
  outageNotice: TimeLimit;
}

export const FINE_CATEGORIES = [
  'serviceConduct',
  'serviceTimeLimit',
  'informationFlow',
  'workOrderHandling',
  'systemAssurance',
  'lateOutageNotice',
] as const;
export type FineCategory = (typeof FINE_CATEGORIES)[number];

export interface ExemptionRule {
  /** Share of the fine returned after an approved exemption request (003 4.3.6: 120). */
  refundPercent: number;
  /** Payroll month of the refund, counted from the approval month (003 4.3.6 下月: 1). */
  payrollMonthsAfterApproval: number;
}

export interface Department {
  code: string;
  name: string;
}

export const CANDIDATE_GROUPS = [
  'service-desk',
  'ops',
  'quality',
  'dept-head',
  'general-affairs',
  'management-rep',
  'division-leader',
  'general-manager',
  'auditor',
  'process-owner',
] as const;
export type CandidateGroup = (typeof CANDIDATE_GROUPS)[number];
/** The roles of rules.md as staff name them. */
export const CANDIDATE_GROUP_LABELS: Readonly<Record<CandidateGroup, string>> = {
  'service-desk': '服务台（客户服务部）',
  ops: '运维管理部',
  quality: '质量效能部',
  'dept-head': '责任部门负责人',
  'general-affairs': '综合部',
  'management-rep': '管理者代表',
  'division-leader': '分管领导',
  'general-manager': '总经理',
  auditor: '审计',
  'process-owner': '流程负责人',
};

export interface Routing {
  byCategory: Readonly<Record<Category, CandidateGroup>>;
  majorOrComplex: CandidateGroup;
}

const TIME_LIMIT_KEYS = ['bySeverity', 'directBySeverity', 'resolutionCap', 'inquiryAnswer', 'capaRecord', 'callback', 'outageNotice'] as const;
const TOP_LEVEL_KEYS = [
  'description',
  'maxAmountFen',
  'timeLimits',
  'repeatComplaintWindowDays',
  'finesFen',
  'exemption',
  'departments',
  'calendar',
  'escalationChain',
  'routing',
  'departmentScopedGroups',
  'priorityByLevel',
  'noticeNumberFormat',
  'readings',
] as const;
/** Settings a policy file may leave out; withDefaults fills them in. */
const OPTIONAL_KEYS: readonly string[] = ['description', 'maxAmountFen', 'directBySeverity', 'departmentScopedGroups', 'priorityByLevel',
  'noticeNumberFormat', 'readings', ...Object.keys(DEFAULT_READINGS)];
const NOTICE_FORMAT = /^[A-Za-z0-9{}-]*$/;
const DEPARTMENT_CODE = /^[A-Z]{2,6}$/;

/** 1,000,000.00 元: far above any fine of the policy, far below what a 64-bit column or a double holds exactly. */
export const DEFAULT_MAX_AMOUNT_FEN = 100_000_000;

/** The bound on money inputs of this policy, in fen (inclusive, for either sign). */
export function maxAmountFen(policy: Policy): number {
  return policy.maxAmountFen ?? DEFAULT_MAX_AMOUNT_FEN;
}

/** A 400 naming the field when |fen| is above the policy's maxAmountFen. */
export function assertAmountWithinLimit(policy: Policy, fen: number, field: string): void {
  const max = maxAmountFen(policy);
  if (!Number.isSafeInteger(fen) || Math.abs(fen) > max) {
    throw new ValidationError(`${field} is beyond the largest amount allowed`, [
      { field, messages: [`must be a whole number of fen between -${max} and ${max}`] },
    ], 'amount_out_of_range');
  }
}

/**
 * Checks the parsed contents of config/policy.json and returns it as a deeply frozen `Policy`.
 * Throws one ValidationError listing every bad field by its path (e.g. "timeLimits.bySeverity.major.response.unit").
 */
export function parsePolicy(raw: unknown): Policy {
  const check = new Checker();
  const root = check.object(raw, 'policy', TOP_LEVEL_KEYS);
  if (root) {
    if (root.description !== undefined && typeof root.description !== 'string') check.fail('description', 'must be text');
    if (root.maxAmountFen !== undefined) check.positiveInteger(root.maxAmountFen, 'maxAmountFen');
    checkTimeLimits(check, root.timeLimits);
    check.positiveInteger(root.repeatComplaintWindowDays, 'repeatComplaintWindowDays');
    checkFines(check, root.finesFen);
    checkFinesWithinLimit(check, root);
    checkExemption(check, root.exemption);
    if (root.departments !== undefined) checkDepartments(check, root.departments);
    if (root.calendar !== undefined) check.errors.push(...checkCalendarOverrides(root.calendar, 'calendar'));
    if (root.escalationChain !== undefined) checkEscalationChain(check, root.escalationChain);
    checkRouting(check, root.routing);
    checkOptionalSettings(check, root);
  }
  if (check.errors.length > 0) {
    const summary = check.errors.map((e) => `${e.field} ${e.messages.join(', ')}`).join('; ');
    throw new ValidationError(`Invalid policy: ${summary}`, check.errors, 'invalid_policy');
  }
  return deepFreeze(withDefaults(structuredClone(raw) as Record<string, any>));
}

function withDefaults(raw: Record<string, any>): Policy {
  raw.timeLimits.directBySeverity ??= structuredClone(raw.timeLimits.bySeverity);
  raw.departmentScopedGroups ??= ['dept-head'];
  raw.priorityByLevel ??= { normal: 50, direct: 80 };
  raw.noticeNumberFormat ??= '{year}{dept}CF{seq}';
  raw.readings = { ...DEFAULT_READINGS, ...(raw.readings ?? {}) };
  return raw as Policy;
}

function checkOptionalSettings(check: Checker, root: Record<string, unknown>): void {
  if (root.departmentScopedGroups !== undefined) {
    if (!Array.isArray(root.departmentScopedGroups)) check.fail('departmentScopedGroups', 'must be a list of candidate groups');
    else root.departmentScopedGroups.forEach((group, i) => check.candidateGroup(group, `departmentScopedGroups[${i}]`));
  }
  const priorities = check.object(root.priorityByLevel, 'priorityByLevel', LEVELS);
  if (priorities) for (const level of LEVELS) check.nonNegativeInteger(priorities[level], `priorityByLevel.${level}`, 'points');
  if (root.noticeNumberFormat !== undefined) {
    const format = root.noticeNumberFormat;
    if (typeof format !== 'string' || !NOTICE_FORMAT.test(format) || !format.includes('{seq}') || !format.includes('{year}')) {
      check.fail('noticeNumberFormat', 'must contain {year} and {seq} (and may contain {dept}), letters, digits and "-" only');
    }
  }
  const readings = check.object(root.readings, 'readings', Object.keys(DEFAULT_READINGS));
  if (readings) {
    for (const [key, choices] of Object.entries(READING_CHOICES)) {
      const value = readings[key];
      if (value !== undefined && !(choices as readonly unknown[]).includes(value)) check.fail(`readings.${key}`, `must be one of ${choices.join(', ')}`);
    }
  }
}

export function findDepartment(policy: Policy, code: string): Department | undefined {
  return policy.departments.find((department) => department.code === code);
}

function checkTimeLimits(check: Checker, value: unknown): void {
  const limits = check.object(value, 'timeLimits', TIME_LIMIT_KEYS);
  if (!limits) return;
  for (const key of ['bySeverity', 'directBySeverity'] as const) {
    const bySeverity = check.object(limits[key], `timeLimits.${key}`, SEVERITIES);
    if (!bySeverity) continue;
    for (const severity of SEVERITIES) {
      const path = `timeLimits.${key}.${severity}`;
      const pair = check.object(bySeverity[severity], path, ['response', 'resolution']);
      if (pair) {
        check.timeLimit(pair.response, `${path}.response`);
        check.timeLimit(pair.resolution, `${path}.resolution`);
      }
    }
  }
  if (limits.resolutionCap !== null && limits.resolutionCap !== undefined) {
    const cap = check.object(limits.resolutionCap, 'timeLimits.resolutionCap', ['standard', 'special']);
    if (cap) {
      check.timeLimit(cap.standard, 'timeLimits.resolutionCap.standard');
      check.timeLimit(cap.special, 'timeLimits.resolutionCap.special');
    }
  }
  for (const key of ['inquiryAnswer', 'capaRecord', 'callback', 'outageNotice'] as const) {
    check.timeLimit(limits[key], `timeLimits.${key}`);
  }
}

function checkFines(check: Checker, value: unknown): void {
  const fines = check.object(value, 'finesFen', FINE_CATEGORIES);
  if (!fines) return;
  for (const category of FINE_CATEGORIES) check.nonNegativeInteger(fines[category], `finesFen.${category}`, 'fen');
}

function checkFinesWithinLimit(check: Checker, root: Record<string, unknown>): void {
  const max = Number.isSafeInteger(root.maxAmountFen) ? root.maxAmountFen as number : DEFAULT_MAX_AMOUNT_FEN;
  const fines = (root.finesFen ?? {}) as Record<string, unknown>;
  for (const category of FINE_CATEGORIES) {
    const fine = fines[category];
    if (typeof fine === 'number' && fine > max) check.fail(`finesFen.${category}`, `must not exceed maxAmountFen (${max})`);
  }
}

function checkExemption(check: Checker, value: unknown): void {
  const exemption = check.object(value, 'exemption', ['refundPercent', 'payrollMonthsAfterApproval']);
  if (!exemption) return;
  check.nonNegativeInteger(exemption.refundPercent, 'exemption.refundPercent', 'percent');
  check.nonNegativeInteger(exemption.payrollMonthsAfterApproval, 'exemption.payrollMonthsAfterApproval', 'months');
}

function checkDepartments(check: Checker, value: unknown): void {
  if (!Array.isArray(value) || value.length === 0) {
    check.fail('departments', 'must be a non-empty list of { code, name }');
    return;
  }
  const codes = new Set<string>();
  value.forEach((item, i) => {
    const path = `departments[${i}]`;
    const department = check.object(item, path, ['code', 'name']);
    if (!department) return;
    const code = department.code;
    if (typeof code !== 'string' || !DEPARTMENT_CODE.test(code)) {
      check.fail(`${path}.code`, 'must be 2–6 capital letters (pinyin initials, e.g. KF)');
    } else if (codes.has(code)) {
      check.fail(`${path}.code`, `${code} is used twice`);
    } else {
      codes.add(code);
    }
    if (typeof department.name !== 'string' || department.name.trim() === '') check.fail(`${path}.name`, 'must be non-empty text');
  });
}

function checkEscalationChain(check: Checker, value: unknown): void {
  if (!Array.isArray(value) || value.length === 0) {
    check.fail('escalationChain', 'must be a non-empty list of candidate groups');
    return;
  }
  value.forEach((group, i) => check.candidateGroup(group, `escalationChain[${i}]`));
  if (new Set(value).size !== value.length) check.fail('escalationChain', 'must not list a group twice');
}

function checkRouting(check: Checker, value: unknown): void {
  const routing = check.object(value, 'routing', ['byCategory', 'majorOrComplex']);
  if (!routing) return;
  const byCategory = check.object(routing.byCategory, 'routing.byCategory', CATEGORIES);
  if (byCategory) {
    for (const category of CATEGORIES) check.candidateGroup(byCategory[category], `routing.byCategory.${category}`);
  }
  check.candidateGroup(routing.majorOrComplex, 'routing.majorOrComplex');
}

class Checker {
  readonly errors: FieldError[] = [];

  fail(field: string, message: string): void {
    this.errors.push({ field, messages: [message] });
  }

  /**
   * An object with exactly the `keys` listed (OPTIONAL_KEYS may be absent); undefined when it is
   * not one. An undefined nested value was already reported as missing by its parent.
   */
  object(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> | undefined {
    if (value === undefined && path !== 'policy') return undefined;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, `must be an object with ${keys.join(', ')}`);
      return undefined;
    }
    const record = value as Record<string, unknown>;
    const prefix = path === 'policy' ? '' : `${path}.`;
    for (const key of Object.keys(record)) {
      if (!keys.includes(key)) this.fail(`${prefix}${key}`, 'is not a known setting');
    }
    for (const key of keys) {
      if (record[key] === undefined && !OPTIONAL_KEYS.includes(key)) this.fail(`${prefix}${key}`, 'is missing');
    }
    return record;
  }

  timeLimit(value: unknown, path: string): void {
    const limit = this.object(value, path, ['amount', 'unit']);
    if (!limit) return;
    if (limit.amount !== undefined) this.positiveInteger(limit.amount, `${path}.amount`);
    if (limit.unit !== undefined && !(DURATION_UNITS as readonly unknown[]).includes(limit.unit)) {
      this.fail(`${path}.unit`, `must be one of ${DURATION_UNITS.join(', ')}`);
    }
  }

  positiveInteger(value: unknown, path: string): void {
    if (value === undefined) return; // reported as missing by object()
    if (!Number.isSafeInteger(value) || (value as number) <= 0) this.fail(path, `must be a whole number above 0, got ${JSON.stringify(value)}`);
  }

  nonNegativeInteger(value: unknown, path: string, unit: string): void {
    if (value === undefined) return;
    if (!Number.isSafeInteger(value) || (value as number) < 0) {
      this.fail(path, `must be a whole, non-negative number of ${unit}, got ${JSON.stringify(value)}`);
    }
  }

  candidateGroup(value: unknown, path: string): void {
    if (value === undefined) return;
    if (!(CANDIDATE_GROUPS as readonly unknown[]).includes(value)) {
      this.fail(path, `must be one of ${CANDIDATE_GROUPS.join(', ')}, got ${JSON.stringify(value)}`);
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
