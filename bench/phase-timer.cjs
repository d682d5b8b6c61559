/**
 * Loaded into a compiled server with `node --require` by `npm run bench:phases` (bench/phases.ts): wraps the parts a
 * request goes through (the use cases, the engine's calls into bpmn-server, the data store's saves and writes, the
 * service-task handlers, the task notifications, the audit chain, the commit, the HTTP request as a whole) and adds up
 * the wall time spent in each. With one request in flight at a time, the parts nest as the calls do, so each part's
 * time is its share of the request that called it. Writes the sums to PHASE_TIMER_FILE every half second.
 * Worker threads inherit `--require`; the server's (the log's sync, checkpoints) are left alone.
 */
const { isMainThread } = require('node:worker_threads');

if (isMainThread) install();

function install() {
  const fs = require('node:fs');
  const http = require('node:http');
  const path = require('node:path');

  const dist = path.join(process.cwd(), 'dist', 'src');
  const load = (file) => require(path.join(dist, file));
  const totals = new Map();

  function add(label, started) {
    const entry = totals.get(label) ?? { calls: 0, ms: 0 };
    entry.calls += 1;
    entry.ms += performance.now() - started;
    totals.set(label, entry);
  }

  /** Wraps owner[name]; a call that answers a promise is timed until the promise settles. */
  function time(owner, name, label) {
    totals.set(label, { calls: 0, ms: 0 }); // listed in the order the parts are installed, which is how they nest
    const original = owner[name];
    if (typeof original !== 'function') throw new Error(`phase timer: no ${name} to time (${label})`);
    owner[name] = function timed(...args) {
      const started = performance.now();
      let result;
      try {
        result = original.apply(this, args);
      } catch (error) {
        add(label, started);
        throw error;
      }
      if (typeof result?.then !== 'function') {
        add(label, started);
        return result;
      }
      return Promise.resolve(result).finally(() => add(label, started));
    };
  }

  const { bpmn } = load('engine/bpmn-server-hardening.js');
  const { TaskUseCases } = load('app/tasks/task-use-cases.js');
  const { WorkflowEngine } = load('engine/workflow-engine.js');
  const { TypeOrmDataStore } = load('engine/data-store.js');
  const { EngineAppDelegate } = load('engine/app-delegate.js');
  const { UserTaskEvents } = load('engine/task-events.js');
  const { FormCatalog } = load('engine/forms/form-catalog.js');
  const taskView = load('app/tasks/task-view.js');
  const auditTrail = load('engine/audit-trail.js');
  const { BetterSqlite3QueryRunner } = require(require.resolve('typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner.js', { paths: [process.cwd()] }));

  time(TaskUseCases.prototype, 'complete', 'complete a task (use case, in its transaction)');
  time(TaskUseCases.prototype, 'lockedVisibleTask', '  read the task under its instance lock');
  time(FormCatalog.prototype, 'formsOf', '  the definition\'s forms (completions and task reads)');
  time(WorkflowEngine.prototype, 'completeTask', '  engine: complete the item');
  time(bpmn.Engine.prototype, 'invoke', '    bpmn-server: run the steps');
  time(TypeOrmDataStore.prototype, 'saveInstance', '      store: record a save (before each node)');
  time(EngineAppDelegate.prototype, 'callHandler', '      service-task handlers');
  time(TypeOrmDataStore.prototype, 'flush', '    store: write the operation (instance, items, candidates, timers)');
  time(UserTaskEvents.prototype, 'emit', '      task notifications (inbox, outbox)');
  time(auditTrail, 'appendAudit', '      audit chain: append');
  time(taskView, 'toDetail', '  task view of the answer (completions and task reads)');
  time(BetterSqlite3QueryRunner.prototype, 'commitTransaction', '  commit (SQLite)');
  time(TaskUseCases.prototype, 'listTasks', 'list tasks (use case)');
  time(TaskUseCases.prototype, 'getTask', 'read a task (use case)');

  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function emitTimed(event, req, res) {
    if (event === 'request') {
      const started = performance.now();
      const route = `${req.method} ${req.url.split('?')[0].replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}`;
      res.once('finish', () => add(`HTTP ${route} (request to answer sent)`, started));
    }
    return emit.apply(this, arguments);
  };

  const file = process.env.PHASE_TIMER_FILE;
  if (file) setInterval(() => fs.writeFileSync(file, JSON.stringify([...totals])), 500).unref();
}
