/** Tests run against the database named by TEST_DB (sqlite by default, or mariadb). */
const tsJest = ['ts-jest', { isolatedModules: true, diagnostics: false, tsconfig: { allowJs: true } }];

// These dependencies ship ES modules only; Node 20 require()s them, jest needs them transpiled.
const esmOnly = ['bpmn-moddle', 'moddle', 'moddle-xml', 'saxen', 'min-dash'];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': tsJest, '^.+\\.js$': tsJest },
  transformIgnorePatterns: [`/node_modules/(?!.*/node_modules/)(?!(${esmOnly.join('|')})/)`],
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
