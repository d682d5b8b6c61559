import { EntityManager, In, IsNull } from 'typeorm';
import { bumpIdentityGeneration } from './identity-generation';
import { ApiTokenRow, DepartmentHeadRow, DepartmentRow, UserGroupRow, UserRow } from '../entities/identity';

/** A user as task assignment needs them: who they are, where they work and in which groups. */
export interface Person {
  username: string;
  displayName: string;
  departmentCode: string;
  /** Further departments they head, besides their own. */
  headsDepartments: string[];
  groups: string[];
}

/** Data access for departments, users, group memberships and API tokens, bound to one unit of work. */
export class IdentityRepository {
  constructor(private readonly manager: EntityManager) {}

  departmentById(id: string): Promise<DepartmentRow | null> {
    return this.manager.findOneBy(DepartmentRow, { id });
  }

  departmentByCode(code: string): Promise<DepartmentRow | null> {
    return this.manager.findOneBy(DepartmentRow, { code });
  }

  departmentByName(name: string): Promise<DepartmentRow | null> {
    return this.manager.findOneBy(DepartmentRow, { name });
  }

  listDepartments(): Promise<DepartmentRow[]> {
    return this.manager.find(DepartmentRow, { order: { code: 'ASC' } });
  }

  async insertDepartment(row: DepartmentRow): Promise<void> {
    await this.manager.insert(DepartmentRow, row);
  }

  userById(id: string): Promise<UserRow | null> {
    return this.manager.findOneBy(UserRow, { id });
  }

  userByUsername(username: string): Promise<UserRow | null> {
    return this.manager.findOneBy(UserRow, { username });
  }

  listUsers(): Promise<UserRow[]> {
    return this.manager.find(UserRow, { order: { username: 'ASC' } });
  }

  async insertUser(row: UserRow): Promise<void> {
    await this.manager.insert(UserRow, row);
    await bumpIdentityGeneration(this.manager); // a notification to user:<name> may have found no such user before
  }

  /** Name and department of an existing user. */
  async updateUser(id: string, changes: Pick<UserRow, 'displayName' | 'departmentId'>): Promise<void> {
    await this.manager.update(UserRow, { id }, changes);
    await bumpIdentityGeneration(this.manager);
  }

  /** Whether the user may sign in and be given work; a deactivated user keeps their name in the history. */
  async setUserActive(id: string, active: boolean): Promise<void> {
    await this.manager.update(UserRow, { id }, { active });
    await bumpIdentityGeneration(this.manager);
  }

  /** Replaces the user's group memberships and the further departments they head. */
  async replaceMemberships(userId: string, memberships: UserGroupRow[], headedDepartments: DepartmentHeadRow[]): Promise<void> {
    await this.manager.delete(UserGroupRow, { userId });
    await this.manager.delete(DepartmentHeadRow, { userId });
    if (memberships.length > 0) await this.manager.insert(UserGroupRow, memberships);
    if (headedDepartments.length > 0) await this.manager.insert(DepartmentHeadRow, headedDepartments);
    await bumpIdentityGeneration(this.manager);
  }

  /** Revokes every token of the user not revoked yet; returns how many. */
  async revokeTokensOfUser(userId: string, at: Date): Promise<number> {
    const result = await this.manager.update(ApiTokenRow, { userId, revokedAt: IsNull() }, { revokedAt: at });
    await bumpIdentityGeneration(this.manager);
    return result.affected ?? 0;
  }

  membershipsOf(userId: string): Promise<UserGroupRow[]> {
    return this.manager.find(UserGroupRow, { where: { userId }, order: { groupId: 'ASC' } });
  }

