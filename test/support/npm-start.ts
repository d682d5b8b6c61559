import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * What `npm start` (package.json) runs: node's flags and the compiled entry point. The image's CMD, the benchmark's
 * servers and the browser tests' server run the same.
 */
export function npmStartCommand(): { nodeFlags: string[]; entry: string } {
  const start: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const [command, ...args] = start.split(/\s+/);
  const nodeFlags = args.filter((word) => word.startsWith('--'));
  const [entry, ...rest] = args.filter((word) => !word.startsWith('--'));
  if (command !== 'node' || !entry || rest.length > 0) throw new Error(`npm start does not run one script with node: ${start}`);
  return { nodeFlags, entry };
}
