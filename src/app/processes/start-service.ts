import { randomUUID } from 'node:crypto';
import { Actor, isInAnyGroup } from '../actor';
import { ConflictError, ForbiddenError, NotFoundError } from '../../domain/errors';
import { FormField, parseStartForm, validateForm } from '../../engine/forms';
import { WorkflowEngine } from '../../engine/workflow-engine';
import { Database } from '../../persistence/database';

export interface StartedInstance {
  instanceId: string;
  businessKey: string;
  /** The tasks waiting after the start: they are in the task list like every other process's tasks. */
  next: Array<{ taskId: string; elementId: string; name: string | null }>;
}

/**
 * Starting a process from the console (a 督办 process an owner added): only processes whose start event declares
 * a form, with data valid against it, by a member of the process's camunda:candidateStarterGroups when it names any.
 * Processes started by the application's own use cases (the complaint lifecycle, penalties) declare no start form.
 */
export class StartService {
  constructor(private readonly db: Database, private readonly engine: WorkflowEngine) {}

  async startForm(processKey: string): Promise<{ form: FormField[]; starterGroups: string[] }> {
    const startForm = await this.activeStartForm(processKey);
    if (!startForm) throw new ConflictError(`Process "${processKey}" has no start form and is started by the application itself`, 'no_start_form');
    return startForm;
  }

  async start(actor: Actor, processKey: string, data: Record<string, unknown>): Promise<StartedInstance> {
    const { form, starterGroups } = await this.startForm(processKey);
    if (starterGroups.length > 0 && !isInAnyGroup(actor, starterGroups)) {
      throw new ForbiddenError(`Only ${starterGroups.join(', ')} may start "${processKey}"`, 'not_a_starter');
    }
    const values = validateForm(form, data);
    const businessKey = typeof values.businessKey === 'string' && values.businessKey !== '' ? values.businessKey : `${processKey}-${randomUUID().slice(0, 8)}`;
    const started = await this.engine.startProcess(processKey, { ...values, businessKey, startedBy: actor.username }, { actor: actor.username });
    return {
      instanceId: started.id,
      businessKey,
      next: started.openItems.filter((item) => item.type === 'bpmn:UserTask').map((item) => ({ taskId: item.id, elementId: item.elementId, name: item.name })),
    };
  }

  private async activeStartForm(processKey: string) {
    const xml = await this.db.read(async (manager) => {
      const active = await this.engine.definitions.active(manager, processKey);
      if (!active) throw new NotFoundError(`No process "${processKey}" is deployed`, 'process_not_found');
      return this.engine.definitions.sourceById(active.id, manager);
    });
    return parseStartForm(xml);
  }
}
