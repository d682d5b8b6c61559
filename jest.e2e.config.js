/**
 * Browser tests (npm run test:e2e): each file starts the real server on a fresh SQLite database and drives
 * Debian's chromium through playwright-core. Kept apart from the jest suite (files end in .e2e.ts).
 */
// TypeScript is transpiled as for the jest suite.
const tsJest = require('./jest.config.js').transform['^.+\\.ts$'];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': tsJest },
  globalSetup: '<rootDir>/test/e2e/support/global-setup.ts',
  testTimeout: 180000,
  maxWorkers: 1,
};
