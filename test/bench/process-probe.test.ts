import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import type { ProcessProbe } from '../../src/process-probe';
import { askChild } from '../support/child-messages';

/** A process answering the benchmark's probes that, when told to, spends 300 ms of CPU on its main thread. */
const BUSY_SERVER = `
require(${JSON.stringify(path.join(PROJECT_ROOT, 'dist/src/process-probe.js'))}).answerBenchProbes();
process.on('message', (message) => {
  if (message !== 'busy') return;
  const spent = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
  for (const end = spent() + 300; spent() < end;);
  process.send({ busy: true });
});
setInterval(() => {}, 1000);
`;

describe('the benchmark\'s process probe', () => {
  it('tells the main thread\'s CPU apart from the whole process\'s', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-probe-test-'));
    const script = path.join(dir, 'busy-server.js');
    fs.writeFileSync(script, BUSY_SERVER);
    const child = fork(script, { env: { ...process.env, BENCH_PROBE: '1' } });
    const ask = <T>(message: string, answer: string) => askChild<T>(child, message, answer);
    try {
      const before = await ask<ProcessProbe>('probe', 'probe');
      await ask('busy', 'busy');
      const after = await ask<ProcessProbe>('probe', 'probe');

      const mainThreadMs = (after.mainThreadCpuMicros! - before.mainThreadCpuMicros!) / 1000;
      const processMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
      // The kernel counts the main thread's time in ticks of 10 ms.
      expect(mainThreadMs).toBeGreaterThanOrEqual(280);
      expect(mainThreadMs).toBeLessThanOrEqual(processMs + 20);
    } finally {
      child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
