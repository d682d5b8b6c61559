/**
 * A second engine process for the multi-process tests, forked with an IPC channel:
 *   test/support/engine-worker.ts <dbUrl> <now-iso> poll <rounds>
 *   test/support/engine-worker.ts <dbUrl> <now-iso> complete <itemId>
 * Opens its engine, sends "ready" and waits for "go" (the parent sends it once every worker is ready, so they act at
 * the same moment however long each took to start), then sends its result and exits.
 */
import 'reflect-metadata';
import { ManualClock } from '../../src/engine/clock';
import { openEngine } from './engine';

async function main() {
  const [url, nowIso, command, arg] = process.argv.slice(2);
  const engine = await openEngine(url, new ManualClock(nowIso), [], `worker-${process.pid}`);
  const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
  process.send!('ready');
  await go;
  let result: unknown;
  if (command === 'poll') {
    let fired = 0;
    for (let round = 0; round < Number(arg); round++) fired += await engine.timers.pollOnce();
    result = { fired };
  } else if (command === 'complete') {
    try {
      const snapshot = await engine.completeTask(arg, { by: process.pid }, { actor: `worker-${process.pid}` });
      result = { ok: true, status: snapshot.status };
    } catch (error) {
      result = { ok: false, error: (error as Error).name, code: (error as { code?: string }).code, message: (error as Error).message };
    }
  }
  await engine.close();
  await engine.db.close();
  process.send!({ result }, () => process.exit(0));
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
