/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // e2e browser tests have their own config (jest.e2e.config.js).
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2020' } }],
  },
  // Keep the two cores free for the bundle-loading tests; jest's default is cores - 1 anyway.
  maxWorkers: 2,
};
