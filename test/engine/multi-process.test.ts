import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { AuditRow, ItemRow, TimerRow } from '../../src/persistence/entities/engine';
import { ManualClock } from '../../src/engine/clock';
import { openEngine, startTestEngine, TestEngine } from '../support/engine';

jest.setTimeout(120_000);
const WORKER = path.join(__dirname, '..', 'support', 'engine-worker.ts');

/** A poll answers `fired`; a completion `ok` and its status or error. */
type WorkerResult = { fired: number; ok: boolean; status?: string; error?: string };

/** Two engine processes (test/support/engine-worker.ts) that act at the same moment, once both have started. */
async function workersAtOnce(url: string, nowIso: string, command: string, arg: string): Promise<WorkerResult[]> {
  const children: ChildProcess[] = [];
  const outcome = (child: ChildProcess, ready: () => void) => new Promise<WorkerResult>((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk) => { stderr += chunk; });
    child.on('message', (message: 'ready' | { result: WorkerResult }) => {
      if (message === 'ready') ready(); else resolve(message.result);
    });
    child.once('exit', (code) => reject(new Error(`engine worker exited (${code}) without a result:\n${stderr}`)));
  });
  let readyCount = 0;
  const results = [0, 1].map(() => {
    const child = fork(WORKER, [url, nowIso, command, arg], { execArgv: ['-r', 'ts-node/register/transpile-only'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    children.push(child);
    return outcome(child, () => { if (++readyCount === 2) for (const each of children) each.send('go'); });
  });
  try {
    return await Promise.all(results);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
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

  const [a, b] = await workersAtOnce(t.url, '2026-11-23T04:00:00Z', 'poll', '4');

  expect(a.fired + b.fired).toBe(12);
  const fired = await t.db.read((m) => m.getRepository(AuditRow).count({ where: { action: 'timer fired' } }));
  expect(fired).toBe(12);
  expect(await t.db.read((m) => m.getRepository(TimerRow).count())).toBe(0);
});

it('two engine processes completing the same task: one succeeds, the other gets a conflict', async () => {
  const started = await t.engine.startProcess('user-task', {}, { actor: 'desk1' });
  const review = await t.db.read((m) => m.getRepository(ItemRow).findOneByOrFail({ instanceId: started.id, elementId: 'review' }));
  await t.engine.close();

  const results = await workersAtOnce(t.url, '2026-11-23T01:05:00Z', 'complete', review.id);

  expect(results.filter((r) => r.ok)).toHaveLength(1);
  const failed = results.find((r) => !r.ok);
  expect(failed).toMatchObject({ ok: false, error: 'ConflictError' });
  const completions = await t.db.read((m) => m.getRepository(AuditRow).count({ where: { scope: started.id, action: 'completed' } }));
  expect(completions).toBe(1);
});
