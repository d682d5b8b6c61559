export { authenticate } from './authenticate';
export { createDepartment, listDepartments, type CreateDepartmentInput, type Department } from './departments';
export { createUser, deactivateUser, listUsers, reactivateUser, updateUser, type CreateUserInput, type Deactivation, type ReleasedTasksNotice, type UserSummary } from './users';
export { issueToken, revokeToken, listTokens, type IssuedToken, type TokenInfo } from './tokens';
export { seedDemoOrganisation, DEMO_DEPARTMENTS, DEMO_USERS, type DemoSeedResult, type DemoSeedOptions, type DemoUser, type DemoUsername } from './demo-seed';
export { USER_GROUPS, isUserGroup, type UserGroup } from './groups';
export { signIn, resumeSession, signOut, setPassword, hasPassword, isCsrfTokenOf, type SignInSettings, type SignInDeps, type Session, type NewSession } from './sign-in';
export { type SignedInUser } from './signed-in-user';
