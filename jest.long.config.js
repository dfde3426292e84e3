// The long fault and fuzz runs (1,000+ seeds): every test file that uses test/helpers/seeds.ts runs its
// full seed count here. `npm test` runs the same files with a few seeds each.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['**/*.fault.test.ts', '**/*.fuzz.test.ts'],
  // Long runs may take minutes per file; jest's default 5 s per test is for the fast suite.
  testTimeout: 30 * 60 * 1000,
};
