import { IsObject } from 'class-validator';
import { getPreferences, MAX_INBOX_FILTERS_BYTES, savePreferences } from '../../app/preferences/preferences';
import { Clock } from '../../engine/clock';
import { Database } from '../../persistence/database';
import { defineRoute, RouteDefinition } from '../routes';

export class PreferencesBody {
  /** The console's saved inbox filters (any JSON object up to the size limit). */
  @IsObject() inboxFilters: Record<string, unknown>;
}

export class PreferencesView {
  @IsObject() inboxFilters: Record<string, unknown>;
}

/** Console settings saved per user. */
export function preferenceRoutes(db: Database, clock: Clock): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/me/preferences',
      summary: 'My console preferences',
      tags: ['identity'],
      response: { description: 'Saved preferences ({} filters when none were saved)', type: PreferencesView },
      handler: ({ actor }) => getPreferences(db, actor),
    }),
    defineRoute<PreferencesBody>({
      method: 'put',
      path: '/me/preferences',
      summary: 'Save my console preferences',
      description: `Replaces the saved inbox filters (a JSON object of at most ${MAX_INBOX_FILTERS_BYTES} bytes).`,
      tags: ['identity'],
      body: PreferencesBody,
      response: { description: 'The saved preferences', type: PreferencesView },
      handler: ({ actor, body }) => savePreferences(db, clock, actor, { inboxFilters: body.inboxFilters }),
    }),
  ];
}
