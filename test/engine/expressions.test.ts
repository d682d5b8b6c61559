import {
  allowedFunctionNames,
  checkExpression,
  evaluateExpression,
  expressionContext,
  ExpressionError,
} from '../../src/engine/expressions';

const data = {
  severity: 'major',
  channel: 'hotline',
  amount: 1200,
  tags: ['vip', 'repeat'],
  dueAt: '2024-05-01T08:00:00Z',
  customer: { name: '张三', level: 3, address: { city: '杭州' } },
};
const context = { ...data, data, now: new Date('2024-05-02T00:00:00Z') };

function rejection(source: string, ctx: Record<string, unknown> = context): ExpressionError {
  try {
    evaluateExpression(source, ctx);
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error(`expected ${source} to be rejected`);
}

describe('evaluateExpression', () => {
  it.each([
    ['severity = "major"', true],
    ['${severity = "major" and amount > 1000}', true],
    ['$(channel != "hotline")', false],
    ['$ amount * 2', 2400],
    ['$(amount) + (amount)', 2400],
    ['${ { level: customer.level }.level }', 3],
    ['customer.address.city', '杭州'],
    ['data.customer.level >= 3', true],
    ['customer.missing.deeper', null],
    ['{ count: 2 }.count', 2],
    ['unknownVariable', null],
    ['"vip" in tags', true],
    ['list contains(tags, "repeat")', true],
    ['some tag in tags satisfies starts with(tag, "v")', true],
    ['count(tags[item != "vip"])', 1],
    ['if amount > 1000 then "manager" else "clerk"', 'manager'],
    ['upper case(substring(channel, 1, 3))', 'HOT'],
  ])('%s → %p', (source, expected) => {
    expect(evaluateExpression(source, context)).toEqual(expected);
  });

  it('answers a bare variable name with the value feelin gives for it', () => {
    const values = {
      ...context, flag: false, nothing: null, when: new Date('2024-05-01T00:00:00Z'), groups: ['yw', 'zl'],
      true: 'a field named true', instance: 'a field named instance',
      'a spaced name': 1, // with a name FEEL must parse against, the expression sees every field
    };
    for (const name of ['severity', 'amount', 'flag', 'nothing', 'when', 'groups', 'customer', 'tags', 'true', 'instance']) {
      // Parenthesised, the same expression goes through feelin's parse.
      expect(evaluateExpression(`\${${name}}`, values)).toEqual(evaluateExpression(`(${name})`, values));
    }
    expect(evaluateExpression('${when}', values)).toBe('2024-05-01T00:00:00.000Z');
    expect(evaluateExpression('${groups}', values)).toEqual(['yw', 'zl']);
    expect(() => evaluateExpression('constructor', values)).toThrow(ExpressionError);
  });

  it('compares date-time strings as date-times', () => {
    expect(evaluateExpression('date and time(dueAt) < date and time("2024-05-01T09:00:00Z")', context)).toBe(true);
    expect(evaluateExpression('date and time(dueAt) < date and time("2024-05-01T08:00:00+08:00")', context)).toBe(false);
  });

  it('reads names with spaces from the context, which the parse depends on', () => {
    const spaced = { ...context, 'date of birth': '1990-01-01', 'unrelated field': 1 };
    expect(evaluateExpression('date(date of birth) < date("2000-01-01")', spaced)).toBe(true);
    expect(evaluateExpression('severity = "major"', spaced)).toBe(true);
  });

  it('evaluates the same expression against changing data (what it reads is cached, not the values)', () => {
    expect(evaluateExpression('amount > 1000', context)).toBe(true);
    expect(evaluateExpression('amount > 1000', { ...context, amount: 10 })).toBe(false);
    expect(evaluateExpression('amount > 1000', { now: context.now })).toBeNull();
  });

  it('hands out a fresh list each time, and answers by the values read: missing, null and set', () => {
    const first = evaluateExpression('[amount, 1]', context) as unknown[];
    first.push(9);
    expect(evaluateExpression('[amount, 1]', context)).toEqual([1200, 1]);
    const missing = { now: context.now };
    expect(evaluateExpression('channel = null', missing)).toBe(true);
    expect(evaluateExpression('channel = null', { ...missing, channel: null })).toBe(true);
    expect(evaluateExpression('channel = null', { ...missing, channel: 'web' })).toBe(false);
  });

  it('answers now() and today() from the context clock, not the system time', () => {
    expect(evaluateExpression('date and time(dueAt) < now()', context)).toBe(true);
    expect(evaluateExpression('now()', context)).toEqual(new Date('2024-05-02T00:00:00Z'));
    expect(evaluateExpression('date and time(dueAt) < now()', { ...context, now: '2024-04-30T00:00:00Z' })).toBe(false);
    expect(evaluateExpression('today() = date(now())', context)).toBe(true);
    expect(rejection('now()', data).reason).toMatch(/need a "now" value/);
    expect(rejection('date and time(dueAt) < now').reason).toBe('uses "now" without calling it; write now()');
  });

  it('returns plain data: Date for date-times, ISO strings for dates and durations', () => {
    expect(evaluateExpression('date and time(dueAt) + duration("P2D")', context)).toEqual(new Date('2024-05-03T08:00:00Z'));
    expect(evaluateExpression('date("2024-05-01")', context)).toBe('2024-05-01');
    expect(evaluateExpression('duration("PT48H")', context)).toBe('PT48H');
    expect(evaluateExpression('{ owner: customer.name, groups: ["客服", "质检"] }', context)).toEqual({
      owner: '张三',
      groups: ['客服', '质检'],
    });
  });

  it('sees Dates in the context as the ISO strings they become once stored', () => {
    expect(evaluateExpression('date and time(receivedAt) = date and time("2024-05-01T00:00:00Z")', {
      receivedAt: new Date('2024-05-01T00:00:00Z'),
    })).toBe(true);
  });

  it.each([
    ['require("child_process")', /"require"/],
    ['${require("child_process").execSync("id")}', /"require"/],
    ["$(require('child_process').execSync('id'))", /"require"/],
    ['process.exit()', /"process"/],
    ['x.constructor', /"constructor"/],
    ['this.constructor.constructor("return process")()', /forbidden/],
    ['customer.__proto__', /"__proto__"/],
    ['customer.prototype', /"prototype"/],
    ['{ "__proto__": { polluted: true } }', /"__proto__"/],
    ['globalThis', /"globalThis"/],
    ['eval("1")', /"eval"/],
    ['import("fs")', /"import"/],
    ['Function("return 1")', /"Function"/],
    ['customer.toString', /"toString"/],
  ])('rejects %s', (source, reason) => {
    const error = rejection(source);
    expect(error.reason).toMatch(reason);
    expect(error.expression).toBe(source);
    expect(error.message).toContain(source);
  });

  it.each([
    ['sendMail(customer)', /calls "sendMail", which is not an allowed FEEL built-in/],
    ['get value(customer, "constructor")', /calls "get value"/],
    ['for f in [get value] return f(customer, "name")', /refers to "get value"/],
    ['get value.x', /refers to "get value"/],
    ['(function(x) x)(1)', /only allowed FEEL built-in functions may be called/],
    ['customer.notify()', /only allowed FEEL built-in functions may be called/],
    ['function(x) external { java: { class: "java.lang.Runtime" } }', /external functions/],
  ])('rejects the call in %s', (source, reason) => {
    expect(rejection(source).reason).toMatch(reason);
  });

  it('rejects syntax errors with a readable message', () => {
    expect(rejection('amount >').message).toBe('Rejected expression `amount >`: syntax error at the end: Incomplete <Comparison>');
    expect(rejection('count(tags').reason).toMatch(/^syntax error/);
    expect(rejection('${}').reason).toBe('the expression is empty');
    expect(rejection(`amount > ${'1 + '.repeat(3000)}1`).reason).toMatch(/longer than 10000 characters/);
  });

  it('wraps evaluation failures in ExpressionError', () => {
    expect(rejection('date("-2024-01-01")').reason).toMatch(/^evaluation failed: .*negative date/);
    expect(rejection('count').reason).toMatch(/^evaluation failed: .*function/);
  });

  it('rejects built-ins feelin does not implement at check time', () => {
    expect(rejection('overlaps before(1, 2)').reason).toMatch(/not an allowed/);
  });

  it('does not let data keys reach the prototype', () => {
    const polluted = JSON.parse('{ "__proto__": { "admin": true }, "name": "x" }') as Record<string, unknown>;
    expect(evaluateExpression('customer.admin', { customer: polluted })).toBeNull();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe('checkExpression', () => {
  it('accepts valid expressions without evaluating them', () => {
    expect(checkExpression('${date and time(dueAt) < now()}')).toEqual({ ok: true });
  });

  it('returns the reason for rejected ones', () => {
    expect(checkExpression('${require("child_process")}')).toEqual({
      ok: false,
      message: expect.stringContaining('"require"'),
    });
    expect(checkExpression('a >')).toEqual({ ok: false, message: expect.stringMatching(/^syntax error/) });
  });

  it('allows only pure built-ins', () => {
    expect(allowedFunctionNames()).toEqual(expect.arrayContaining(['date and time', 'list contains', 'now', 'today']));
    expect(allowedFunctionNames()).not.toContain('get value');
  });
});

describe('expressionContext', () => {
  const now = new Date('2024-05-02T00:00:00Z');
  const execution = { instance: { id: 'inst-1', name: 'complaint', data: { secret: 1 } } };

  it('exposes item scope data at top level plus data, input, output, item, instance and now', () => {
    const item = {
      id: 'item-1',
      elementId: 'Task_Review',
      name: '审核投诉',
      data: { severity: 'major', item: 'shadowed' },
      input: { amount: 5 },
      output: { approved: true },
      token: { execution },
    };
    expect(expressionContext(item, now)).toEqual({
      severity: 'major',
      data: item.data,
      input: { amount: 5 },
      output: { approved: true },
      item: { id: 'item-1', elementId: 'Task_Review', name: '审核投诉' },
      instance: { id: 'inst-1', name: 'complaint' },
      now: new Date('2024-05-02T00:00:00Z'),
    });
  });

  it('copies a data key named __proto__ neither as a field nor as its prototype', () => {
    const data = JSON.parse('{ "__proto__": { "admin": true }, "severity": "major" }') as Record<string, unknown>;
    const context = expressionContext({ data }, now);
    expect(Object.getPrototypeOf(context)).toBe(Object.prototype);
    expect(context.admin).toBeUndefined();
    expect(context.severity).toBe('major');
    expect(evaluateExpression('admin', context)).toBeNull();
  });

  it('describes a token scope by its current node', () => {
    const token = { id: 'token-1', data: {}, currentNode: { id: 'Gateway_1', name: '是否成立' }, execution };
    expect(expressionContext(token, now).item).toEqual({ id: 'token-1', elementId: 'Gateway_1', name: '是否成立' });
  });

  it('feeds evaluateExpression', () => {
    const item = { id: 'i', data: { severity: 'major' }, token: { execution } };
    const scoped = expressionContext(item, now);
    expect(evaluateExpression('${severity = "major" and item.id = "i" and instance.name = "complaint"}', scoped)).toBe(true);
    expect(evaluateExpression('today()', scoped)).toBe('2024-05-02');
  });
});
