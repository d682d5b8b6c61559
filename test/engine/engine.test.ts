import fs from 'node:fs';
import path from 'node:path';
import { ConflictError, NotFoundError, ValidationError } from '../../src/domain/errors';
import { AuditRow, IncidentRow, InstanceRow, ItemRow, TimerRow } from '../../src/persistence/entities/engine';
import { ProcessIncidentError, WorkflowEngine } from '../../src/engine/workflow-engine';
import { REJECTED_FIXTURES, startTestEngine, TestEngine, withEngine } from '../support/engine';
import { statementsDuring } from '../support/statements';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let t: TestEngine;
beforeEach(async () => { t = await startTestEngine(); });
afterEach(async () => { await t.dispose(); });

async function openItems(instanceId: string) {
  return t.db.read((m) => m.getRepository(ItemRow).find({ where: { instanceId, status: 'wait' }, order: { seq: 'ASC' } }));
}
async function waitingTask(instanceId: string, elementId: string) {
  const item = (await openItems(instanceId)).find((i) => i.elementId === elementId);
  if (!item) throw new Error(`${elementId} is not waiting; waiting: ${(await openItems(instanceId)).map((i) => i.elementId)}`);
  return item;
}
async function instanceRow(id: string) {
  return t.db.read((m) => m.getRepository(InstanceRow).findOneByOrFail({ id }));
}
async function auditActions(instanceId: string) {
  const rows = await t.db.read((m) => m.getRepository(AuditRow).find({ where: { scope: instanceId }, order: { seq: 'ASC' } }));
  return rows.map((r) => `${r.action}${r.elementId ? `:${r.elementId}` : ''}`);
}

