import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * What `npm start` (package.json) runs: node's flags and the compiled entry point. The image's CMD, the benchmark's
 * servers and the browser tests' server run the same.
 */
export function npmStartCommand(): { nodeFlags: string[]; entry: string } {
  return npmScriptCommand('start');
}

/**
 * What an npm script runs in the end: the node command after the last `&&` (the ones before it build dist/, which
 * jest's global setup has done), e.g. `npm run users` → node dist/src/cli/users.js.
 */
export function npmScriptCommand(script: string): { nodeFlags: string[]; entry: string } {
  const text: string | undefined = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts[script];
  if (!text) throw new Error(`package.json has no script ${script}`);
  const [command, ...args] = text.split('&&').at(-1)!.trim().split(/\s+/);
  const nodeFlags = args.filter((word) => word.startsWith('--'));
  const [entry, ...rest] = args.filter((word) => !word.startsWith('--'));
  if (command !== 'node' || !entry || rest.length > 0) throw new Error(`npm run ${script} does not end in one script run with node: ${text}`);
  return { nodeFlags, entry };
}

/** Arguments for `node` that run what `npm run <script> -- <args>` runs, from the project's root. */
export function npmScriptArgs(script: string, ...args: string[]): string[] {
  const { nodeFlags, entry } = npmScriptCommand(script);
  return [...nodeFlags, path.join(ROOT, entry), ...args];
}
