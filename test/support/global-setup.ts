import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Jest global setup: names this run, so that its workers' MariaDB databases can be found again at the end; and
 * compiles dist/ when it is missing or stale, as the command-line tools' npm scripts and `npm start` do, so the tests
 * that start them (test/support/npm-scripts.ts) run current code without each compiling it.
 */
export default function globalSetup(): void {
  process.env.CF_TEST_RUN ??= `${process.pid}${Date.now() % 1000}`;
  execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'ensure-dist.cjs')], { stdio: 'inherit' });
}