describe('user task and service task', () => {
  it('waits at the user task, then completing it runs the handler and ends the instance', async () => {
    const started = await t.engine.startProcess('user-task', { complaint: 'slow broadband' }, { actor: 'desk1' });
    expect(started.status).toBe('running');
    const review = await waitingTask(started.id, 'review');
    expect(t.calls).toHaveLength(0);

    const done = await t.engine.completeTask(review.id, { verdict: 'fixed' }, { actor: 'ops1' });

    expect(done.status).toBe('end');
    expect(t.calls.map((c) => c.name)).toEqual(['test.record']);
    expect(t.calls[0].call.data).toMatchObject({ complaint: 'slow broadband', verdict: 'fixed' });
    const row = await instanceRow(started.id);
    expect(row.status).toBe('end');
    expect(row.data).toMatchObject({ verdict: 'fixed', recorded: true });
    expect(row.revision).toBeGreaterThan(started.revision);
    expect(await auditActions(started.id)).toEqual([
      'started', 'task created:review', 'completed:review', 'service result:record', 'ended',
    ]);
  });

  it('reads the task\'s instance and its audit head once to complete it, and its items only when the instance was not kept in memory', async () => {
    const readsToComplete = async (engine: WorkflowEngine) => {
      const started = await engine.startProcess('user-task', {}, { actor: 'desk1' });
      const review = await waitingTask(started.id, 'review');
      const sql = await statementsDuring(engine.db, () => engine.completeTask(review.id, { verdict: 'fixed' }, { actor: 'ops1' }));
      expect(sql.profile.filter(([shape]) => /\bFROM ["`]?wf_audit(_head)?["`]? WHERE/.test(shape))).toEqual([]);
      expect((await instanceRow(started.id)).data).toMatchObject({ verdict: 'fixed' });
      return sql.profile.filter(([shape]) => /^SELECT\b.*\bFROM ["`]?wf_(instance|item)\b/.test(shape))
        .map(([shape, count]) => [shape.replace(/^SELECT .*? FROM /, 'FROM '), count]);
    };
    const taskAndInstance = [
      [expect.stringMatching(/^FROM ["`]wf_item["`] WHERE ["`]id["`] IN/), 1],
      [expect.stringMatching(/^FROM wf_instance n LEFT JOIN wf_audit_head h ON h.scope = n.id WHERE n.id = \?$/), 1],
    ];
    expect(await readsToComplete(t.engine)).toEqual(taskAndInstance);

    await withEngine(t.url, t.clock, 'keeping-none', { liveExecutions: 0 }, async (keepingNone) => {
      expect(await readsToComplete(keepingNone)).toEqual([...taskAndInstance, [expect.stringMatching(/^FROM wf_item WHERE instance_id = \? ORDER BY seq/), 1]]);
    });
  });

  it('refuses to complete a task twice and keeps the first result', async () => {
    const started = await t.engine.startProcess('user-task', {}, { actor: 'desk1' });
    const review = await waitingTask(started.id, 'review');
    await t.engine.completeTask(review.id, { verdict: 'first' }, { actor: 'ops1' });

    await expect(t.engine.completeTask(review.id, { verdict: 'second' }, { actor: 'ops2' })).rejects.toBeInstanceOf(ConflictError);
    expect((await instanceRow(started.id)).data).toMatchObject({ verdict: 'first' });
  });

  it('rejects a stale revision without changing anything', async () => {
    const started = await t.engine.startProcess('user-task', {}, { actor: 'desk1' });
    const review = await waitingTask(started.id, 'review');
    await expect(t.engine.completeTask(review.id, { verdict: 'x' }, { actor: 'ops1', expectedRevision: started.revision + 5 }))
      .rejects.toMatchObject({ code: 'stale_revision' });
    expect((await openItems(started.id)).map((i) => i.elementId)).toEqual(['review']);
  });

  it('answers 404-style errors for unknown tasks and processes', async () => {
    await expect(t.engine.completeTask('no-such-item', {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(t.engine.startProcess('no-such-process', {})).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rolls the whole step back when a handler fails, and records an incident', async () => {
    t.engine.handlers.register('test.fail', () => { throw new Error('ledger unavailable'); });
    t.engine.refreshHandlers();
    const xml = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'engine', 'user-task.bpmn'), 'utf8')
      .replace('implementation="test.record"', 'implementation="test.fail"').replace('id="userTask"', 'id="failing"');
    await t.engine.deploy('failing', xml);
    const started = await t.engine.startProcess('failing', {}, { actor: 'desk1' });
    const review = await waitingTask(started.id, 'review');

    const failure = t.engine.completeTask(review.id, { verdict: 'x' }, { actor: 'ops1' });
    await expect(failure).rejects.toBeInstanceOf(ProcessIncidentError);
    // the caller learns that an incident was recorded, not the internal error text
    await expect(failure).rejects.toThrow(/internal error\); incident \d+ was recorded/);
    await expect(failure).rejects.not.toThrow(/ledger unavailable/);

    expect((await openItems(started.id)).map((i) => i.elementId)).toEqual(['review']);
    const row = await instanceRow(started.id);
    expect(row.revision).toBe(started.revision);
    expect(row.data).not.toHaveProperty('verdict');
    const incidents = await t.db.read((m) => m.getRepository(IncidentRow).find({ where: { instanceId: started.id } }));
    expect(incidents).toHaveLength(1);
    expect(incidents[0].message).toContain('ledger unavailable');
  });
});

describe('exclusive gateway', () => {
  it('follows the flow whose condition holds', async () => {
    const a = await t.engine.startProcess('gateway', {}, { actor: 'desk1' });
    await t.engine.completeTask((await waitingTask(a.id, 'decide')).id, { approved: true }, { actor: 'q1' });
    expect((await openItems(a.id)).map((i) => i.elementId)).toEqual(['approved']);

    const b = await t.engine.startProcess('gateway', {}, { actor: 'desk1' });
    const ended = await t.engine.completeTask((await waitingTask(b.id, 'decide')).id, { approved: false }, { actor: 'q1' });
    expect(ended.status).toBe('end');
  });

  it('raises an incident instead of ending the instance when no flow matches', async () => {
    const started = await t.engine.startProcess('gateway', {}, { actor: 'desk1' });
    const decide = await waitingTask(started.id, 'decide');

    const failure = t.engine.completeTask(decide.id, { approved: 'maybe' }, { actor: 'q1' });

    await expect(failure).rejects.toBeInstanceOf(ProcessIncidentError);
    await expect(failure).rejects.toThrow(/route/);
    expect((await instanceRow(started.id)).status).toBe('running');
    expect((await openItems(started.id)).map((i) => i.elementId)).toEqual(['decide']);
    const incidents = await t.db.read((m) => m.getRepository(IncidentRow).find({ where: { instanceId: started.id } }));
    expect(incidents.map((i) => i.elementId)).toEqual(['route']);
  });
});

describe('timers', () => {
  it('fires a non-interrupting boundary timer and keeps the task open', async () => {
    const started = await t.engine.startProcess('boundary-timers', {}, { actor: 'desk1' });
    expect(await t.engine.timers.pollOnce()).toBe(0);

    t.clock.advance(29 * MINUTE);
    expect(await t.engine.timers.pollOnce()).toBe(0);
    t.clock.advance(2 * MINUTE);
    expect(await t.engine.timers.pollOnce()).toBe(1);

    expect(t.calls.map((c) => c.name)).toEqual(['test.remind']);
    expect((await openItems(started.id)).map((i) => i.elementId)).toEqual(['handle', 'deadline']);
    expect((await instanceRow(started.id)).data).toMatchObject({ reminders: 1 });
  });

  it('fires an interrupting boundary timer: the task is cancelled and the escalation task opens', async () => {
    const started = await t.engine.startProcess('boundary-timers', {}, { actor: 'desk1' });
    t.clock.advance(2 * HOUR + MINUTE);

    expect(await t.engine.timers.drain()).toBe(2);

    expect((await openItems(started.id)).map((i) => i.elementId)).toEqual(['escalated']);
    expect(await auditActions(started.id)).toEqual(expect.arrayContaining(['timer fired:remind', 'timer fired:deadline']));
    const timers = await t.db.read((m) => m.getRepository(TimerRow).find({ where: { instanceId: started.id } }));
    expect(timers).toHaveLength(0);
  });

  it('cancels both timers when the task is completed in time', async () => {
    const started = await t.engine.startProcess('boundary-timers', {}, { actor: 'desk1' });
    await t.engine.completeTask((await waitingTask(started.id, 'handle')).id, {}, { actor: 'ops1' });
    t.clock.advance(3 * HOUR);

    expect(await t.engine.timers.drain()).toBe(0);
    expect((await instanceRow(started.id)).status).toBe('end');
    expect(t.calls).toHaveLength(0);
  });

  it('takes a timer date from the instance data', async () => {
    const started = await t.engine.startProcess('timer-from-data', { dueAt: '2026-11-25T08:00:00Z' }, { actor: 'desk1' });
    const waiting = await waitingTask(started.id, 'waitUntilDue');
    expect(waiting.timerDueAt?.toISOString()).toBe('2026-11-25T08:00:00.000Z');

    t.clock.set('2026-11-25T07:59:00Z');
    expect(await t.engine.timers.pollOnce()).toBe(0);
    t.clock.set('2026-11-25T08:00:00Z');
    expect(await t.engine.timers.pollOnce()).toBe(1);
    expect((await instanceRow(started.id)).status).toBe('end');
  });
});

describe('call activity', () => {
  it('runs the child process and continues the parent when the child ends', async () => {
    const parent = await t.engine.startProcess('parent', { topic: 'billing' }, { actor: 'desk1' });
    const children = await t.db.read((m) => m.getRepository(InstanceRow).find({ where: { processKey: 'child' } }));
    expect(children).toHaveLength(1);
    const childTask = await waitingTask(children[0].id, 'childTask');

    await t.engine.completeTask(childTask.id, { childResult: 'ok' }, { actor: 'q1' });

    expect((await instanceRow(children[0].id)).status).toBe('end');
    expect((await openItems(parent.id)).map((i) => i.elementId)).toEqual(['after']);
  });
});

describe('definitions', () => {
  it('pins running instances to the version they started on', async () => {
    const xml = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'engine', 'user-task.bpmn'), 'utf8');
    const old = await t.engine.startProcess('user-task', {}, { actor: 'desk1' });
    const v2 = await t.engine.deploy('user-task', xml.replace('name="Review"', 'name="Review (v2)"').replace('camunda:candidateGroups="ops"', 'camunda:candidateGroups="quality"'));
    expect(v2).toMatchObject({ version: 2, created: true });

    const fresh = await t.engine.startProcess('user-task', {}, { actor: 'desk1' });
    expect((await waitingTask(fresh.id, 'review')).name).toBe('Review (v2)');
    expect((await waitingTask(old.id, 'review')).name).toBe('Review');

    const finished = await t.engine.completeTask((await waitingTask(old.id, 'review')).id, {}, { actor: 'ops1' });
    expect(finished.status).toBe('end');
    expect((await instanceRow(old.id)).definitionId).not.toBe((await instanceRow(fresh.id)).definitionId);
  });

  it('redeploying identical XML creates no new version', async () => {
    const xml = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'engine', 'user-task.bpmn'), 'utf8');
    expect(await t.engine.deploy('user-task', xml)).toMatchObject({ version: 1, created: false });
  });

  it('refuses a diagram that names an unregistered handler', async () => {
    const xml = fs.readFileSync(path.join(REJECTED_FIXTURES, 'unknown-handler.bpmn'), 'utf8');
    const attempt = t.engine.deploy('unknown-handler', xml);
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ fields: expect.arrayContaining([expect.objectContaining({ messages: [expect.stringContaining('no.such.handler')] })]) });
  });

  it('refuses a diagram that tries to reach child_process, and never runs it', async () => {
    const xml = fs.readFileSync(path.join(REJECTED_FIXTURES, 'child-process.bpmn'), 'utf8');
    fs.rmSync('/tmp/cf-pwned', { force: true });
    await expect(t.engine.deploy('evil', xml)).rejects.toBeInstanceOf(ValidationError);
    await expect(t.engine.startProcess('evil', {})).rejects.toBeInstanceOf(NotFoundError);
    expect(fs.existsSync('/tmp/cf-pwned')).toBe(false);
  });
});

