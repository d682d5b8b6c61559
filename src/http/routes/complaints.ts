import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsEmail, IsIn, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString,
  Matches, Max, MaxLength, Min, registerDecorator, ValidateNested, ValidationArguments,
} from 'class-validator';
import {
  checkRepeat, getComplaint, MAX_COMPLAINT_PAGE_SIZE, registerComplaint, searchComplaints, SEE_ALL_GROUPS,
} from '../../app/complaints';
import { AppServices } from '../../app/services';
import { Category, CATEGORIES, CHANNELS, COMPLAINT_STATUSES, isChinesePhone, KINDS, LEVELS, ORIGINS, SEVERITIES, ValidationError } from '../../domain';
import { idempotencyKeyOf } from '../idempotency-key';
import { defineRoute, RouteDefinition } from '../routes';
import { IsWithinAcceptedSpan } from '../validators';

function IsChinesePhone() {
  return (target: object, propertyName: string) => registerDecorator({
    name: 'isChinesePhone', target: target.constructor, propertyName,
    options: { message: `${propertyName} must be a mainland China phone number (mobile, landline with area code, 400/800)` },
    validator: { validate: (value: unknown) => typeof value === 'string' && isChinesePhone(value) },
  });
}

/** The complainant must be reachable: a phone number or an e-mail address (rules.md complaint record). */
function HasContactWay() {
  return (target: object, propertyName: string) => registerDecorator({
    name: 'hasContactWay', target: target.constructor, propertyName,
    options: { message: (args: ValidationArguments) => `${args.property} needs at least one contact way: phone or email` },
    validator: {
      validate: (value: unknown) => {
        const contact = value as { phone?: unknown; email?: unknown } | null;
        const given = (v: unknown) => typeof v === 'string' && v.trim() !== '';
        return typeof contact === 'object' && contact !== null && (given(contact.phone) || given(contact.email));
      },
    },
  });
}

export class ComplainantBody {
  @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @IsOptional() @IsString() @MaxLength(200) organisation?: string;
  @IsOptional() @IsString() @MaxLength(300) address?: string;
  @IsOptional() @IsString() @IsChinesePhone() phone?: string;
  @IsOptional() @IsEmail() @MaxLength(200) email?: string;
}

/** 客户投诉/建议信息登记处理单 (R/G095-1). */
export class RegisterComplaintBody {
  @IsDefined() @IsObject() @HasContactWay() @ValidateNested() @Type(() => ComplainantBody) complainant: ComplainantBody;
  @IsIn(CHANNELS) channel: (typeof CHANNELS)[number];
  @IsIn(KINDS) kind: (typeof KINDS)[number];
  @IsIn(ORIGINS) origin: (typeof ORIGINS)[number];
  @IsIn(LEVELS) level: (typeof LEVELS)[number];
  @IsIn(CATEGORIES) category: (typeof CATEGORIES)[number];
  @IsIn(SEVERITIES) severity: (typeof SEVERITIES)[number];
  @IsString() @IsNotEmpty() @MaxLength(4000) content: string;
  @IsOptional() @IsString() @MaxLength(2000) customerDemand?: string;
  /** When the customer wants an answer (ISO-8601). */
  @IsOptional() @IsISO8601({ strict: true }) @IsWithinAcceptedSpan() requestedReplyAt?: string;
  /** Attachment descriptions or links. */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(500, { each: true }) evidence?: string[];
  /** Needs several departments (000 4.2.2 复杂投诉): routed to the management representative. */
  @IsOptional() @IsBoolean() complex?: boolean;
}

export class ComplaintListParams {
  @IsOptional() @IsIn(COMPLAINT_STATUSES) status?: string;
  @IsOptional() @IsIn(KINDS) kind?: string;
  @IsOptional() @IsIn(SEVERITIES) severity?: string;
  @IsOptional() @IsIn(CATEGORIES) category?: string;
  /** Responsible department code, e.g. YW. */
  @IsOptional() @Matches(/^[A-Z]{2,6}$/) department?: string;
  /** Received at or after (ISO-8601). */
  @IsOptional() @IsISO8601({ strict: true }) @IsWithinAcceptedSpan() from?: string;
  /** Received at or before (ISO-8601). */
  @IsOptional() @IsISO8601({ strict: true }) @IsWithinAcceptedSpan() to?: string;
  /** Complaint number or its beginning, e.g. 2026KF. */
  @IsOptional() @IsString() @Matches(/^[0-9A-Za-z]{1,30}$/) number?: string;
  /** Complainant name or its beginning (e.g. the family name). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100) customer?: string;
  /** Phone number in any usual notation; matched like repeat detection does (digits, +86 removed). */
  @IsOptional() @IsString() @Matches(/^[0-9 ()+-]{3,40}$/) phone?: string;
  /** First day of registration, YYYY-MM-DD in Asia/Shanghai. */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) registeredFrom?: string;
  /** Last day of registration (included), YYYY-MM-DD in Asia/Shanghai. */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }) registeredTo?: string;
  /** `nextCursor` of the previous page (opaque). */
  @IsOptional() @IsString() @MaxLength(300) cursor?: string;
  /** Page size, 1–100 (default 20). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_COMPLAINT_PAGE_SIZE) limit?: number;
  /** true: also answer `total`, the number of complaints matching the filter (reads every matching row). */
  @IsOptional()
  @Transform(({ obj }) => (obj.count === 'true' ? true : obj.count === 'false' ? false : obj.count))
  @IsBoolean({ message: 'count must be true or false' })
  count?: boolean;
  /** true: only open complaints past an unmet first-response, resolution or CAPA deadline now (超时). */
  @IsOptional()
  @Transform(({ obj }) => (obj.overdue === 'true' ? true : obj.overdue === 'false' ? false : obj.overdue))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;
}

