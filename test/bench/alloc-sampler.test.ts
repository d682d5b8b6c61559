import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { askChild } from '../support/child-messages';

interface HeapNode { selfSize: number; children: HeapNode[] }

const total = (node: HeapNode): number => node.selfSize + node.children.reduce((sum, child) => sum + total(child), 0);

/** A process that allocates 64 MB in arrays of 2 KB it drops at once, whenever it is told to. */
const ALLOCATOR = `
process.on('message', (message) => {
  if (message !== 'allocate') return;
  let kept = 0;
  for (let i = 0; i < 32768; i++) kept += new Array(256).fill(i).length;
  process.send({ allocated: kept });
});
`;

describe('the benchmark\'s allocation sampler (npm run bench:cpu -- --alloc)', () => {
  it('counts what was allocated between start and stop, though the garbage collector freed it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-alloc-test-'));
    const file = path.join(dir, 'allocations.heapprofile');
    const script = path.join(dir, 'allocator.js');
    fs.writeFileSync(script, ALLOCATOR);
    const child = fork(script, {
      execArgv: ['--require', path.join(__dirname, '../../bench/alloc-sampler.cjs')], env: { ...process.env, ALLOC_PROFILE_FILE: file },
    });
    const ask = (message: string, answer: string) => askChild<Record<string, unknown>>(child, message, answer);
    try {
      expect(await ask('alloc-start', 'alloc')).toEqual({ started: true });
      await ask('allocate', 'allocated');
      expect(await ask('alloc-stop', 'alloc')).toEqual({ file });

      const sampled = total((JSON.parse(fs.readFileSync(file, 'utf8')) as { head: HeapNode }).head);
      expect(sampled).toBeGreaterThan(56 * 1024 * 1024);
      expect(sampled).toBeLessThan(80 * 1024 * 1024);
    } finally {
      child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
