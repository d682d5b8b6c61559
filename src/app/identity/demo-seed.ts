import { Database } from '../../persistence/database';
import { IdentityRepository } from '../../persistence/repositories/identity-repository';
import { SignInRepository } from '../../persistence/repositories/sign-in-repository';
import { PasswordRow } from '../../persistence/entities/identity';
import { addDepartment, CreateDepartmentInput } from './departments';
import { UserGroup } from './groups';
import { identityTransaction } from './identity-cache';
import { addToken } from './tokens';
import { addUser } from './users';
import { generatePassword, hashPassword } from './passwords';

export const DEMO_DEPARTMENTS: readonly CreateDepartmentInput[] = [
  { code: 'KF', name: '客户服务部' },
  { code: 'YW', name: '运维管理部' },
  { code: 'ZL', name: '质量效能部' },
  { code: 'ZH', name: '综合部' },
  { code: 'GC', name: '工程部' },
  { code: 'SC', name: '市场部' },
  { code: 'YY', name: '运营业务部' },
  { code: 'LD', name: '公司领导' },
];

export type DemoUsername = 'desk1' | 'ops1' | 'quality1' | 'head-yw' | 'ga1' | 'rep1' | 'leader1' | 'gm1' | 'auditor1' | 'owner1';

export interface DemoUser {
  username: DemoUsername;
  displayName: string;
  departmentCode: string;
  groups: UserGroup[];
  headOf: UserGroup[];
}

/** One user per group of rules.md. head-yw heads 运维管理部, so it is also the head of the `ops` group. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'desk1', displayName: '张敏', departmentCode: 'KF', groups: ['service-desk'], headOf: [] },
  { username: 'ops1', displayName: '李强', departmentCode: 'YW', groups: ['ops'], headOf: [] },
  { username: 'quality1', displayName: '王芳', departmentCode: 'ZL', groups: ['quality'], headOf: [] },
  { username: 'head-yw', displayName: '赵建国', departmentCode: 'YW', groups: ['dept-head', 'ops'], headOf: ['ops'] },
  { username: 'ga1', displayName: '陈静', departmentCode: 'ZH', groups: ['general-affairs'], headOf: [] },
  { username: 'rep1', displayName: '刘洋', departmentCode: 'LD', groups: ['management-rep'], headOf: [] },
  { username: 'leader1', displayName: '孙伟', departmentCode: 'LD', groups: ['division-leader'], headOf: [] },
  { username: 'gm1', displayName: '周涛', departmentCode: 'LD', groups: ['general-manager'], headOf: [] },
  { username: 'auditor1', displayName: '吴丽', departmentCode: 'ZH', groups: ['auditor'], headOf: [] },
  { username: 'owner1', displayName: '郑磊', departmentCode: 'ZL', groups: ['process-owner'], headOf: [] },
];

export interface DemoSeedResult {
  createdDepartments: string[];
  createdUsers: string[];
  /**
   * A new token per demo user that had no usable (unrevoked) token before this run. Users that already have
   * one are absent: stored tokens are hashed and cannot be shown again.
   */
  tokens: { username: DemoUsername; displayName: string; token: string }[];
  /** A new console password per demo user that had none (only when asked for with `passwords: true`). */
  passwords: { username: DemoUsername; password: string }[];
}

export interface DemoSeedOptions {
  /**
   * Also give every demo user without a console password a random one. Off by default because hashing ten
   * memory-hard passwords takes a second, which test set-ups that never sign in should not pay.
   */
  passwords?: boolean;
}

/**
 * Creates the demo organisation: whatever of DEMO_DEPARTMENTS and DEMO_USERS is missing (existing ones are
 * left as they are, even if they were changed since) and a token for every demo user without an unrevoked one.
 * Running it again therefore creates nothing and issues no tokens, unless a demo user's tokens were revoked.
 */
export async function seedDemoOrganisation(db: Database, options: DemoSeedOptions = {}): Promise<DemoSeedResult> {
  const result = await identityTransaction(db, async (manager) => {
    const repo = new IdentityRepository(manager);
    const result: DemoSeedResult = { createdDepartments: [], createdUsers: [], tokens: [], passwords: [] };

    for (const department of DEMO_DEPARTMENTS) {
      if (await repo.departmentByCode(department.code)) continue;
      await addDepartment(repo, department);
      result.createdDepartments.push(department.code);
    }
    for (const demoUser of DEMO_USERS) {
      if (await repo.userByUsername(demoUser.username)) continue;
      await addUser(repo, demoUser);
      result.createdUsers.push(demoUser.username);
    }

    const activeTokens = await repo.activeTokenCounts();
    for (const demoUser of DEMO_USERS) {
      const user = (await repo.userByUsername(demoUser.username))!;
      if ((activeTokens.get(user.id) ?? 0) > 0) continue;
      const issued = await addToken(repo, user, 'demo');
      result.tokens.push({ username: demoUser.username, displayName: user.displayName, token: issued.token });
    }
    return result;
  });
  if (options.passwords) result.passwords = await seedDemoPasswords(db);
  return result;
}

/** Hashes outside the transaction (it is slow on purpose) and stores only where no password appeared meanwhile. */
async function seedDemoPasswords(db: Database): Promise<DemoSeedResult['passwords']> {
  const missing = await db.read(async (manager) => {
    const users = new IdentityRepository(manager);
    const passwords = new SignInRepository(manager);
    const names: DemoUsername[] = [];
    for (const { username } of DEMO_USERS) {
      const user = await users.userByUsername(username);
      if (user && !(await passwords.passwordOf(user.id))) names.push(username);
    }
    return names;
  });
  const generated = await Promise.all(missing.map(async (username) => {
    const password = generatePassword();
    return { username, password, passwordHash: await hashPassword(password) };
  }));
  return db.transaction(async (manager) => {
    const users = new IdentityRepository(manager);
    const passwords = new SignInRepository(manager);
    const stored: DemoSeedResult['passwords'] = [];
    for (const { username, password, passwordHash } of generated) {
      const user = (await users.userByUsername(username))!;
      if (await passwords.passwordOf(user.id)) continue;
      await passwords.savePassword(Object.assign(new PasswordRow(), { userId: user.id, passwordHash, changedAt: new Date() }));
      stored.push({ username, password });
    }
    return stored;
  });
}