export class RepeatCheckParams {
  @IsString() @Matches(/^[0-9 ()+-]{3,40}$/) phone: string;
  /** Without it (not chosen yet) the answer lists the caller's complaints of the window and is never a repeat. */
  @IsOptional() @IsIn(CATEGORIES) category?: string;
}

export class PreviousComplaintView {
  @IsString() number: string;
  @IsISO8601() registeredAt: string;
  @IsString() category: string;
  @IsString() status: string;
}

export class RepeatCheckResponse {
  /** Registering now would flag the complaint as a repeat (and escalate it at once). */
  @IsBoolean() repeat: boolean;
  @ValidateNested({ each: true }) @Type(() => PreviousComplaintView) previous: PreviousComplaintView[];
}

/** A complaint as the API shows it (documentation only). */
export class ComplaintResponse {
  @IsString() number: string;
  @IsIn(KINDS) kind: string;
  @IsIn(COMPLAINT_STATUSES) status: string;
  @IsObject() complainant: Record<string, unknown>;
  @IsString() category: string;
  @IsString() severity: string;
  @IsOptional() @IsString() responsibleDeptCode: string | null;
  /** 表四 group chosen at dispatch (config/report-groups.json), e.g. broadband.drops. */
  @IsOptional() @IsString() reportGroup: string | null;
  @IsOptional() @IsString() currentStep: string | null;
  @IsArray() currentSteps: unknown[];
  @IsObject() deadlines: Record<string, string | null>;
  @IsObject() timeLeftMs: Record<string, number | null>;
  @IsInt() reopenCount: number;
  @IsInt() escalationLevel: number;
  @IsBoolean() isRepeat: boolean;
  /** Handling outcome: CAPA record and the division leader's review, root-cause meeting, final reply, timeliness. */
  @IsObject() outcome: Record<string, unknown>;
}

export class ComplaintDetailResponse extends ComplaintResponse {
  /** Display names by username of the people the complaint names: who registered it, who reviewed its CAPA record, who holds its waiting steps. */
  @IsObject() people: Record<string, string>;
}

export class ComplaintPageResponse {
  @ValidateNested({ each: true }) @Type(() => ComplaintResponse) items: ComplaintResponse[];
  /** Pass as `cursor` for the next page; null on the last. */
  @IsOptional() @IsString() nextCursor: string | null;
  /** With `count=true` only: complaints matching the filter, all pages together. */
  @IsOptional() @IsInt() total?: number;
}

const TAGS = ['complaints'];

export function complaintRoutes(services: AppServices): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/complaints',
      summary: 'Register a complaint, suggestion or inquiry',
      description: 'Numbers it (e.g. 2026KF001) and starts the complaint-lifecycle process. Send an `Idempotency-Key` header to make retries safe: '
        + 'the same key with the same body answers the first registration again; with a different body it is a 409.',
      tags: TAGS,
      body: RegisterComplaintBody,
      response: { status: 201, description: 'The registered complaint', type: ComplaintResponse },
      errors: { 403: 'Not allowed to register (policy readings.registration: service desk only, or staff who receive complaints)', 409: 'Idempotency-Key reused with a different body' },
      handler: async ({ actor, body, req, res }) => {
        const key = idempotencyKeyOf(req);
        const { complaint, replayed } = await registerComplaint(services, actor, body, key);
        if (replayed) res.setHeader('Idempotent-Replayed', 'true');
        return complaint;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/complaints',
      summary: 'Search complaints',
      description: 'Newest first (registration time, then id). The service desk, leaders, auditors and process owners see all; department staff see '
        + 'complaints routed to their department. Keyset pages of `limit` (default 20, at most 100): pass `nextCursor` as `cursor` for the next '
        + 'page (null on the last). No total is counted by default; `count=true` adds `total`, the number of complaints matching the filter '
        + '(all pages, whatever the cursor) — it scans every matching index entry (10–30 ms for 100,000 complaints), so ask for it once '
        + 'per search, not on every page. Numbered pages (`page`, `pageSize`) are no longer offered.',
      tags: TAGS,
      query: ComplaintListParams,
      response: { description: 'One page of complaints', type: ComplaintPageResponse },
      handler: ({ actor, query }) => searchComplaints(services, actor, query),
    }),
    defineRoute<undefined, RepeatCheckParams>({
      method: 'get',
      path: '/complaints/repeat-check',
      summary: 'Would a complaint of this phone number and category be a repeat?',
      description: 'Same rule and window as registration: earlier complaints of the same phone number in the same category within the policy\'s repeat window. '
        + '`previous` lists the phone number\'s complaints of the window (same category first).',
      tags: TAGS,
      groups: SEE_ALL_GROUPS,
      query: RepeatCheckParams,
      response: { description: 'Whether it repeats, and the earlier complaints', type: RepeatCheckResponse },
      handler: ({ actor, query }) => checkRepeat(services, actor, { phone: query.phone, category: query.category as Category | undefined }),
    }),
    defineRoute({
      method: 'get',
      path: '/complaints/:number',
      summary: 'One complaint with its current steps, deadlines and time left',
      tags: TAGS,
      response: { description: 'The complaint, with the display names of the people it names', type: ComplaintDetailResponse },
      errors: { 403: 'Not routed to your department', 404: 'No such complaint' },
      handler: ({ actor, params }) => getComplaint(services, actor, params.number),
    }),
  ];
}
