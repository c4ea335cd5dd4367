// @ts-check
/**
 * The mutation sample of issue 11 (`npm run mutation`, not part of `npm test`): a fixed set of files
 * outside functions/domain, killed by the jest unit project alone (stryker.jest.config.js).
 * Method and last result: docs/architecture.md, "Mutation sample".
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'stryker.jest.config.js', enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  // Messages and literal shapes left out: the sample mutates conditions, logic, arithmetic, calls and blocks, where the rules live.
  mutator: { excludedMutations: ['StringLiteral', 'ObjectLiteral'] },
  concurrency: 1,
  timeoutMS: 30000,
  mutate: [
    'functions/usecases/ingest/request-recording.ts',
    'functions/usecases/ingest/consent-standing.ts',
    'functions/usecases/ingest/interaction-id.ts',
    'functions/usecases/holds/place-hold.ts',
    'functions/usecases/records/held-expiry.ts',
    'functions/usecases/subject-markers/restriction-markers.ts',
    'functions/usecases/subject-markers/held-subject-markers.ts',
    'functions/usecases/subject-markers/erasure-markers.ts',
    'functions/usecases/holds/hold-guard.ts:22-92',
    'functions/shared/runtime-config.ts:76-123',
  ],
  ignorePatterns: ['cdk.out', '.lethe', 'coverage', 'test-artifacts', 'reports', 'bench', 'console', 'docs'],
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // Reruns only the mutants whose code or covering tests changed since the last run (reports/stryker-incremental.json).
  incremental: true,
};
