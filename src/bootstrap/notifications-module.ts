import { loadNotificationConfig, NotificationConfig } from '../engine/notifications/notification-config';
import { NotificationWorker } from '../app/notifications/notification-worker';
import { registerNotificationHandlers } from '../engine/handlers/notification-handlers';
import { AppModule } from './modules';

/**
 * The `notify.send` handler (outbox rows in the step's transaction) and the delivery worker. Pass a config
 * to override config/notifications.json (tests point SMTP and the webhook at local servers).
 */
export function createNotificationsModule(config: NotificationConfig = loadNotificationConfig()): AppModule {
  return {
    name: 'notifications',
    registerHandlers: (registry) => registerNotificationHandlers(registry, config),
    startWorkers: (services) => {
      const worker = new NotificationWorker(services.db, services.clock, config);
      worker.start((error) => console.error('notification delivery failed', error));
      return () => worker.stop();
    },
  };
}

export const notificationsModule: AppModule = createNotificationsModule();
