import { EntityManager, In, IsNull, LessThan, MoreThanOrEqual } from 'typeorm';
import { bumpIdentityGeneration } from './identity-generation';
import { LoginFailureRow, PasswordRow, SessionRow } from '../entities/identity';

/** Data access for console passwords, sessions and failed sign-ins, bound to one unit of work. */
export class SignInRepository {
  constructor(private readonly manager: EntityManager) {}

  passwordOf(userId: string): Promise<PasswordRow | null> {
    return this.manager.findOneBy(PasswordRow, { userId });
  }

  async savePassword(row: PasswordRow): Promise<void> {
    await this.manager.save(PasswordRow, row);
  }

  async insertSession(row: SessionRow): Promise<void> {
    await this.manager.insert(SessionRow, row);
  }

  sessionByHash(sessionHash: string): Promise<SessionRow | null> {
    return this.manager.findOneBy(SessionRow, { sessionHash });
  }

  async touchSession(id: string, at: Date): Promise<void> {
    await this.manager.update(SessionRow, { id }, { lastSeenAt: at });
  }

  async endSession(id: string, at: Date): Promise<void> {
    await this.manager.update(SessionRow, { id, endedAt: IsNull() }, { endedAt: at });
    await bumpIdentityGeneration(this.manager);
  }

  /** Removes the user's sessions that can no longer be used (ended, expired, or idle since before `idleSince`). */
  async forgetDeadSessions(userId: string, now: Date, idleSince: Date): Promise<void> {
    await this.manager.createQueryBuilder().delete().from(SessionRow)
      .where('user_id = :userId', { userId })
      .andWhere('(ended_at IS NOT NULL OR expires_at <= :now OR last_seen_at < :idleSince)', { now, idleSince })
      .execute();
  }

  async endSessionsOfUser(userId: string, at: Date): Promise<void> {
    await this.manager.update(SessionRow, { userId, endedAt: IsNull() }, { endedAt: at });
    await bumpIdentityGeneration(this.manager);
  }

  /** Failed sign-ins per key since `since` (keys without any are absent). */
  async failuresSince(keys: string[], since: Date): Promise<Map<string, number>> {
    const rows = await this.manager.createQueryBuilder(LoginFailureRow, 'f')
      .select('f.throttle_key', 'key').addSelect('COUNT(*)', 'failures')
      .where({ throttleKey: In(keys), failedAt: MoreThanOrEqual(since) })
      .groupBy('f.throttle_key')
      .getRawMany<{ key: string; failures: string | number }>();
    return new Map(rows.map((row) => [row.key, Number(row.failures)]));
  }

  async insertFailures(rows: LoginFailureRow[]): Promise<void> {
    await this.manager.insert(LoginFailureRow, rows);
  }

  async forgetFailures(key: string): Promise<void> {
    await this.manager.delete(LoginFailureRow, { throttleKey: key });
  }

  /** Drops failures that no longer count, so the table stays as small as the window. */
  async forgetFailuresBefore(keys: string[], before: Date): Promise<void> {
    await this.manager.delete(LoginFailureRow, { throttleKey: In(keys), failedAt: LessThan(before) });
  }
}