describe('run-time guards', () => {
  it('fails loudly when a deployed diagram reaches an unknown handler at run time', async () => {
    // Deployed before the handler registry lost the name: bypass the gate to simulate a stale database.
    const xml = fs.readFileSync(path.join(REJECTED_FIXTURES, 'unknown-handler.bpmn'), 'utf8');
    t.engine.setGate(async () => []);
    await t.engine.deploy('unknown-handler', xml);

    await expect(t.engine.startProcess('unknown-handler', {}, { actor: 'desk1' })).rejects.toThrow(/no\.such\.handler/);
    const instances = await t.db.read((m) => m.getRepository(InstanceRow).find({ where: { processKey: 'unknown-handler' } }));
    expect(instances).toHaveLength(0);
  });

  it('evaluates conditions without JavaScript even when a diagram slipped past the gate', async () => {
    const xml = fs.readFileSync(path.join(REJECTED_FIXTURES, 'child-process.bpmn'), 'utf8');
    t.engine.setGate(async () => []);
    await t.engine.deploy('evil', xml);
    fs.rmSync('/tmp/cf-pwned', { force: true });

    await expect(t.engine.startProcess('evil', {}, { actor: 'desk1' })).rejects.toBeTruthy();
    expect(fs.existsSync('/tmp/cf-pwned')).toBe(false);
  });

  it('does not leave bpmn-server\'s uncaughtException handler installed', () => {
    const handlers = process.listeners('uncaughtException').map((l) => l.toString());
    expect(handlers.some((h) => h.includes('BPMNServer UNCAUGHT ERROR'))).toBe(false);
  });

  it('keeps the engine log bounded', async () => {
    for (let i = 0; i < 5; i++) await t.engine.startProcess('user-task', {}, { actor: 'desk1' });
    expect(t.engine.logger.size).toBeLessThanOrEqual(200);
  });

  it('keeps the steps in the engine log, and the report of every token and the saved data only when the log is printed', async () => {
    const saves = (messages: string[]) => messages.filter((m) => m.startsWith('..Saving instance'));
    await t.engine.startProcess('user-task', { customer: '王建华' }, { actor: 'desk1' });
    const quiet = t.engine.logger.get().map((e) => e.message);
    expect(saves(quiet).length).toBeGreaterThan(0);
    expect(saves(quiet).every((m) => /^\.\.Saving instance [0-9a-f-]{36}$/.test(m))).toBe(true);
    expect(quiet.some((m) => m.includes('Execution Report'))).toBe(false);

    t.engine.logger.clear();
    t.engine.logger.toConsole = true;
    const print = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await t.engine.startProcess('user-task', { customer: '王建华' }, { actor: 'desk1' });
    } finally {
      t.engine.logger.toConsole = false;
      print.mockRestore();
    }
    const printed = t.engine.logger.get().map((e) => e.message);
    expect(printed.some((m) => m.includes('Execution Report'))).toBe(true);
    expect(saves(printed).every((m) => m.includes('{"customer":"王建华"'))).toBe(true);
  });
});

describe('task forms at deployment', () => {
  it('refuses a diagram whose task form the task list could not validate', async () => {
    const xml = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'engine', 'user-task.bpmn'), 'utf8')
      .replace('<bpmn:userTask id="review" name="Review" camunda:candidateGroups="ops" />',
        '<bpmn:userTask id="review" name="Review" camunda:candidateGroups="ops"><bpmn:extensionElements><camunda:formData>'
        + '<camunda:formField id="amount" label="Amount" type="money" /></camunda:formData></bpmn:extensionElements></bpmn:userTask>')
      .replace('id="userTask"', 'id="badForm"');

    const attempt = t.engine.deploy('bad-form', xml);

    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ fields: [expect.objectContaining({ messages: [expect.stringContaining('"money"')] })] });
    await expect(t.engine.startProcess('bad-form', {})).rejects.toBeInstanceOf(NotFoundError);
  });
});
