import path from 'node:path';
import { openDatabase, Database } from '../../src/persistence/database';
import { ManualClock } from '../../src/engine/clock';
import { HandlerRegistry, ServiceCall } from '../../src/engine/handlers/registry';
import { WorkflowEngine, WorkflowEngineOptions } from '../../src/engine/workflow-engine';
import { createDefinitionGate } from '../../src/engine/definitions/gate';
import { migratedDatabaseUrl } from './database';

export const ENGINE_FIXTURES = path.join(__dirname, '..', 'fixtures', 'engine');
export const REJECTED_FIXTURES = path.join(__dirname, '..', 'fixtures', 'engine-rejected');

/** Handlers the fixture diagrams call; every call is remembered so tests can assert on it. */
export function fixtureHandlers(calls: Array<{ name: string; call: ServiceCall }> = []) {
  const handlers = new HandlerRegistry();
  handlers.register('test.record', (call) => {
    calls.push({ name: 'test.record', call });
    return { recorded: true, recordedAt: call.now.toISOString() };
  }, { description: 'remembers the call', writes: [{ name: 'recorded' }, { name: 'recordedAt' }] });
  handlers.register('test.remind', (call) => {
    calls.push({ name: 'test.remind', call });
    return { reminders: Number(call.data.reminders ?? 0) + 1 };
  }, { description: 'counts reminders', writes: [{ name: 'reminders' }] });
  // What the tests pass when they start the fixture diagrams.
  handlers.declareStartData('gateway', [{ name: 'approved' }]);
  handlers.declareStartData('timer-from-data', [{ name: 'dueAt' }]);
  return { handlers, calls };
}

export interface TestEngine {
  engine: WorkflowEngine;
  db: Database;
  url: string;
  clock: ManualClock;
  calls: Array<{ name: string; call: ServiceCall }>;
  dispose(): Promise<void>;
}

export async function openEngine(
  url: string, clock: ManualClock, calls: Array<{ name: string; call: ServiceCall }> = [], serverId = 'test', options: Partial<WorkflowEngineOptions> = {},
): Promise<WorkflowEngine> {
  const db = await openDatabase(url);
  const { handlers } = fixtureHandlers(calls);
  const engine = new WorkflowEngine(db, { clock, handlers, serverId, locks: { leaseMs: 30_000, waitMs: 3_000 }, ...options });
  engine.setGate(createDefinitionGate(engine));
  return engine;
}

/** Runs `work` with another engine (another server process) on the database at `url`, and closes it afterwards. */
export async function withEngine<T>(
  url: string, clock: ManualClock, serverId: string, options: Partial<WorkflowEngineOptions>, work: (engine: WorkflowEngine) => Promise<T>,
): Promise<T> {
  const engine = await openEngine(url, clock, [], serverId, options);
  try {
    return await work(engine);
  } finally {
    await engine.close();
    await engine.db.close();
  }
}

/** A fresh database with the fixture diagrams deployed, an engine on a manual clock, and its handler calls. */
export async function startTestEngine(start = '2026-11-23T01:00:00Z'): Promise<TestEngine> {
  const { url, drop } = await migratedDatabaseUrl();
  const clock = new ManualClock(start);
  const calls: Array<{ name: string; call: ServiceCall }> = [];
  const engine = await openEngine(url, clock, calls);
  await engine.deployDirectory(ENGINE_FIXTURES);
  // A test may replace engine and db (another process on the same database): dispose closes whichever is there then.
  const test: TestEngine = {
    engine, db: engine.db, url, clock, calls,
    dispose: async () => { await test.engine.close(); await test.db.close(); await drop(); },
  };
  return test;
}
