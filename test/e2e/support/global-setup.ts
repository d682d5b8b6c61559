import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The browser tests run what `npm start` runs: the built console and the compiled server. Builds web/dist and dist/
 * when they are missing or stale, as `npm start`'s prestart does (fast when they are current).
 */
export default function globalSetup(): void {
  const root = path.join(__dirname, '..', '..', '..');
  execFileSync(process.execPath, [path.join(root, 'web', 'ensure-build.cjs')], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'scripts', 'ensure-dist.cjs')], { stdio: 'inherit' });
}
