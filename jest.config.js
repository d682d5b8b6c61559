/** Tests run against the database named by TEST_DB (sqlite by default, or mariadb). */
// Transpiled file by file (isolatedModules), unchecked: `npm run typecheck` checks the types once for the whole project.
const tsJest = ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true, isolatedModules: true } }];

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
  // A worker's heap grew past 1 GB over some fifty test files: one above 700 MB after a file is replaced.
  workerIdleMemoryLimit: '700MB',
  // A worker with a heap of a few hundred MB takes 600-800 ms to end once its 'exit' has fired (measured: the heap's
  // teardown, with no handle left open), past jest's default of 500 ms, which it then reports as a worker that
  // "failed to exit gracefully". A real leak still shows: a handle left open keeps a worker alive past this too.
  workerGracefulExitTimeout: 3000,
};
