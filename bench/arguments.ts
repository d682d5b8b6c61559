/** The number after `name` on the command line (`--lifecycles 300`), or `fallback` when it is not there. */
export function numberArgument(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}
