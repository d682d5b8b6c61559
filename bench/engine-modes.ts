/**
 * One benchmark mode per process, so the stock bpmn-server runs without our hardening patches:
 *   raw-stock | raw-patched | persisted <dbUrl> | soak <dbUrl>
 * Prints one JSON line. Lifecycle: start → user task → complete → service task → end.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';

const XML = fs.readFileSync(path.join(__dirname, '..', 'test', 'fixtures', 'engine', 'user-task.bpmn'), 'utf8');
const WARMUP = 100;
const CONCURRENCY = 8;

type Lifecycle = () => Promise<void>;

async function measure(lifecycle: Lifecycle, count: number): Promise<{ lifecycles: number; seconds: number; perSecond: number }> {
  for (let i = 0; i < WARMUP; i++) await lifecycle();
  let started = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (started < count) {
      started++;
      await lifecycle();
    }
  }));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { lifecycles: count, seconds, perSecond: count / seconds };
}

async function rawLifecycle(patched: boolean): Promise<Lifecycle> {
  if (patched) require('../src/engine/bpmn-server-hardening');
  const bpmn = require('bpmn-server');
  const { MemoryDataStore } = require('bpmn-server/dist/datastore/MemoryDataStore');
  class BenchDelegate extends bpmn.DefaultAppDelegate {
    test = { record: async () => ({ recorded: true }) };
    startUp() {}
    async getServicesProvider() { return this; }
  }
  const definitions = { getSource: async () => XML, getSVG: async () => null, findEvents: async () => [], rebuild: async () => undefined };
  const logger = new bpmn.Logger({ toConsole: false });
  const configuration = new bpmn.Configuration({
    timers: { forceTimersDelay: 0, precision: 0 }, database: {}, logger,
    definitions: () => definitions,
    appDelegate: (server: unknown) => new (BenchDelegate as any)(server),
    dataStore: (server: unknown) => new MemoryDataStore(server),
    cacheManager: (server: unknown) => new bpmn.NoCacheManager(server),
    scriptHandler: () => new bpmn.ScriptHandler(),
  });
  const log = console.log;
  console.log = () => undefined; // bpmn-server talks on the console; keep the JSON line clean
  const server = new bpmn.BPMNServer(configuration, logger, { cron: false });
  // MemoryDataStore hands its InstanceLocker the wrong object (a MemoryDB, no `db`); an in-process set does the job.
  const held = new Set<string>();
  server.dataStore.locker = { lock: async (id: string) => held.add(id), release: async (id: string) => held.delete(id) };
  return async () => {
    const execution = await server.engine.start('user-task', { n: 1 });
    const task = execution.instance.items.find((i: any) => i.elementId === 'review' && i.status === 'wait');
    const done = await server.engine.invoke({ 'items.id': task.id }, { verdict: 'ok' });
    if (done.instance.status !== 'end') throw new Error('lifecycle did not end');
    logger.clear(); // the stock logger keeps every message otherwise
    void log;
  };
}

async function persistedLifecycle(url: string) {
  const { openDatabase } = require('../src/persistence/database');
  const { WorkflowEngine } = require('../src/engine/workflow-engine');
  const { HandlerRegistry } = require('../src/engine/handlers/registry');
  const db = await openDatabase(url);
  const handlers = new HandlerRegistry().register('test.record', () => ({ recorded: true }));
  const engine = new WorkflowEngine(db, { handlers });
  await engine.deploy('user-task', XML);
  const lifecycle: Lifecycle = async () => {
    const started = await engine.startProcess('user-task', { n: 1 }, { actor: 'bench' });
    const task = started.openItems.find((i: { elementId: string }) => i.elementId === 'review');
    const done = await engine.completeTask(task.id, { verdict: 'ok' }, { actor: 'bench' });
    if (done.status !== 'end') throw new Error('lifecycle did not end');
  };
  return { lifecycle, close: () => db.close() };
}

function rssMb() {
  global.gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
}

async function main() {
  const [mode, url, countArg] = process.argv.slice(2);
  const count = Number(countArg ?? 2000);
  let result: unknown;
  if (mode === 'raw-stock' || mode === 'raw-patched') {
    result = await measure(await rawLifecycle(mode === 'raw-patched'), count);
  } else if (mode === 'persisted') {
    const { lifecycle, close } = await persistedLifecycle(url);
    result = await measure(lifecycle, count);
    await close();
  } else if (mode === 'soak') {
    const { lifecycle, close } = await persistedLifecycle(url);
    for (let i = 0; i < 500; i++) await lifecycle();
    const before = rssMb();
    const stats = await measure(lifecycle, count);
    const after = rssMb();
    result = { ...stats, rssBeforeMb: before, rssAfterMb: after, growthBytesPerLifecycle: ((after - before) * 1024 * 1024) / (count + WARMUP) };
    await close();
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((error) => { process.stderr.write(`${error.stack}\n`); process.exit(1); });
