import { Policy, WorkCalendar } from '../domain';
import { Clock } from '../engine/clock';
import { WorkflowEngine } from '../engine/workflow-engine';
import { Database } from '../persistence/database';

/** What every use case may depend on; built once by the composition root (src/bootstrap). */
export interface AppServices {
  db: Database;
  engine: WorkflowEngine;
  policy: Policy;
  calendar: WorkCalendar;
  clock: Clock;
}
