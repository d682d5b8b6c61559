import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { AuditRow, ItemRow, TimerRow } from '../../src/persistence/entities/engine';
import { ManualClock } from '../../src/engine/clock';
import { openEngine, startTestEngine, TestEngine } from '../support/engine';

jest.setTimeout(120_000);
const run = promisify(execFile);
const WORKER = path.join(__dirname, '..', 'support', 'engine-worker.ts');
const TS_NODE = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'ts-node');

async function worker(url: string, nowIso: string, goAt: number, command: string, arg: string) {
  const { stdout } = await run(TS_NODE, ['--transpile-only', WORKER, url, nowIso, String(goAt), command, arg], {
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' },
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

let t: TestEngine;
beforeEach(async () => { t = await startTestEngine('2026-11-23T01:00:00Z'); });
afterEach(async () => { await t.dispose(); });

it('a new engine process resumes waiting instances and fires timers that fell due while none was running', async () => {
  const withTimers = await t.engine.startProcess('boundary-timers', {}, { actor: 'desk1' });
  const plain = await t.engine.startProcess('user-task', {}, { actor: 'desk1' });
  await t.engine.close();
  await t.engine.db.close();

  // Three hours later a different process starts on the same database.
  const clock = new ManualClock('2026-11-23T04:00:00Z');
  const restarted = await openEngine(t.url, clock, t.calls, 'second-process');
  t.engine = restarted;
  t.db = restarted.db;

  expect(await restarted.timers.drain()).toBe(2);
  const waiting = await restarted.db.read((m) => m.getRepository(ItemRow).find({ where: { status: 'wait' } }));
  expect(waiting.filter((i) => i.instanceId === withTimers.id).map((i) => i.elementId)).toEqual(['escalated']);
  const review = waiting.find((i) => i.instanceId === plain.id && i.elementId === 'review')!;
  expect((await restarted.completeTask(review.id, {}, { actor: 'ops1' })).status).toBe('end');
});

it('two engine processes polling one database fire each timer exactly once', async () => {
  const instances = [];
  for (let i = 0; i < 6; i++) instances.push(await t.engine.startProcess('boundary-timers', {}, { actor: 'desk1' }));
  await t.engine.close();

  const goAt = Date.now() + 4000;
  const now = '2026-11-23T04:00:00Z';
  const [a, b] = await Promise.all([worker(t.url, now, goAt, 'poll', '4'), worker(t.url, now, goAt, 'poll', '4')]);

  expect(a.fired + b.fired).toBe(12);
  const fired = await t.db.read((m) => m.getRepository(AuditRow).count({ where: { action: 'timer fired' } }));
  expect(fired).toBe(12);
  expect(await t.db.read((m) => m.getRepository(TimerRow).count())).toBe(0);
});

it('two engine processes completing the same task: one succeeds, the other gets a conflict', async () => {
  const started = await t.engine.startProcess('user-task', {}, { actor: 'desk1' });
  const review = await t.db.read((m) => m.getRepository(ItemRow).findOneByOrFail({ instanceId: started.id, elementId: 'review' }));
  await t.engine.close();

  const goAt = Date.now() + 4000;
  const now = '2026-11-23T01:05:00Z';
  const results = await Promise.all([worker(t.url, now, goAt, 'complete', review.id), worker(t.url, now, goAt, 'complete', review.id)]);

  expect(results.filter((r) => r.ok)).toHaveLength(1);
  const failed = results.find((r) => !r.ok);
  expect(failed).toMatchObject({ ok: false, error: 'ConflictError' });
  const completions = await t.db.read((m) => m.getRepository(AuditRow).count({ where: { scope: started.id, action: 'completed' } }));
  expect(completions).toBe(1);
});
