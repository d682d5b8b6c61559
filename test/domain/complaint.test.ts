import { isIn } from 'class-validator';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  CHANNELS,
  CHANNEL_LABELS,
  KINDS,
  KIND_LABELS,
  LEVELS,
  LEVEL_LABELS,
  ORIGINS,
  ORIGIN_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  ValidationError,
  canClose,
  complainantKey,
  isChinesePhone,
  isRepeatComplaint,
  normalizeChinesePhone,
  routeComplaint,
} from '../../src/domain';
import { sh, shippedPolicy } from './support';

describe('complaint vocabularies', () => {
  it.each([
    ['channel', CHANNELS, CHANNEL_LABELS],
    ['kind', KINDS, KIND_LABELS],
    ['origin', ORIGINS, ORIGIN_LABELS],
    ['level', LEVELS, LEVEL_LABELS],
    ['category', CATEGORIES, CATEGORY_LABELS],
    ['severity', SEVERITIES, SEVERITY_LABELS],
  ] as const)('every %s value has a Chinese label, and only listed values pass validation', (_name, values, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
    for (const value of values) expect(isIn(value, values as readonly unknown[] as unknown[])).toBe(true);
    expect(isIn('unknown', values as readonly unknown[] as unknown[])).toBe(false);
  });

  it('shows the labels of the registration form', () => {
    expect(CHANNEL_LABELS.forwarded).toBe('上级主管部门转发');
    expect(ORIGIN_LABELS.collective).toBe('集中性投诉');
    expect(LEVEL_LABELS.direct).toBe('直接投诉');
    expect(CATEGORY_LABELS.informationFlow).toBe('服务信息流转类');
  });
});

describe('routing a complaint (000 4.2.2)', () => {
  const policy = shippedPolicy();

  it.each([
    ['technicalService', 'general', false, 'ops'],
    ['serviceQuality', 'minor', false, 'quality'],
    ['serviceAttitude', 'general', false, 'dept-head'],
    ['serviceAttitude', 'major', false, 'management-rep'],
    ['technicalService', 'general', true, 'management-rep'],
  ] as const)('a %s complaint of %s severity (complex: %s) goes to %s', (category, severity, complex, group) => {
    expect(routeComplaint(policy, { category, severity, complex })).toBe(group);
  });
});

describe('Chinese phone numbers', () => {
  it.each(['13800138000', '+86 138 0013 8000', '0086-138-0013-8000', '010-62345678', '0755-2345678', '(0755)23456789', '021 87654321', '+86 10 62345678', '400-123-4567', '8001234567'])(
    '%s is accepted',
    (phone) => expect(isChinesePhone(phone)).toBe(true),
  );

  it.each(['12800138000', '1380013800', '138001380001', '12345678', '010-0234567', '+1 415 555 0100', '4001234', 'phone', ''])('%s is refused', (phone) =>
    expect(isChinesePhone(phone)).toBe(false),
  );

  it('normalises the ways people write the same number to one form', () => {
    expect(normalizeChinesePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizeChinesePhone('+86 10 62345678')).toBe('01062345678');
    expect(normalizeChinesePhone('(010)62345678')).toBe('01062345678');
  });
});

describe('complainant identity and repeat complaints', () => {
  it('given the same caller writing the number differently, when keyed, then it is the same complainant', () => {
    expect(complainantKey({ name: '张三', phone: '+86 138 0013 8000' })).toBe(complainantKey({ phone: '13800138000' }));
    expect(complainantKey({ email: ' Zhang.San@Example.COM ' })).toBe('email:zhang.san@example.com');
    expect(complainantKey({ name: '　张　三 ' })).toBe(complainantKey({ name: '张 三' }));
  });

  it('given no contact at all, when keyed, then registration is refused', () => {
    expect(() => complainantKey({ name: ' ', phone: null })).toThrow(ValidationError);
  });

  const key = complainantKey({ phone: '13800138000' });
  const earlier = [{ complainantKey: key, category: 'technicalService' as const, receivedAt: sh('2026-09-01 10:00') }];

  it('given the same complainant and category 30 days later, when registered, then it is a repeat complaint', () => {
    expect(isRepeatComplaint(earlier, { complainantKey: key, category: 'technicalService', receivedAt: sh('2026-10-01 10:00') }, 30)).toBe(true);
  });

  it('given more than 30 days, another category or another complainant, when registered, then it is not a repeat', () => {
    expect(isRepeatComplaint(earlier, { complainantKey: key, category: 'technicalService', receivedAt: sh('2026-10-01 10:01') }, 30)).toBe(false);
    expect(isRepeatComplaint(earlier, { complainantKey: key, category: 'serviceAttitude', receivedAt: sh('2026-09-02 10:00') }, 30)).toBe(false);
    expect(isRepeatComplaint(earlier, { complainantKey: 'tel:13900139000', category: 'technicalService', receivedAt: sh('2026-09-02 10:00') }, 30)).toBe(false);
  });

  it('given only later complaints on record, when an older one is checked, then it is not a repeat', () => {
    expect(isRepeatComplaint(earlier, { complainantKey: key, category: 'technicalService', receivedAt: sh('2026-08-31 10:00') }, 30)).toBe(false);
  });
});

describe('closing a complaint (000 4.5.1)', () => {
  const done = { solved: true, customerSatisfied: true, leaderFinalDecision: false, measuresInPlace: true, recordsComplete: true };

  it('given all four conditions, when closing, then it may close', () => {
    expect(canClose(done)).toEqual({ ok: true, missing: [] });
  });

  it("given a dissatisfied customer but the division leader's final decision, when closing, then it may close", () => {
    expect(canClose({ ...done, customerSatisfied: false, leaderFinalDecision: true }).ok).toBe(true);
  });

  it('given missing conditions, when closing, then each missing one is listed', () => {
    expect(canClose({ solved: false, customerSatisfied: false, leaderFinalDecision: false, measuresInPlace: true, recordsComplete: false })).toEqual({
      ok: false,
      missing: ['solved', 'customerSatisfied', 'recordsComplete'],
    });
  });
});
