/**
 * Loaded into a compiled server with `node --require` by `npm run bench:cpu -- --alloc` (bench/profile-cpu.ts): V8's
 * sampling heap profiler, told to keep the objects the garbage collector has already freed, so the profile counts
 * every byte allocated, not what is still alive. Asked over the benchmark's IPC channel: "alloc-start" starts it,
 * "alloc-stop" writes the .heapprofile to ALLOC_PROFILE_FILE and answers with its path.
 */
const { isMainThread } = require('node:worker_threads');

if (isMainThread && process.send) install();

function install() {
  const fs = require('node:fs');
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  process.on('message', (message) => {
    if (message === 'alloc-start') {
      session.post('HeapProfiler.startSampling', {
        samplingInterval: 8192, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true,
      }, (error) => process.send({ alloc: error ? { error: String(error) } : { started: true } }));
    } else if (message === 'alloc-stop') {
      session.post('HeapProfiler.stopSampling', (error, result) => {
        if (error) return process.send({ alloc: { error: String(error) } });
        fs.writeFileSync(process.env.ALLOC_PROFILE_FILE, JSON.stringify(result.profile));
        process.send({ alloc: { file: process.env.ALLOC_PROFILE_FILE } });
      });
    }
  });
}
