import { EntityManager } from 'typeorm';
import { AuditEntry } from '../audit-trail';

/** What a service-task handler sees: the task's input, the instance's data, and the operation's transaction. */
export interface ServiceCall {
  /** The task's input (camunda:inputOutput), or undefined. */
  input: unknown;
  /** The instance data as the task sees it (read it; return changes instead of mutating it). */
  data: Readonly<Record<string, any>>;
  item: { id: string; elementId: string; name: string | null };
  instance: { id: string; processKey: string };
  actor: string | null;
  now: Date;
  /** The transaction the engine operation runs in: writes commit or roll back with the step. */
  manager: EntityManager;
  /** Adds rows to the instance's audit trail in the same transaction. */
  audit(entry: Omit<AuditEntry, 'at'> & { at?: Date }): void;
}

/** A handler returns the fields to merge into the instance data (and they become the task's output). */
export type ServiceHandler = (call: ServiceCall) => Promise<Record<string, unknown> | void> | Record<string, unknown> | void;

const NAME = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)*$/;

export class UnknownHandlerError extends Error {
  constructor(readonly handlerName: string | undefined) {
    super(`Service task names handler "${handlerName ?? ''}", which is not registered`);
    this.name = 'UnknownHandlerError';
  }
}

/** The allow-list of TypeScript functions diagrams may call from service tasks. */
export class HandlerRegistry {
  private readonly handlers = new Map<string, ServiceHandler>();

  register(name: string, handler: ServiceHandler): this {
    if (!NAME.test(name)) throw new Error(`Invalid handler name "${name}"`);
    if (this.handlers.has(name)) throw new Error(`Handler "${name}" is registered twice`);
    this.handlers.set(name, handler);
    return this;
  }

  /**
   * Wraps a registered handler, so another module can add its own part to the same service task (run in the
   * same step and transaction) without the diagram naming a second task.
   */
  decorate(name: string, wrapper: (inner: ServiceHandler) => ServiceHandler): this {
    this.handlers.set(name, wrapper(this.get(name)));
    return this;
  }

  has(name: string): boolean {
    return this.handlers.has(name);
  }

  get(name: string): ServiceHandler {
    const handler = this.handlers.get(name);
    if (!handler) throw new UnknownHandlerError(name);
    return handler;
  }

  names(): ReadonlySet<string> {
    return new Set(this.handlers.keys());
  }
}

/** The organisation's rules handlers compute with; the application passes its AppServices, which include them. */
export interface HandlerServices {
  policy: import('../../domain').Policy;
  calendar: import('../../domain').WorkCalendar;
}
