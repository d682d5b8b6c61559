// `npm start` (prestart), the command-line tools (`npm run users`, …) and `npm run bench`: compiles the server into
// dist/ (npm run build) when dist/src/main.js is missing or older than any source it is built from, so they always run
// current compiled JavaScript. `--quiet` (the tools, whose output is read by scripts): nothing on standard output;
// a compilation is announced on standard error.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const built = path.join(root, 'dist', 'src', 'main.js');
const sources = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((entry) => path.join(root, entry));

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its folder
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

const quiet = process.argv.includes('--quiet');
const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
if (builtAt >= Math.max(...sources.map(newestMtime))) {
  if (!quiet) console.log('server: dist/ is up to date');
} else {
  (quiet ? console.error : console.log)(builtAt ? 'server: sources changed, compiling into dist/' : 'server: compiling into dist/');
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true }); // no compiled leftovers of deleted sources
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    { cwd: root, stdio: quiet ? ['ignore', process.stderr, process.stderr] : 'inherit' });
  // tsc leaves an unchanged output file's time alone; mark the build as newer than every source it saw.
  const now = new Date();
  fs.utimesSync(built, now, now);
}
