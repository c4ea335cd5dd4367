#!/usr/bin/env node
// The `lethe` CLI runs the TypeScript sources directly, so it is the very code the tests cover.
require('ts-node').register({ transpileOnly: true, preferTsExts: true, project: require('path').join(__dirname, '..', 'tsconfig.json') });
require('../functions/cli/main').main(process.argv).catch((error) => {
  process.stderr.write(`lethe: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = process.exitCode || 1;
});
