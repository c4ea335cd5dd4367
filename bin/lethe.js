#!/usr/bin/env node
// `lethe redact` runs from its bundle (bin/cli-bundle.js): it starts fast on big files.
if (process.argv[2] === 'redact') {
  void require(require('./cli-bundle').freshBundle()).main(process.argv);
} else {
  // The other commands run the TypeScript sources directly, so they are the very code the tests cover.
  require('ts-node').register({
    transpileOnly: true,
    preferTsExts: true,
    project: require('node:path').join(__dirname, '..', 'tsconfig.json'),
  });
  // main() reports failures itself (one line on stderr, exit code 1; usage errors 2).
  void require('../functions/cli/main').main(process.argv);
}
