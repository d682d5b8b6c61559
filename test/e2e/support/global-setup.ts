import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The browser tests need a built console: build web/dist when it is missing or stale (fast when it is current). */
export default function globalSetup(): void {
  execFileSync(process.execPath, [path.join(__dirname, '..', '..', '..', 'web', 'ensure-build.cjs')], { stdio: 'inherit' });
}