  async membershipsOfUsers(userIds: string[]): Promise<Map<string, UserGroupRow[]>> {
    const byUser = new Map<string, UserGroupRow[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return byUser;
    const rows = await this.manager.find(UserGroupRow, { where: { userId: In(userIds) }, order: { groupId: 'ASC' } });
    for (const row of rows) byUser.get(row.userId)?.push(row);
    return byUser;
  }

  /** Display names of these usernames (inactive users too: history names whoever acted), by username. */
  async displayNamesOf(usernames: readonly string[]): Promise<Map<string, string>> {
    if (usernames.length === 0) return new Map();
    const rows = await this.manager.find(UserRow, { where: { username: In([...new Set(usernames)]) }, select: { id: true, username: true, displayName: true } });
    return new Map(rows.map((row) => [row.username, row.displayName]));
  }

  /** Everyone's display name by username, former users included: printed records name whoever acted. */
  async allDisplayNames(): Promise<Map<string, string>> {
    const rows = await this.manager.find(UserRow, { select: { id: true, username: true, displayName: true } });
    return new Map(rows.map((row) => [row.username, row.displayName]));
  }

  /**
   * Active members of the groups and the named users, with their groups, department code and the further
   * departments they head, ordered by username.
   */
  async activePeople(groups: readonly string[], usernames: readonly string[]): Promise<Person[]> {
    const members = groups.length === 0 ? [] : await this.manager.find(UserGroupRow, { where: { groupId: In([...groups]) } });
    const users = await this.manager.find(UserRow, {
      where: [
        ...(members.length > 0 ? [{ id: In([...new Set(members.map((m) => m.userId))]), active: true }] : []),
        ...(usernames.length > 0 ? [{ username: In([...usernames]), active: true }] : []),
      ],
      order: { username: 'ASC' },
    });
    if (users.length === 0) return [];
    const ids = users.map((u) => u.id);
    const groupsOf = await this.membershipsOfUsers(ids);
    const departments = new Map((await this.manager.find(DepartmentRow, { where: { id: In([...new Set(users.map((u) => u.departmentId))]) } })).map((d) => [d.id, d.code]));
    const headed = await this.manager.find(DepartmentHeadRow, { where: { userId: In(ids) } });
    return users.map((user) => ({
      username: user.username,
      displayName: user.displayName,
      departmentCode: departments.get(user.departmentId) ?? '',
      headsDepartments: headed.filter((h) => h.userId === user.id).map((h) => h.departmentCode),
      groups: (groupsOf.get(user.id) ?? []).map((m) => m.groupId),
    }));
  }

  /** Codes of the further departments the user heads, besides their own. */
  async headedDepartmentsOf(userId: string): Promise<string[]> {
    const rows = await this.manager.find(DepartmentHeadRow, { where: { userId }, order: { departmentCode: 'ASC' } });
    return rows.map((row) => row.departmentCode);
  }

  async saveDepartmentHead(row: DepartmentHeadRow): Promise<void> {
    await this.manager.save(DepartmentHeadRow, row);
    await bumpIdentityGeneration(this.manager);
  }

  /** Adds the membership, or updates its head flag when the user is already in the group. */
  async saveMembership(row: UserGroupRow): Promise<void> {
    await this.manager.save(UserGroupRow, row);
    await bumpIdentityGeneration(this.manager);
  }

  async insertToken(row: ApiTokenRow): Promise<void> {
    await this.manager.insert(ApiTokenRow, row);
  }

  tokenById(id: string): Promise<ApiTokenRow | null> {
    return this.manager.findOneBy(ApiTokenRow, { id });
  }

  tokenByHash(tokenHash: string): Promise<ApiTokenRow | null> {
    return this.manager.findOneBy(ApiTokenRow, { tokenHash });
  }

  tokensOfUser(userId: string): Promise<ApiTokenRow[]> {
    return this.manager.find(ApiTokenRow, { where: { userId }, order: { createdAt: 'ASC' } });
  }

  listTokens(): Promise<ApiTokenRow[]> {
    return this.manager.find(ApiTokenRow, { order: { createdAt: 'ASC' } });
  }

  /** Number of tokens per user that are not revoked. Users without one are absent from the map. */
  async activeTokenCounts(): Promise<Map<string, number>> {
    const rows = await this.manager.find(ApiTokenRow, { select: { userId: true }, where: { revokedAt: IsNull() } });
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.userId, (counts.get(row.userId) ?? 0) + 1);
    return counts;
  }

  async markTokenUsed(id: string, at: Date): Promise<void> {
    await this.manager.update(ApiTokenRow, { id }, { lastUsedAt: at });
  }

  async revokeToken(id: string, at: Date): Promise<void> {
    await this.manager.update(ApiTokenRow, { id, revokedAt: IsNull() }, { revokedAt: at });
    await bumpIdentityGeneration(this.manager);
  }
}

/** True when the error is a unique-constraint violation on SQLite or MySQL/MariaDB. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'ER_DUP_ENTRY';
}
