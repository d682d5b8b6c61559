import { OperationContext } from './operation-context';

/** A user task as it was just saved: waiting for people, with whom it waits for. */
export interface UserTaskChange {
  itemId: string;
  instanceId: string;
  processKey: string;
  businessKey: string | null;
  elementId: string;
  name: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
  dueAt: Date | null;
  /** The instance data at the time of the save. */
  data: Readonly<Record<string, unknown>>;
  /** true when the task started waiting in this save; false when it was waiting before (e.g. reassigned). */
  started: boolean;
  /** The assignee before this save (null for a task that just started). */
  previousAssignee: string | null;
}

/** Runs inside the operation's transaction, after the task's rows are written; throwing rolls the step back. */
export type UserTaskListener = (change: UserTaskChange, context: OperationContext) => Promise<void>;

/**
 * Lets the application react to waiting user tasks (notify the people they wait for) without the engine knowing
 * what the reaction is. Listeners see a task when it starts waiting and when its assignee changes.
 */
export class UserTaskEvents {
  private readonly listeners: UserTaskListener[] = [];

  onWaiting(listener: UserTaskListener): void {
    this.listeners.push(listener);
  }

  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }

  async emit(change: UserTaskChange, context: OperationContext): Promise<void> {
    for (const listener of this.listeners) await listener(change, context);
  }
}
