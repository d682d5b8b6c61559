/**
 * A second engine process for the multi-process tests:
 *   ts-node test/support/engine-worker.ts <dbUrl> <now-iso> <go-at-ms> poll <rounds>
 *   ts-node test/support/engine-worker.ts <dbUrl> <now-iso> <go-at-ms> complete <itemId>
 * Waits until <go-at-ms> (wall clock) so two workers act at the same moment, then prints one JSON line.
 */
import 'reflect-metadata';
import { ManualClock } from '../../src/engine/clock';
import { openEngine } from './engine';

async function main() {
  const [url, nowIso, goAt, command, arg] = process.argv.slice(2);
  const engine = await openEngine(url, new ManualClock(nowIso), [], `worker-${process.pid}`);
  const wait = Number(goAt) - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
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
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
