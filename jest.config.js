/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  transform: {
    '^.+\\.(t|j)sx?$': '<rootDir>/jest.transform.js',
  },
  // Keep the two cores free for the bundle-loading tests; jest's default is cores - 1 anyway.
  maxWorkers: 2,
};
