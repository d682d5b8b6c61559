import { preferenceRoutes } from '../http/routes/preferences';
import { AppModule } from './modules';

/** Per-user console settings (saved inbox filters). */
export const preferencesModule: AppModule = {
  name: 'preferences',
  routes: ({ db, clock }) => preferenceRoutes(db, clock),
};
