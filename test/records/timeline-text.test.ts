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

describe('the printed dossier names what the lifecycle\'s own steps did, in Chinese', () => {
  const line = (action: string, after: Record<string, unknown>, actor: string | null = 'system') =>
    summariseEntry({ action, actor, before: null, after }, (username) => people[username] ?? username, noFields);

  it('an escalation: the level, its role and why', () => {
    expect(line('escalated', { escalationLevel: 1, escalationGroup: 'dept-head', reason: 'repeat complaint' }))
      .toEqual(['升级', '系统', '升至第 1 级（责任部门负责人）：同一问题重复投诉']);
  });

  it('a reminder with its deadline, a reopening and a refused closure', () => {
    expect(line('reminded', { reason: 'callback overdue', callbackDueAt: '2026-12-03T02:00:00.000Z' })[2]).toBe('回访逾期；期限 2026年12月3日 10:00');
    expect(line('reopened', { reopenCount: 2, reason: 'customer dissatisfied' })[2]).toBe('第 2 次；客户不满意');
    expect(line('closure refused', { missing: ['measuresInPlace'] })).toEqual(['不予结案', '系统', '尚未满足：相关改进措施已落实']);
  });

  it('a notification with its recipients, and an event without the raw name field', () => {
    expect(line('notification queued', { template: 'taskEscalated', recipients: ['head-yw@example.com'], queued: 1 }))
      .toEqual(['发送通知', '系统', '发往 head-yw@example.com']);
    expect(line('event', { name: '立即升级' })[2]).toBe('');
  });
});
