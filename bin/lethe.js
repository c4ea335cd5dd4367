#!/usr/bin/env node
// The `lethe` CLI runs the TypeScript sources directly, so it is the very code the tests cover.
require('ts-node').register({
  transpileOnly: true,
  preferTsExts: true,
  project: require('node:path').join(__dirname, '..', 'tsconfig.json'),
});
// main() reports failures itself (one line on stderr, exit code 1; usage errors 2).
void require('../functions/cli/main').main(process.argv);
