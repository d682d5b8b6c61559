import { summariseEntry } from '../../src/app/records/timeline-text';

const noFields = { labels: new Map<string, string>(), values: new Map<string, ReadonlyMap<string, string>>() };
const people: Record<string, string> = { owner1: '郑磊' };

describe('the printed dossier\'s timeline', () => {
  it('prints a migration to another version of the process with who moved it and between which versions', () => {
    const entry = {
      action: 'migrated', actor: 'owner1',
      before: { version: 2, definitionId: 'd2' },
      after: { version: 1, definitionId: 'd1', moves: [{ from: 'Activity_1', to: 'closeReview' }], replannedTimers: [] },
    };
    expect(summariseEntry(entry, (username) => people[username] ?? username, noFields)).toEqual(['版本迁移', '郑磊', '版本 2 → 版本 1']);
  });
});
