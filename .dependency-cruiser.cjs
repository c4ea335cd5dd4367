/**
 * Import rules of functions/ (docs/architecture.md), checked by test/unit/architecture/import-rules.test.ts.
 * Run by hand: npx depcruise functions
 */
module.exports = {
  forbidden: [
    {
      name: 'no-import-cycle',
      comment: 'Modules import each other in one direction only.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-use-case-folder-cycle',
      comment: 'Use-case folders are modules: shared helpers live in usecases/records (or another neutral folder), not inside one feature.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^functions/usecases/' },
      to: { path: '^functions/usecases/', circular: true },
    },
    {
      name: 'no-domain-folder-cycle',
      comment: 'Domain folders import each other in one direction only: a type or helper two folders share lives in the lower one.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^functions/domain/' },
      to: { path: '^functions/domain/', circular: true },
    },
    {
      name: 'domain-is-pure',
      comment: 'functions/domain is plain TypeScript: no ports, adapters, use cases, wiring, AWS or I/O.',
      severity: 'error',
      from: { path: '^functions/domain/' },
      to: {
        path: [
          '^functions/(ports|adapters|usecases|shared|handlers|cli)/',
          '^infra/',
          '^node_modules/(@aws-sdk|@smithy|@aws-lambda-powertools|aws-cdk-lib|constructs|@types/aws-lambda)/',
          // I/O would make the domain impure.
          '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|dns|tls|worker_threads)$',
        ],
      },
    },
    {
      name: 'use-cases-see-ports-not-adapters',
      comment: 'Use cases talk to storage and AWS through ports; the composition root picks the adapters.',
      severity: 'error',
      from: { path: '^functions/usecases/' },
      to: { path: ['^functions/(adapters|handlers|cli)/', '^node_modules/(@aws-sdk|@smithy)/'] },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
  },
};
