import 'reflect-metadata';
import path from 'node:path';
import { bpmnFilesOf, errorCount, formatFileIssue, lintFiles } from '../app/processes/lint-files';
import { AppServices } from '../app/services';
import { APP_MODULES } from '../bootstrap/modules';
import { loadConfig, readPolicyFile } from '../config';
import { CANDIDATE_GROUPS, WorkCalendar } from '../domain';
import { systemClock } from '../engine/clock';
import { HandlerRegistry } from '../engine/handlers/registry';
import { WorkflowEngine } from '../engine/workflow-engine';
import { openDatabase } from '../persistence/database';

/**
 * `npm run lint:processes [files or folders…]` (default: the configured processes/ folder): the deployment gate
 * over the diagrams, with the handler registry every module registers, so CI fails before a deploy would.
 * Exits 1 when any diagram has an error.
 */
async function main(args: string[]): Promise<number> {
  const config = loadConfig();
  const targets = args.length > 0 ? args : [path.relative(process.cwd(), config.processesDir) || '.'];
  const files = bpmnFilesOf(targets);
  const { handlers, optionSources } = await registeredHandlers(config.policyFile);
  const reports = await lintFiles(files, handlers, { roles: CANDIDATE_GROUPS }, optionSources);
  for (const report of reports) {
    for (const issue of report.issues) console.log(formatFileIssue(report.file, issue));
  }
  const errors = errorCount(reports);
  const summary = `${files.length} diagram(s) checked, ${errors} error(s)`;
  if (errors > 0) console.error(summary);
  else console.log(summary);
  return errors > 0 ? 1 : 0;
}

/** Lets every application module register its service-task handlers and form option lists, on a throw-away in-memory database. */
async function registeredHandlers(policyFile: string): Promise<{ handlers: HandlerRegistry; optionSources: ReadonlySet<string> }> {
  const db = await openDatabase('sqlite::memory:');
  try {
    const policy = readPolicyFile(policyFile);
    const handlers = new HandlerRegistry();
    const engine = new WorkflowEngine(db, { clock: systemClock, handlers });
    const services: AppServices = { db, engine, policy, calendar: new WorkCalendar(policy.calendar), clock: systemClock };
    for (const module of APP_MODULES) module.registerHandlers?.(handlers, services);
    const optionSources = engine.formOptions.names();
    await engine.close();
    return { handlers, optionSources };
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
