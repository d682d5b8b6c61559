import { IdentityRepository } from '../../persistence/repositories/identity-repository';
import { Actor } from '../actor';

/** The actor as the console shows it (GET /me, sign-in answers): with the department's name. */
export interface SignedInUser extends Actor {
  departmentName: string;
}

/** The active user with department and groups, or null for unknown or deactivated users. */
export async function loadSignedInUser(repo: IdentityRepository, userId: string): Promise<SignedInUser | null> {
  const user = await repo.userById(userId);
  if (!user || !user.active) return null;
  const [department, memberships] = await Promise.all([repo.departmentById(user.departmentId), repo.membershipsOf(user.id)]);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    departmentId: user.departmentId,
    departmentCode: department?.code ?? '',
    departmentName: department?.name ?? '',
    groups: memberships.map((m) => m.groupId),
    headOf: memberships.filter((m) => m.isHead).map((m) => m.groupId),
  };
}
