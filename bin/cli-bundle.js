#!/usr/bin/env node
// `lethe redact` runs from an esbuild bundle of functions/cli/redact-main.ts: no ts-node and no AWS
// SDK to load at start-up. The bundle is build output, kept out of git under node_modules/.cache;
// `npm ci` builds it (prepare), and bin/lethe.js rebuilds it whenever a file it was made from
// changed since, so it never runs stale code.
const { mkdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const REDACT = {
  root: ROOT,
  entry: 'functions/cli/redact-main.ts',
  outfile: join(ROOT, 'node_modules', '.cache', 'lethe-cli', 'redact.js'),
};

/** The inputs esbuild recorded, beside the bundle: a change to any of them makes the bundle stale. */
const inputsFile = (outfile) => `${outfile}.inputs.json`;

function isFresh({ root, outfile }) {
  try {
    const builtFrom = statSync(outfile).mtimeMs;
    const inputs = JSON.parse(readFileSync(inputsFile(outfile), 'utf8'));
    return [__filename, ...inputs.map((f) => join(root, f))].every((f) => statSync(f).mtimeMs <= builtFrom);
  } catch {
    return false;
  }
}

function build({ root, entry, outfile }) {
  const { buildSync } = require('esbuild');
  const startedAt = new Date();
  // Written aside and renamed into place: CLI runs started at the same time may build it together.
  const partial = `${outfile}.${process.pid}`;
  mkdirSync(join(outfile, '..'), { recursive: true });
  const { metafile } = buildSync({
    absWorkingDir: root,
    entryPoints: [join(root, entry)],
    outfile: partial,
    bundle: true,
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    format: 'cjs',
    metafile: true,
    logLevel: 'error',
  });
  writeFileSync(`${inputsFile(outfile)}.${process.pid}`, JSON.stringify(Object.keys(metafile.inputs)));
  renameSync(`${inputsFile(outfile)}.${process.pid}`, inputsFile(outfile));
  // Dated when the build began, so that a source saved during the build still counts as newer.
  utimesSync(partial, startedAt, startedAt);
  renameSync(partial, outfile);
}

/** The path of an up-to-date bundle of `target` (the redact command unless told), built if need be. */
function freshBundle(target = REDACT) {
  if (!isFresh(target)) build(target);
  return target.outfile;
}

module.exports = { freshBundle };

if (require.main === module) freshBundle();
