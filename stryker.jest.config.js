/**
 * The jest `unit` project as the mutation run uses it (stryker.config.mjs): the same transform and
 * environment, limited to the fast tests that exercise the mutated sample, so a run stays affordable.
 */
const { projects } = require('./jest.config.js');

const unit = projects.find((p) => p.displayName === 'unit');
module.exports = {
  ...unit,
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/unit/usecases/**/*.test.ts', '<rootDir>/test/unit/config/**/*.test.ts'],
};
