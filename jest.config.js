/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking is done once by `npm run build` (both tsconfigs); ts-jest only transpiles.
    // tsconfig.dev.json: the tests' config (tsconfig.json builds only what ships).
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }],
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  testTimeout: 120000,
};
