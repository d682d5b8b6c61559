import { NotificationConfig } from '../notifications/notification-config';
import { queueNotification } from '../notifications/outbox';
import { HandlerRegistry, ServiceCall } from './registry';

/**
 * `notify.send`: queues the template named by the task's input `template` (camunda:inputParameter), or else
 * by the data field `notificationTemplate`, in the step's own transaction. Delivery happens later.
 */
export function registerNotificationHandlers(registry: HandlerRegistry, config: NotificationConfig): void {
  registry.register('notify.send', async (call: ServiceCall) => {
    const input = (call.input && typeof call.input === 'object' ? call.input : {}) as Record<string, unknown>;
    const template = String(input.template ?? call.data.notificationTemplate ?? '');
    const { queued, recipients } = await queueNotification(call.manager, config, {
      template, instanceId: call.instance.id, elementId: call.item.elementId, data: call.data, now: call.now,
    });
    call.audit({ action: 'notification queued', itemId: call.item.id, elementId: call.item.elementId, actor: call.actor, after: { template, recipients, queued } });
  }, {
    description: 'Queues the notification named by the input parameter template (or data field notificationTemplate) in the step\'s transaction',
    reads: [{ name: 'template', type: 'string', description: 'input parameter: notification template' }, { name: 'notificationTemplate', type: 'string', description: 'template when no input parameter is given' }],
    writes: [],
  });
}
