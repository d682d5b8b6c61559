/**
 * The in-memory ceiling: bpmn-server alone, in memory (its MemoryDataStore), running the same diagram as the HTTP
 * benchmark. Stock bpmn-server except for two things, without which it cannot run this diagram at full speed:
 * Token.goNext without its 10 ms sleep per step, and the diagram's FEEL expressions evaluated by our
 * RestrictedScriptHandler (bpmn-server would run them as JavaScript). Service tasks do nothing; the instance
 * starts with the data the HTTP run's complaint had at its last task, and each user task is completed with the
 * values the HTTP run sent for it, so the same path is taken. Finished instances are deleted from the store.
 * Prints one JSON line.
 *   ceiling.ts stock|hardened <trace.json> <lifecycles>
 * `hardened` loads src/engine/bpmn-server-hardening instead, as the server does: the same step without the
 * sleep, plus one parsed diagram and one moddle registry shared by all executions (stock bpmn-server parses the
 * diagram's XML again on every start and every invoke, which dominates its cost on a large diagram), the
 * server's bounded logger in place of bpmn-server's, which keeps every message, and running executions kept in
 * memory between invokes (bpmn-server's own CacheManager; the server's LiveExecutions does the same, checked against
 * the stored revision).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type { LifecycleTrace } from './load-client';

const CONCURRENCY = 8;
const ROOT = path.join(__dirname, '..');

/** bpmn-server's Token.goNext, step for step, with setImmediate in place of its 10 ms pause (as in production). */
function removeSleep(bpmn: any) {
  const { Token, TOKEN_TYPE, ITEM_STATUS, TOKEN_STATUS } = bpmn;
  Token.prototype.goNext = async function goNext(this: any) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.path.length === 0) this.addItemToPath(this.getChildrenTokens()[0].path[0]);
    if (this.currentItem.status === 'wait') return;
    if (this.status === TOKEN_STATUS.terminated) return this.end(true);
    if (!(await this.preNext())) return;
    const outbounds = await this.currentNode.getOutbounds(this.currentItem);
    if (outbounds.length === 0) return void (await this.end());
    const thisItem = this.currentItem;
    const promises: Promise<unknown>[] = [];
    const diverging = outbounds.length > 1 || this.currentNode.outbounds.length > 1;
    for (const flowItem of outbounds) {
      flowItem.status = ITEM_STATUS.end;
      this.addItemToPath(flowItem);
      const nextNode = flowItem.element.to;
      if (!nextNode) continue;
      if (diverging) promises.push(Token.startNewToken(TOKEN_TYPE.Diverge, this.execution, nextNode, null, this, thisItem, null));
      else {
        this._currentNode = nextNode;
        promises.push(this.execute(null));
      }
    }
    if (diverging && this.type !== TOKEN_TYPE.SubProcess) this.end();
    await Promise.all(promises);
  };
}

async function main() {
  const [variant, traceFile, countArg] = process.argv.slice(2);
  const trace = JSON.parse(fs.readFileSync(traceFile, 'utf8')) as LifecycleTrace;
  const count = Number(countArg);
  const processKey = 'complaint-lifecycle';
  const xml = fs.readFileSync(path.join(ROOT, 'processes', `${processKey}.bpmn`), 'utf8');

  const log = console.log;
  console.log = () => undefined; // bpmn-server talks on the console; keep the JSON line clean
  let bpmn: any;
  if (variant === 'hardened') bpmn = require('../src/engine/bpmn-server-hardening').bpmn;
  else {
    bpmn = require('bpmn-server');
    removeSleep(bpmn);
  }
  const { MemoryDataStore } = require('bpmn-server/dist/datastore/MemoryDataStore');
  const { RestrictedScriptHandler } = require('../src/engine/restricted-script-handler');
  class CeilingDelegate extends bpmn.DefaultAppDelegate {
    startUp() {}
    async getServicesProvider() { return {}; }
    async serviceCalled() { return {}; }
  }
  const definitions = { getSource: async () => xml, getSVG: async () => null, findEvents: async () => [], rebuild: async () => undefined };
  // Stock keeps every log message forever (its Logger), which slows a long run down as the heap grows; the server
  // keeps the last 200 (BoundedLogger), and so does the hardened ceiling.
  const logger = variant === 'hardened' ? new (require('../src/engine/bounded-logger').BoundedLogger)(200, false) : new bpmn.Logger({ toConsole: false });
  const configuration = new bpmn.Configuration({
    timers: { forceTimersDelay: 0, precision: 0 }, database: {}, logger,
    definitions: () => definitions,
    appDelegate: (server: unknown) => new (CeilingDelegate as any)(server),
    dataStore: (server: unknown) => new MemoryDataStore(server),
    cacheManager: (server: unknown) => (variant === 'hardened' ? new bpmn.CacheManager(server) : new bpmn.NoCacheManager(server)),
    scriptHandler: () => new RestrictedScriptHandler({ now: () => new Date() }),
  });
  const server = new bpmn.BPMNServer(configuration, logger, { cron: false });
  const held = new Set<string>();
  server.dataStore.locker = { lock: async (id: string) => held.add(id), release: async (id: string) => held.delete(id) };

  const lifecycle = async () => {
    let execution = await server.engine.start(processKey, { ...trace.lastInstanceData });
    for (const step of trace.steps) {
      const task = execution.instance.items.find((i: any) => i.elementId === step.elementId && i.status === 'wait');
      if (!task) throw new Error(`no waiting ${step.elementId}`);
      execution = await server.engine.invoke({ 'items.id': task.id }, step.data);
    }
    if (execution.instance.status !== 'end') throw new Error(`lifecycle did not end (${execution.instance.status})`);
    // Keep the store small: MemoryDataStore scans every instance it holds on each lookup, which would make the
    // ceiling measure that scan rather than execution. Its deleteInstances does nothing (a TODO in bpmn-server 2.3.8),
    // so the instance leaves its MemoryDB directly.
    await server.dataStore.db.deleteFile(execution.instance.id);
    logger.clear?.();
  };

  for (let i = 0; i < 5; i++) await lifecycle();
  let started = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (started < count) {
      started++;
      await lifecycle();
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  const describe = `bpmn-server ${require('bpmn-server/package.json').version} in memory, `
    + (variant === 'hardened' ? 'with the server\'s hardening (no sleep, parsed diagram shared, running executions kept in memory)' : 'stock but without its 10 ms sleep per step')
    + `, FEEL expressions, no-op service tasks, ${trace.steps.length} user tasks (${trace.steps.map((s) => s.elementId).join(' → ')})`;
  process.stdout.write(`\n${JSON.stringify({ lifecycles: count, seconds, perSecond: count / seconds, describe })}\n`);
  void log;
  process.exit(0);
}

main().catch((error) => { process.stderr.write(`${error.stack}\n`); process.exit(1); });
