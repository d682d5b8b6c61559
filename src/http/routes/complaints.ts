import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsEmail, IsIn, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString,
  Matches, Max, MaxLength, Min, registerDecorator, ValidateNested, ValidationArguments,
} from 'class-validator';
import {
  getComplaint, listComplaints, MAX_COMPLAINT_PAGE_SIZE, registerComplaint,
} from '../../app/complaints';
import { AppServices } from '../../app/services';
import { CATEGORIES, CHANNELS, COMPLAINT_STATUSES, isChinesePhone, KINDS, LEVELS, ORIGINS, SEVERITIES, ValidationError } from '../../domain';
import { defineRoute, RouteDefinition } from '../routes';

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
  @IsOptional() @IsISO8601({ strict: true }) requestedReplyAt?: string;
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
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  /** Received at or before (ISO-8601). */
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_COMPLAINT_PAGE_SIZE) pageSize?: number;
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

export class ComplaintPageResponse {
  @ValidateNested({ each: true }) @Type(() => ComplaintResponse) items: ComplaintResponse[];
  @IsInt() total: number;
  @IsInt() page: number;
  @IsInt() pageSize: number;
}

const KEY = /^[\x21-\x7e]{1,100}$/;

function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY.test(header)) {
    throw new ValidationError('The Idempotency-Key header is invalid', [
      { field: 'Idempotency-Key', messages: ['must be 1–100 visible ASCII characters'] },
    ]);
  }
  return header;
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
        const key = idempotencyKeyOf(req.header('Idempotency-Key'));
        const { complaint, replayed } = await registerComplaint(services, actor, body, key);
        if (replayed) res.setHeader('Idempotent-Replayed', 'true');
        return complaint;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/complaints',
      summary: 'List complaints',
      description: 'Newest first. The service desk, leaders, auditors and process owners see all; department staff see complaints routed to their department.',
      tags: TAGS,
      query: ComplaintListParams,
      response: { description: 'One page of complaints', type: ComplaintPageResponse },
      handler: ({ actor, query }) => listComplaints(services, actor, query),
    }),
    defineRoute({
      method: 'get',
      path: '/complaints/:number',
      summary: 'One complaint with its current steps, deadlines and time left',
      tags: TAGS,
      response: { description: 'The complaint', type: ComplaintResponse },
      errors: { 403: 'Not routed to your department', 404: 'No such complaint' },
      handler: ({ actor, params }) => getComplaint(services, actor, params.number),
    }),
  ];
}
