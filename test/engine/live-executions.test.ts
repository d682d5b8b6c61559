import fs from 'node:fs';
import path from 'node:path';
import { AuditRow, InstanceRow, ItemRow } from '../../src/persistence/entities/engine';
import { InstanceMigration } from '../../src/engine/instance-migration';
import { ProcessIncidentError } from '../../src/engine/workflow-engine';
import { ConflictError } from '../../src/domain/errors';
import { ENGINE_FIXTURES, startTestEngine, TestEngine, withEngine } from '../support/engine';

// An instance's execution stays in this process's memory between operations (LiveExecutions); the database
// stays the truth whenever someone else changed the instance or an operation failed.

let t: TestEngine;
beforeEach(async () => { t = await startTestEngine(); });
afterEach(async () => { await t.dispose(); });

const waitingTask = (instanceId: string, elementId: string) =>
  t.db.read((m) => m.getRepository(ItemRow).findOneByOrFail({ instanceId, elementId, status: 'wait' }));

it('keeps a running instance between operations and lets it go when the instance ends', async () => {
  const started = await t.engine.startProcess('gateway', {}, { actor: 'desk1' });
  expect(t.engine.liveExecutions.size).toBe(1);
  await t.engine.completeTask((await waitingTask(started.id, 'decide')).id, { approved: true }, { actor: 'q1' });
  expect(t.engine.liveExecutions.size).toBe(1);
  const ended = await t.engine.completeTask((await waitingTask(started.id, 'approved')).id, {}, { actor: 'ops1' });
  expect(ended.status).toBe('end');
  expect(t.engine.liveExecutions.size).toBe(0);
});

it('numbers the items an operation adds after those already there, whether the instance was kept or restored', async () => {
  await withEngine(t.url, t.clock, 'restoring-process', { liveExecutions: 0 }, async (restoring) => {
    for (const engine of [t.engine, restoring]) {
      const started = await engine.startProcess('gateway', {}, { actor: 'desk1' });
      await engine.completeTask((await waitingTask(started.id, 'decide')).id, { approved: true }, { actor: 'q1' });
      await engine.completeTask((await waitingTask(started.id, 'approved')).id, {}, { actor: 'ops1' });
      const items = await t.db.read((m) => m.getRepository(ItemRow).find({ where: { instanceId: started.id }, order: { seq: 'ASC' } }));
      expect(items.map((item) => item.elementId)).toEqual(['start', 'f1', 'decide', 'f2', 'route', 'toApproved', 'approved', 'f5', 'endApproved']);
      expect(new Set(items.map((item) => item.seq)).size).toBe(items.length);
    }
  });
});

it('continues from what another process did to the instance, not from the execution it kept', async () => {
  const started = await t.engine.startProcess('gateway', {}, { actor: 'desk1' });
  const decide = await waitingTask(started.id, 'decide');
  await t.engine.assignTask(decide.id, { assignee: 'q1' }, { actor: 'q1' });

  // Another server process on the same database hands the task to q2.
  await withEngine(t.url, t.clock, 'second-process', {}, (other) => other.assignTask(decide.id, { assignee: 'q2' }, { actor: 'lead1' }));

  const after = await t.engine.completeTask(decide.id, { approved: true }, { actor: 'q2' });
  expect(after.openItems.map((item) => item.elementId)).toEqual(['approved']);
  const completed = await t.db.read((m) => m.getRepository(ItemRow).findOneByOrFail({ id: decide.id }));
  expect(completed.assignee).toBe('q2');
  const row = await t.db.read((m) => m.getRepository(InstanceRow).findOneByOrFail({ id: started.id }));
  expect(row.revision).toBe(after.revision);
});

it('forgets what a failed operation did: the retry runs from the stored state', async () => {
  let failNext = true;
  t.engine.handlers.register('test.flaky', () => {
    if (failNext) {
      failNext = false;
      throw new Error('ledger unavailable');
    }
    return { recorded: true };
  }, { description: 'fails once', writes: [{ name: 'recorded' }] });
  t.engine.refreshHandlers();
  const xml = fs.readFileSync(path.join(ENGINE_FIXTURES, 'user-task.bpmn'), 'utf8')
    .replace('implementation="test.record"', 'implementation="test.flaky"').replace('id="userTask"', 'id="flaky"');
  await t.engine.deploy('flaky', xml);
  const started = await t.engine.startProcess('flaky', {}, { actor: 'desk1' });
  const review = await waitingTask(started.id, 'review');

  await expect(t.engine.completeTask(review.id, { verdict: 'first' }, { actor: 'ops1' })).rejects.toBeInstanceOf(ProcessIncidentError);
  const retried = await t.engine.completeTask(review.id, { verdict: 'second' }, { actor: 'ops1' });

  expect(retried.status).toBe('end');
  expect(retried.data).toMatchObject({ verdict: 'second', recorded: true });
  const completions = await t.db.read((m) => m.getRepository(AuditRow).find({ where: { scope: started.id, action: 'completed' } }));
  expect(completions).toHaveLength(1);
});

it('an instance migrated to another version continues on that version, not on the one it kept', async () => {
  const started = await t.engine.startProcess('gateway', {}, { actor: 'desk1' });
  const decide = await waitingTask(started.id, 'decide');
  const v2 = fs.readFileSync(path.join(ENGINE_FIXTURES, 'gateway.bpmn'), 'utf8')
    .replace('name="Carry out" camunda:candidateGroups="ops"', 'name="Carry out with quality" camunda:candidateGroups="quality"');
  const deployed = await t.engine.deploy('gateway', v2);
  const plan = await new InstanceMigration(t.engine).migrate({ processKey: 'gateway', sourceVersion: deployed.version - 1, targetVersion: deployed.version, dryRun: false }, 'owner1');
  expect(plan.migrated).toEqual([started.id]);

  const after = await t.engine.completeTask(decide.id, { approved: true }, { actor: 'q1' });
  expect(after.openItems).toEqual([expect.objectContaining({ elementId: 'approved', name: 'Carry out with quality', candidateGroups: ['quality'] })]);
});

it('keeps an execution that an operation locked and read but never ran, whether that operation failed or changed nothing', async () => {
  const started = await t.engine.startProcess('gateway', {}, { actor: 'desk1' });
  expect(t.engine.liveExecutions.size).toBe(1);

  // A completion whose form is rejected under the lock, and a claim by the task's own holder.
  await expect(t.engine.run('q1', async () => {
    expect(await t.engine.lockInstance(started.id)).toBe(started.revision);
    throw new ConflictError('the form was rejected', 'invalid_form');
  })).rejects.toBeInstanceOf(ConflictError);
  expect(t.engine.liveExecutions.size).toBe(1);
  await t.engine.run('q1', async () => { await t.engine.lockInstance(started.id); });
  expect(t.engine.liveExecutions.size).toBe(1);

  const after = await t.engine.completeTask((await waitingTask(started.id, 'decide')).id, { approved: true }, { actor: 'q1' });
  expect(after.openItems.map((item) => item.elementId)).toEqual(['approved']);
  expect(after.revision).toBe(started.revision + 1);
});
