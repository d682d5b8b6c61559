import { loadNotificationConfig, NotificationConfig } from '../engine/notifications/notification-config';
import { withConsoleInbox } from '../app/notifications/console-inbox';
import { NotificationWorker } from '../app/notifications/notification-worker';
import { notifyStaffOfTasks, OverdueTaskNotifier } from '../app/notifications/task-notifications';
import { staffNotificationRoutes } from '../http/routes/staff-notifications';
import { registerNotificationHandlers } from '../engine/handlers/notification-handlers';
import { AppServices } from '../app/services';
import { AppModule } from './modules';

/**
 * The `notify.send` handler (outbox rows in the step's transaction), the delivery worker, staff notifications
 * about their tasks (arrived, assigned, overdue) and the console inbox as a channel of every notification
 * addressed to groups or users. Pass a config to override config/notifications.json (tests point SMTP and the
 * webhook at local servers).
 */
export function createNotificationsModule(fileConfig: NotificationConfig = loadNotificationConfig()): AppModule {
  const configFor = (services: AppServices): NotificationConfig => withConsoleInbox(fileConfig, services.policy.departmentScopedGroups, services.db);
  return {
    name: 'notifications',
    registerHandlers: (registry, services) => {
      const config = configFor(services);
      registerNotificationHandlers(registry, config);
      notifyStaffOfTasks(services.engine, config);
    },
    routes: ({ db, clock }) => staffNotificationRoutes(db, clock),
    startWorkers: (services) => {
      const config = configFor(services);
      const worker = new NotificationWorker(services.db, services.clock, config);
      worker.start((error) => console.error('notification delivery failed', error));
      const overdue = new OverdueTaskNotifier(services.db, services.clock, config);
      overdue.start(config.delivery.pollIntervalMs, (error) => console.error('overdue task check failed', error));
      return async () => { await overdue.stop(); await worker.stop(); };
    },
  };
}

export const notificationsModule: AppModule = createNotificationsModule();
