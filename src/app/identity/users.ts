import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../domain/errors';
import { Database } from '../../persistence/database';
import { DepartmentHeadRow, UserGroupRow, UserRow } from '../../persistence/entities/identity';
import { IdentityRepository, isUniqueViolation } from '../../persistence/repositories/identity-repository';
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
  const displayName = input.displayName.trim();
  const headOf = unique(input.headOf ?? []);
  const groups = unique([...input.groups, ...headOf]);

  const checks = new InputChecks();
  checks.check(USERNAME.test(username), 'username', 'username must be 1 to 64 lower-case letters, digits, ".", "_" or "-"');
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
  checks.throwIfAny('The user is invalid');

  if (await repo.userByUsername(username)) throw new ConflictError(`User ${username} already exists`, 'user_exists');
  const user = Object.assign(new UserRow(), {
    id: randomUUID(), username, displayName, departmentId: department!.id, active: true, createdAt: new Date(),
  });
  await repo.insertUser(user);
  const memberships = groups.map((groupId) => Object.assign(new UserGroupRow(), { userId: user.id, groupId, isHead: headOf.includes(groupId) }));
  for (const membership of memberships) await repo.saveMembership(membership);
  for (const departmentCode of headsDepartments.filter((code) => code !== department!.code)) {
    await repo.saveDepartmentHead(Object.assign(new DepartmentHeadRow(), { userId: user.id, departmentCode }));
  }
  return summarise(user, department!.code, department!.name, memberships, 0);
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
