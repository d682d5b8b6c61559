import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../../src/domain/errors';
import { askedFields, FormDefinitionError, formProblems, parseForms, parseStartForm, validateForm } from '../../src/engine/forms';
import { TASK_REVIEW_XML } from './support';

const diagramWithForm = (fields: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:userTask id="step" name="Step"><bpmn:extensionElements><camunda:formData>${fields}</camunda:formData></bpmn:extensionElements></bpmn:userTask>
  </bpmn:process>
</bpmn:definitions>`;

function fieldErrorsOf(run: () => unknown): Record<string, string[]> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return Object.fromEntries((error as ValidationError).fields.map((f) => [f.field, f.messages]));
  }
  throw new Error('expected a ValidationError');
}

describe('forms declared in diagrams', () => {
  it('Given the fixture diagram, When its forms are parsed, Then each user task has its fields, enum values and constraints', async () => {
    const forms = await parseForms(TASK_REVIEW_XML);

    expect([...forms.keys()].sort()).toEqual(['approve', 'investigate']);
    const investigate = forms.get('investigate')!;
    expect(investigate.map((f) => `${f.id}:${f.type}`)).toEqual(['verdict:enum', 'cause:string', 'hoursSpent:long', 'ticket:string', 'fixedAt:date']);
    expect(investigate[0]).toMatchObject({ label: '处理结论', constraints: { required: true } });
    expect(investigate[0].values).toEqual([
      { id: 'fixed', name: '已解决' }, { id: 'notReproducible', name: '无法复现' }, { id: 'forwarded', name: '转其他部门' },
    ]);
    expect(investigate[1].constraints).toEqual({ required: true, minlength: 4, maxlength: 200 });
    expect(investigate[2].constraints).toEqual({ required: false, min: 0, max: 72 });
    expect(investigate[3].constraints.pattern).toBe('^GD[0-9]{6}$');
    expect(forms.get('approve')!.map((f) => f.id)).toEqual(['approved', 'comment']);
  });

  it('Given a form with an unknown type, an unknown constraint and an enum without values, Then every problem is reported', async () => {
    const xml = diagramWithForm(`
      <camunda:formField id="a" type="money" />
      <camunda:formField id="b" type="string"><camunda:validation><camunda:constraint name="readonly" /></camunda:validation></camunda:formField>
      <camunda:formField id="c" type="enum" />
      <camunda:formField id="d" type="long"><camunda:validation><camunda:constraint name="max" config="many" /></camunda:validation></camunda:formField>`);

    const problems = (await formProblems(xml)).map((p) => p.message);

    expect(problems).toEqual([
      expect.stringContaining('"a" has type "money"'),
      expect.stringContaining('"b" has constraint "readonly"'),
      expect.stringContaining('enum form field "c" declares no camunda:value'),
      expect.stringContaining('constraint max needs a numeric config'),
    ]);
    await expect(parseForms(xml)).rejects.toBeInstanceOf(FormDefinitionError);
  });
});

describe('fields asked only when a condition holds (visibleWhen)', () => {
  const conditional = (condition: string) => diagramWithForm(`
    <camunda:formField id="always" type="string" />
    <camunda:formField id="settled" type="boolean">
      <camunda:properties><camunda:property id="visibleWhen" value='${condition}' /></camunda:properties>
      <camunda:validation><camunda:constraint name="required" /></camunda:validation>
    </camunda:formField>`);
  const now = new Date('2026-11-23T02:00:00Z');

  it('Given a condition on the instance data, Then the task asks for the field only while it holds, and an answer otherwise names the condition', async () => {
    const form = (await parseForms(conditional('${severity = "minor"}'))).get('step')!;
    expect(form[1]).toMatchObject({ id: 'settled', visibleWhen: '${severity = "minor"}' });

    expect(askedFields(form, { severity: 'minor' }, now).map((f) => f.id)).toEqual(['always', 'settled']);
    const asked = askedFields(form, { severity: 'major' }, now);
    expect(asked.map((f) => f.id)).toEqual(['always']);
    expect(askedFields(form, {}, now).map((f) => f.id)).toEqual(['always']);

    const notAsked = form.filter((f) => !asked.includes(f));
    expect(validateForm(asked, { always: 'x' }, 'data', notAsked)).toEqual({ always: 'x' });
    expect(fieldErrorsOf(() => validateForm(asked, { settled: true }, 'data', notAsked))).toEqual({
      'data.settled': ['is not asked for here: only when ${severity = "minor"}'],
    });
  });

  it('Given a condition that cannot be evaluated on odd data, Then the field is asked rather than left out', async () => {
    const form = (await parseForms(conditional('${date(receivedOn) < date("2026-01-01")}'))).get('step')!;
    expect(askedFields(form, { receivedOn: '-2024-01-01' }, now).map((f) => f.id)).toEqual(['always', 'settled']); // feelin throws on a negative year
    expect(askedFields(form, { receivedOn: '2026-03-01' }, now).map((f) => f.id)).toEqual(['always']);
  });

  it('Given a condition that is not a valid restricted expression, or one on a start form, Then the gate reports it', async () => {
    expect((await formProblems(conditional('${severity = }'))).map((p) => p.message)).toEqual([
      expect.stringContaining('form field "settled": visibleWhen ${severity = } is not a valid expression: syntax error'),
    ]);
    expect((await formProblems(conditional('${require("fs")}'))).map((p) => p.message)).toEqual([expect.stringContaining('"require"')]);

    const startForm = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:extensionElements><camunda:formData>
      <camunda:formField id="x" type="string"><camunda:properties><camunda:property id="visibleWhen" value="\${true}" /></camunda:properties></camunda:formField>
    </camunda:formData></bpmn:extensionElements></bpmn:startEvent>
  </bpmn:process>
</bpmn:definitions>`;
    expect((await formProblems(startForm)).map((p) => p.message)).toEqual([expect.stringContaining('visibleWhen applies to user task forms, not to a start form')]);
    await expect(parseStartForm(startForm)).rejects.toBeInstanceOf(FormDefinitionError);
  });
});

