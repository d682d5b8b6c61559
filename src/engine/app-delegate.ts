import { bpmn } from './bpmn-server-hardening';
import { Clock } from './clock';
import { recordFailure } from './failures';
import { HandlerRegistry, ServiceCall, UnknownHandlerError } from './handlers/registry';
import { requireOperation } from './operation-context';

/**
 * Connects bpmn-server to our handlers. A service task's implementation name is looked up in the
 * HandlerRegistry only; an unknown name fails the operation (bpmn-server would silently call a default).
 */
export class EngineAppDelegate extends bpmn.DefaultAppDelegate {
  private provider: Record<string, unknown> = Object.create(null);

  constructor(server: unknown, readonly handlers: HandlerRegistry, readonly clock: Clock) {
    super(server);
    this.rebuildProvider();
  }

  /** bpmn-server walks `a.b.c` through nested objects; the tree has no prototype, so `constructor` finds nothing. */
  rebuildProvider(): void {
    const root: Record<string, any> = Object.create(null);
    for (const name of this.handlers.names()) {
      const parts = name.split('.');
      let node = root;
      for (const part of parts.slice(0, -1)) node = node[part] ??= Object.create(null);
      node[parts[parts.length - 1]] = (input: unknown, execution: any) => this.callHandler(name, input, execution);
    }
    this.provider = root;
  }

  startUp(): void {}

  async getServicesProvider(): Promise<Record<string, unknown>> {
    return this.provider;
  }

  async serviceCalled(_input: unknown, _context: unknown, item: any): Promise<never> {
    throw recordFailure(new UnknownHandlerError(item?.node?.serviceName));
  }

  sendEmail(): never {
    throw new Error('Mail is sent through the notification outbox, not the engine');
  }

  private async callHandler(name: string, input: unknown, execution: any): Promise<unknown> {
    const operation = requireOperation(`service handler ${name}`);
    const item = execution.item;
    const pendingAudit: ServiceCall['audit'] = (entry) => {
      (operation.pendingAudit ??= []).push({ scope: execution.instance.id, entry: { ...entry, at: entry.at ?? operation.now } });
    };
    const call: ServiceCall = {
      input,
      data: item?.token?.data ?? execution.instance.data,
      item: { id: item?.id, elementId: item?.elementId ?? item?.node?.id, name: item?.node?.name ?? null },
      instance: { id: execution.instance.id, processKey: execution.instance.name },
      actor: operation.actor,
      now: operation.now,
      manager: operation.manager,
      audit: pendingAudit,
    };
    try {
      const result = await this.handlers.get(name)(call);
      if (result && typeof result === 'object') item.token.appendData(JSON.parse(JSON.stringify(result)), item);
      return result ?? {};
    } catch (error) {
      throw recordFailure(error as Error);
    }
  }
}
