export { authenticate } from './authenticate';
export { createDepartment, listDepartments, type CreateDepartmentInput, type Department } from './departments';
export { createUser, listUsers, type CreateUserInput, type UserSummary } from './users';
export { issueToken, revokeToken, listTokens, type IssuedToken, type TokenInfo } from './tokens';
export { seedDemoOrganisation, DEMO_DEPARTMENTS, DEMO_USERS, type DemoSeedResult, type DemoUser, type DemoUsername } from './demo-seed';
export { USER_GROUPS, isUserGroup, type UserGroup } from './groups';
