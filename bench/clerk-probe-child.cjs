/**
 * The processes behind bench/clerk-probe.ts, in plain JavaScript so that they start without a compiler.
 * `serve`: a trivial HTTP server (a fixed JSON answer), whose latency under the benchmark's load is what the machine
 * itself adds to any service on it. `probe <interval ms> <name>=<url>[|<token>] …`: asks each target in turn, one
 * request every interval, on kept-alive connections, until told to stop; then sends back each target's latencies.
 */
const http = require('node:http');

// The benchmark gone (finished, failed or stopped), nobody reads the samples: end with it.
process.on('disconnect', () => process.exit(0));

function serve() {
  const server = http.createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end('{"status":"ok"}');
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('message', (message) => { if (message === 'stop') server.close(() => process.exit(0)); });
}

function probe(intervalMs, targets) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples = Object.fromEntries(targets.map((t) => [t.name, []]));
  let stopped = false;
  process.on('message', (message) => { if (message === 'stop') stopped = true; });
  const ask = (target) => new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(target.url, { agent, headers: target.token ? { Authorization: `Bearer ${target.token}` } : {} }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${target.url}: ${res.statusCode}`));
        else resolve(performance.now() - started);
      });
    });
    req.on('error', reject);
    req.end();
  });
  (async () => {
    for (let turn = 0; !stopped; turn++) {
      const target = targets[turn % targets.length];
      samples[target.name].push(await ask(target));
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    process.send({ samples }, () => process.exit(0));
  })().catch((error) => { process.send({ error: String(error) }, () => process.exit(1)); });
}

const [mode, interval, ...rest] = process.argv.slice(2);
if (mode === 'serve') serve();
else probe(Number(interval), rest.map((arg) => {
  const [name, target] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
  const [url, token] = target.split('|');
  return { name, url, token };
}));