describe('the shipped diagrams', () => {
  const dir = path.join(__dirname, '..', '..', 'processes');
  const diagrams = fs.readdirSync(dir).filter((f) => f.endsWith('.bpmn'));

  it.each(diagrams)('Given processes/%s, Then every form it declares can be used by the task list', async (file) => {
    expect(await formProblems(fs.readFileSync(path.join(dir, file), 'utf8'))).toEqual([]);
  });
});

describe('validateForm', () => {
  let investigate: Awaited<ReturnType<typeof parseForms>> extends Map<string, infer F> ? F : never;
  beforeAll(async () => { investigate = (await parseForms(TASK_REVIEW_XML)).get('investigate')!; });

  it('Given valid values, Then it returns them typed, dates normalised to UTC ISO text, absent optional fields left out', () => {
    expect(validateForm(investigate, { verdict: 'fixed', cause: '光猫故障', hoursSpent: 3, fixedAt: '2026-11-23T10:00:00+08:00' }))
      .toEqual({ verdict: 'fixed', cause: '光猫故障', hoursSpent: 3, fixedAt: '2026-11-23T02:00:00.000Z' });
  });

  it('Given a missing required field, Then it is reported as required under data.<field>', () => {
    expect(fieldErrorsOf(() => validateForm(investigate, { cause: '光猫故障' }))).toEqual({ 'data.verdict': ['required'] });
  });

  it('Given every kind of bad value and an unknown field, Then every bad field is listed at once', () => {
    const errors = fieldErrorsOf(() => validateForm(investigate, {
      verdict: 'ignored', cause: '短', hoursSpent: 80.5, ticket: 'GD12', fixedAt: 'yesterday', priority: 'high',
    }));

    expect(errors).toEqual({
      'data.priority': ['is not a field of this task\'s form'],
      'data.verdict': ['must be one of fixed (已解决), notReproducible (无法复现), forwarded (转其他部门)'],
      'data.cause': ['must be at least 4 characters long'],
      'data.hoursSpent': ['must be a whole number'],
      'data.ticket': ['must match ^GD[0-9]{6}$'],
      'data.fixedAt': ['must be an ISO-8601 date, e.g. 2026-11-23T10:00:00+08:00'],
    });
  });

  it('Given numbers outside min/max and text for a number or boolean, Then the limits and types are enforced', () => {
    expect(fieldErrorsOf(() => validateForm(investigate, { verdict: 'fixed', cause: 'x'.repeat(201), hoursSpent: -1 }))).toEqual({
      'data.cause': ['must be at most 200 characters long'],
      'data.hoursSpent': ['must be at least 0'],
    });
    expect(fieldErrorsOf(() => validateForm(investigate, { verdict: 'fixed', cause: '光猫故障', hoursSpent: '3' })))
      .toEqual({ 'data.hoursSpent': ['must be a whole number'] });
  });

  it('Given a date in year 9999 or 1900, Then it is refused as outside the accepted span', () => {
    for (const fixedAt of ['9999-12-31T00:00:00Z', '1900-01-01']) {
      expect(fieldErrorsOf(() => validateForm(investigate, { verdict: 'fixed', cause: '光猫故障', fixedAt })))
        .toEqual({ 'data.fixedAt': ['must be a date between 2000-01-01 and 2099-12-31'] });
    }
  });

  it('Given a task without a form, Then only empty data is accepted', () => {
    expect(validateForm([], {})).toEqual({});
    expect(fieldErrorsOf(() => validateForm([], { verdict: 'fixed' }))).toEqual({ 'data.verdict': ['is not a field of this task\'s form'] });
  });
});
