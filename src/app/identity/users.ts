import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { Database } from '../../persistence/database';
import { DepartmentHeadRow, DepartmentRow, UserGroupRow, UserRow } from '../../persistence/entities/identity';
import { IdentityRepository, isUniqueViolation } from '../../persistence/repositories/identity-repository';
import { SignInRepository } from '../../persistence/repositories/sign-in-repository';
import { TaskRepository, type TaskRow } from '../../persistence/repositories/task-repository';
import { asList } from '../../engine/engine-state';
import { USER_GROUPS, isUserGroup } from './groups';
import { identityTransaction } from './identity-cache';
import { InputChecks } from './input-checks';

export interface CreateUserInput {
  /** Lower-case login name: letters, digits, `.`, `_`, `-`. */
  username: string;
  displayName: string;
  departmentCode: string;
  groups: string[];
  /** Groups the user heads. Heading a group implies membership, so these need not be repeated in `groups`. */
  headOf?: string[];
  /** Codes of further departments whose department-scoped tasks the user works on (heading several departments). */
  headsDepartments?: string[];
}

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  departmentCode: string;
  departmentName: string;
  groups: string[];
  headOf: string[];
  active: boolean;
  activeTokens: number;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export async function createUser(db: Database, input: CreateUserInput): Promise<UserSummary> {
  try {
    return await identityTransaction(db, (manager) => addUser(new IdentityRepository(manager), input));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`User ${input.username} already exists`, 'user_exists');
    throw error;
  }
}

export async function listUsers(db: Database): Promise<UserSummary[]> {
  return db.read(async (manager) => {
    const repo = new IdentityRepository(manager);
    const [users, departments, tokenCounts] = await Promise.all([repo.listUsers(), repo.listDepartments(), repo.activeTokenCounts()]);
    const memberships = await repo.membershipsOfUsers(users.map((user) => user.id));
    const departmentsById = new Map(departments.map((department) => [department.id, department]));
    return users.map((user) => {
      const department = departmentsById.get(user.departmentId);
      return summarise(user, department?.code ?? '?', department?.name ?? '?', memberships.get(user.id) ?? [], tokenCounts.get(user.id) ?? 0);
    });
  });
}

/** The body of createUser, for callers that already run inside a transaction. */
export async function addUser(repo: IdentityRepository, input: CreateUserInput): Promise<UserSummary> {
  const username = input.username.trim();
  const checks = new InputChecks();
  checks.check(USERNAME.test(username), 'username', 'username must be 1 to 64 lower-case letters, digits, ".", "_" or "-"');
  const role = await checkedRole(repo, input, checks);
  checks.throwIfAny('The user is invalid');

  if (await repo.userByUsername(username)) throw new ConflictError(`User ${username} already exists`, 'user_exists');
  const user = Object.assign(new UserRow(), {
    id: randomUUID(), username, displayName: role.displayName, departmentId: role.department.id, active: true, createdAt: new Date(),
  });
  await repo.insertUser(user);
  const { memberships, headedDepartments } = roleRows(user.id, role);
  for (const membership of memberships) await repo.saveMembership(membership);
  for (const headed of headedDepartments) await repo.saveDepartmentHead(headed);
  return summarise(user, role.department.code, role.department.name, memberships, 0);
}

/** What a user is in the organisation: name, department, groups, the groups they head and further departments. */
type Role = Pick<CreateUserInput, 'displayName' | 'departmentCode' | 'groups' | 'headOf' | 'headsDepartments'>;

interface CheckedRole {
  displayName: string;
  department: DepartmentRow;
  groups: string[];
  headOf: string[];
  headsDepartments: string[];
}

/** The role with its department looked up, or field messages in `checks` (then the result is not to be used). */
async function checkedRole(repo: IdentityRepository, input: Role, checks: InputChecks): Promise<CheckedRole> {
  const displayName = input.displayName.trim();
  const headOf = unique(input.headOf ?? []);
  const groups = unique([...input.groups, ...headOf]);
  checks.check(displayName.length > 0 && displayName.length <= 100, 'displayName', 'display name must be 1 to 100 characters');
  checks.check(groups.length > 0, 'groups', 'a user needs at least one group');
  for (const group of groups.filter((g) => !isUserGroup(g))) {
    checks.fail(headOf.includes(group) ? 'headOf' : 'groups', `unknown group ${group}; groups are ${USER_GROUPS.join(', ')}`);
  }
  const department = await repo.departmentByCode(input.departmentCode.trim().toUpperCase());
  checks.check(department !== null, 'department', `no department with code ${input.departmentCode}`);
  const headsDepartments = unique((input.headsDepartments ?? []).map((code) => code.trim().toUpperCase()));
  for (const code of headsDepartments) {
    checks.check((await repo.departmentByCode(code)) !== null, 'headsDepartments', `no department with code ${code}`);
  }
  return { displayName, department: department!, groups, headOf, headsDepartments };
}

function roleRows(userId: string, role: CheckedRole): { memberships: UserGroupRow[]; headedDepartments: DepartmentHeadRow[] } {
  return {
    memberships: role.groups.map((groupId) => Object.assign(new UserGroupRow(), { userId, groupId, isHead: role.headOf.includes(groupId) })),
    headedDepartments: role.headsDepartments.filter((code) => code !== role.department.code)
      .map((departmentCode) => Object.assign(new DepartmentHeadRow(), { userId, departmentCode })),
  };
}

/**
 * Changes what a user is in the organisation (a move to another department, a new role, a corrected name): the
 * fields given replace the current ones (`groups` the whole list). Their next request sees the change, in every
 * server process within a second; the tasks they hold stay theirs.
 */
