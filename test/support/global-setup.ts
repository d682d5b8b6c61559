/** Jest global setup: names this run, so that its workers' MariaDB databases can be found again at the end. */
export default function globalSetup(): void {
  process.env.CF_TEST_RUN ??= `${process.pid}${Date.now() % 1000}`;
}
