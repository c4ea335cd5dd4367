/**
 * One `npm test` runs everything. Unit and infra tests need no emulator; integration tests get
 * DynamoDB Local, s3rver and the local KMS endpoint, started once per run by the global setup.
 */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest'] };
// jose ships only ES modules; compile it to CommonJS like our own sources.
const transformIgnorePatterns = ['/node_modules/(?!jose/)'];
module.exports = {
  testTimeout: 60000,
  maxWorkers: 2,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/infra/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      // test/security: the findings of the penetration test, kept closed against the running stack.
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/security/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
