/**
 * `npm run bench:cpu [-- --lifecycles N] [-- --clients C] [-- --alloc]`: where the server's CPU goes. Starts one
 * compiled server on a fresh SQLite file with V8's sampling profiler on (`--cpu-prof`), drives N whole lifecycles
 * (default 150) with C clients (default 8) as `npm run bench` does, stops the server and prints its CPU by package
 * (node_modules packages, our src/ folders, Node internals, GC) and the hottest functions by self time. The
 * .cpuprofile file stays for Chrome DevTools. Time inside SQLite is booked to TypeORM's query runner, which calls it
 * synchronously. `--alloc` profiles what the lifecycles allocate instead (bench/alloc-sampler.cjs: every byte, freed
 * or not, after the warm-up), per lifecycle by package and by allocating function: what the garbage collector's
 * share of the CPU comes from.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { numberArgument } from './arguments';
import { freshSqlite, removeFreshDatabases } from './databases';
import { LoadClient } from './load-client';
import { ServerGroup, startServers } from './servers';
import { Latencies } from './stats';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** `nm:<package>`, `src:<folder>/<file>`, a Node internal module, or V8's own bucket such as (garbage collector). */
function owner(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return `(${frame.functionName || 'native'})`;
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return `nm:${pkg[1]}`;
  const ours = /dist\/src\/([^/]+\/?[^/]*)/.exec(frame.url);
  return ours ? `src:${ours[1]}` : frame.url;
}

interface HeapProfileNode { callFrame: ProfileNode['callFrame']; selfSize: number; children: HeapProfileNode[] }

function printShares(title: string, entries: Map<string, number>, count: number, total: number, label: (value: number) => string = () => ''): void {
  console.log(`\n${title}`);
  [...entries].sort((a, b) => b[1] - a[1]).slice(0, count)
    .forEach(([name, value]) => console.log(`${label(value)}${((100 * value) / total).toFixed(1).padStart(6)} %  ${name}`));
}

function summarise(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const micros = profile.timeDeltas[i] ?? 0;
    total += micros;
    const who = owner(frame);
    byOwner.set(who, (byOwner.get(who) ?? 0) + micros);
    const fn = `${who} ${frame.functionName || '(anonymous)'}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
  });
  console.log(`${(total / 1e6).toFixed(1)} s sampled (the whole server life, start-up included)`);
  printShares('By package:', byOwner, 30, total);
  printShares('Hottest functions (self time):', byFunction, 30, total);
}

function summariseAllocations(head: HeapProfileNode, lifecycles: number): void {
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  const visit = (node: HeapProfileNode) => {
    const frame = node.callFrame;
    const who = owner(frame);
    total += node.selfSize;
    byOwner.set(who, (byOwner.get(who) ?? 0) + node.selfSize);
    const fn = `${who} ${frame.functionName || '(anonymous)'}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + node.selfSize);
    node.children.forEach(visit);
  };
  visit(head);
  const perLifecycle = (bytes: number) => `${(bytes / lifecycles / 1024).toFixed(0).padStart(6)} KB`;
  console.log(`${(total / lifecycles / 1024 / 1024).toFixed(1)} MB allocated per lifecycle (sampled every 8 KB)`);
  printShares('By package (per lifecycle):', byOwner, 30, total, perLifecycle);
  printShares('Allocating functions (per lifecycle):', byFunction, 30, total, perLifecycle);
}

async function main() {
  const lifecycles = numberArgument('--lifecycles', 150);
  const clients = numberArgument('--clients', 8);
  const allocations = process.argv.includes('--alloc');
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), allocations ? 'cf-alloc-profile-' : 'cf-cpu-profile-'));
  const allocationFile = path.join(profileDir, 'allocations.heapprofile');
  process.env.ALLOC_PROFILE_FILE = allocationFile;
  const servers = await startServers({
    dbUrl: freshSqlite(), count: 1, firstPort: Number(process.env.BENCH_PORT ?? 3960),
    nodeFlags: allocations ? ['--require', path.join(__dirname, 'alloc-sampler.cjs')] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
  });
  try {
    const client = await LoadClient.withUsers(servers.baseUrls, servers.tokens, new Latencies());
    for (let i = 0; i < 4; i++) await client.lifecycle(i);
    if (allocations) await askSampler(servers, 'alloc-start');
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: clients }, async () => {
      while (next < lifecycles) await client.lifecycle(1000 + next++);
    }));
    console.log(`${lifecycles} lifecycles with ${clients} clients in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (allocations) await askSampler(servers, 'alloc-stop');
  } finally {
    await servers.stop();
  }
  if (allocations) {
    summariseAllocations((JSON.parse(fs.readFileSync(allocationFile, 'utf8')) as { head: HeapProfileNode }).head, lifecycles);
    console.log(`\nProfile: ${allocationFile} (open in Chrome DevTools → Memory)`);
    return;
  }
  const file = fs.readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`the server wrote no profile into ${profileDir}`);
  summarise(JSON.parse(fs.readFileSync(path.join(profileDir, file), 'utf8')) as CpuProfile);
  console.log(`\nProfile: ${path.join(profileDir, file)} (open in Chrome DevTools → Performance)`);
}

async function askSampler(servers: ServerGroup, message: 'alloc-start' | 'alloc-stop'): Promise<void> {
  const [answer] = await servers.ask<{ error?: string }>(message, 'alloc');
  if (answer.error) throw new Error(`the allocation sampler refused "${message}": ${answer.error}`);
}

main().finally(removeFreshDatabases).then(() => process.exit(0)).catch((error) => { console.error(error); process.exit(1); });