export async function updateUser(db: Database, username: string, changes: Partial<Role>): Promise<UserSummary> {
  return identityTransaction(db, async (manager) => {
    const repo = new IdentityRepository(manager);
    const user = await existingUser(repo, username);
    const [department, memberships, headed] = await Promise.all([
      repo.departmentById(user.departmentId), repo.membershipsOf(user.id), repo.headedDepartmentsOf(user.id),
    ]);
    const current: Required<Role> = {
      displayName: user.displayName,
      departmentCode: department?.code ?? '',
      groups: memberships.map((m) => m.groupId),
      headOf: memberships.filter((m) => m.isHead).map((m) => m.groupId),
      headsDepartments: headed,
    };
    // New groups without new heads: the user heads those of the new groups they headed before.
    const groups = changes.groups ?? current.groups;
    const headOf = changes.headOf ?? current.headOf.filter((g) => groups.includes(g));
    const checks = new InputChecks();
    const role = await checkedRole(repo, { ...current, ...definedOnly(changes), groups, headOf }, checks);
    checks.throwIfAny('The change is invalid');
    const changed = { displayName: role.displayName, departmentId: role.department.id };
    await repo.updateUser(user.id, changed);
    const rows = roleRows(user.id, role);
    await repo.replaceMemberships(user.id, rows.memberships, rows.headedDepartments);
    return summaryOf(repo, { ...user, ...changed });
  });
}

export interface Deactivation {
  user: UserSummary;
  revokedTokens: number;
  /** The open tasks they held, now open to their candidates (at most MAX_LISTED_TASKS). */
  heldTasks: HeldTask[];
  /** How many of those tasks their other candidates were told about. */
  announcedTasks: number;
}

/**
 * Tells the other candidates of the tasks a deactivated user held (deactivateUser passes those that have any), in the
 * deactivation's transaction; answers the ids of the tasks it announced. The notifications context provides it
 * (identity does not know how people are told).
 */
export type ReleasedTasksNotice = (
  manager: EntityManager, taskIds: string[], previous: { username: string; displayName: string }, now: Date,
) => Promise<string[]>;

export interface HeldTask {
  id: string;
  /** The step's name in the diagram. */
  name: string | null;
  processKey: string;
  /** The complaint number (or the process's business key). */
  businessKey: string | null;
  candidateGroups: string[];
  /** False when the step was offered to the person who left alone, by name: nobody else may claim it. */
  othersMayClaim: boolean;
  /** Whether the other candidates were told (by the notice given to deactivateUser). */
  candidatesTold: boolean;
}

const MAX_LISTED_TASKS = 100;

/**
 * Someone who left: they can no longer sign in, their console sessions end and their API tokens are revoked, in
 * one transaction. Their name stays in every history. The tasks they held are not moved here: any candidate of
 * such a task may claim it (and a head assign it), as if nobody held it.
 */
export async function deactivateUser(db: Database, username: string, notice?: ReleasedTasksNotice): Promise<Deactivation> {
  return identityTransaction(db, async (manager) => {
    const repo = new IdentityRepository(manager);
    const user = await existingUser(repo, username);
    const now = new Date();
    await repo.setUserActive(user.id, false);
    await new SignInRepository(manager).endSessionsOfUser(user.id, now);
    const revokedTokens = await repo.revokeTokensOfUser(user.id, now);
    const held = await new TaskRepository(manager).pageOfTasks([{ kind: 'assignee', value: user.username }], {}, null, MAX_LISTED_TASKS);
    const othersMayClaim = (task: TaskRow) => asList(task.payload.candidateGroups).length > 0
      || asList(task.payload.candidateUsers).some((name) => name !== user.username);
    const claimable = held.filter(({ task }) => othersMayClaim(task)).map(({ task }) => task.id);
    const announced = new Set(notice && claimable.length > 0
      ? await notice(manager, claimable, { username: user.username, displayName: user.displayName }, now)
      : []);
    const heldTasks = held.map(({ task }): HeldTask => ({
      id: task.id, name: task.name, processKey: task.processKey, businessKey: task.businessKey, candidateGroups: asList(task.payload.candidateGroups),
      othersMayClaim: othersMayClaim(task), candidatesTold: announced.has(task.id),
    }));
    return { user: await summaryOf(repo, { ...user, active: false }), revokedTokens, heldTasks, announcedTasks: announced.size };
  });
}

/** Lets a deactivated user sign in again (with their password; API tokens must be issued anew). */
export async function reactivateUser(db: Database, username: string): Promise<UserSummary> {
  return identityTransaction(db, async (manager) => {
    const repo = new IdentityRepository(manager);
    const user = await existingUser(repo, username);
    await repo.setUserActive(user.id, true);
    return summaryOf(repo, { ...user, active: true });
  });
}

async function existingUser(repo: IdentityRepository, username: string): Promise<UserRow> {
  const user = await repo.userByUsername(username.trim());
  if (!user) throw new NotFoundError(`No user ${username}`, 'user_not_found');
  return user;
}

async function summaryOf(repo: IdentityRepository, user: UserRow): Promise<UserSummary> {
  const [department, memberships, tokens] = await Promise.all([repo.departmentById(user.departmentId), repo.membershipsOf(user.id), repo.tokensOfUser(user.id)]);
  return summarise(user, department?.code ?? '?', department?.name ?? '?', memberships, tokens.filter((token) => !token.revokedAt).length);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function summarise(user: UserRow, departmentCode: string, departmentName: string, memberships: UserGroupRow[], activeTokens: number): UserSummary {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    departmentCode,
    departmentName,
    groups: memberships.map((m) => m.groupId).sort(),
    headOf: memberships.filter((m) => m.isHead).map((m) => m.groupId).sort(),
    active: user.active,
    activeTokens,
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((value) => value.trim()).filter((value) => value.length > 0))];
}
