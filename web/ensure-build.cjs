// `npm start` (prestart): builds the web console into web/dist when it is missing or older than its sources,
// so a fresh clone serves a console after `npm ci && npm start`. Type-checking is `npm run build:web`'s job.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(__dirname, 'dist', 'index.html');
// The console bundles the server's pure form rules, their Chinese messages and the phone check: sources too.
const sources = [
  __dirname,
  path.join(root, 'src', 'engine', 'forms'),
  path.join(root, 'src', 'domain'),
  path.join(root, 'src', 'http', 'i18n'),
  path.join(root, 'package-lock.json'),
];

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(entry)) {
    if (name === 'dist' || name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

const builtAt = fs.existsSync(dist) ? fs.statSync(dist).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newestMtime));
if (builtAt >= changedAt) {
  console.log('web console: web/dist is up to date');
} else {
  console.log(builtAt ? 'web console: sources changed, rebuilding web/dist' : 'web console: building web/dist');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.mts', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' });
}
