import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../infra/app';
import { HANDLERS } from '../../infra/config/handlers';
import { bundleFunction, startupCodeOf } from '../../infra/constructs/lethe-bundling';

/**
 * Cold-init cost of every Lambda bundle: CPU time (user + system) and peak RSS of a node process
 * that loads the bundle, against a node process that loads nothing. Bundles the current code with
 * infra/constructs/lethe-bundling.ts; `--before <dir>` adds bundles built elsewhere (one folder per
 * function holding index.js or index.mjs, optionally with the NODE_OPTIONS they ran with) side by side.
 *
 *   npx ts-node --transpile-only bench/bundles/cold-init.ts [--runs 7] [--before <dir> [--before-node-options "..."]]
 */
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const RUNS = Number(option('--runs') ?? 7);
const BEFORE = option('--before');
const BEFORE_NODE_OPTIONS = option('--before-node-options') ?? '';
// What runtime-config needs to start; the AWS SDK comes from this repository's node_modules.
const ENV = {
  ...process.env,
  LETHE_ACCOUNT: '111122223333',
  LETHE_HOME_REGION: 'eu-central-1',
  LETHE_REGIONS: 'eu-central-1',
  NODE_OPTIONS: '',
};

interface Sample {
  cpuMs: number;
  rssMiB: number;
}

/** One fresh node process: loads `file` (or nothing) and reports its whole CPU time and peak RSS. */
function sample(file: string | undefined, nodeOptions: string): Sample {
  const load = file ? `await import(${JSON.stringify(file)});` : '';
  const script = `${load} const u = process.cpuUsage(); process.stdout.write(JSON.stringify({ cpuMs: (u.user + u.system) / 1000, rssMiB: process.resourceUsage().maxRSS / 1024 }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...ENV, NODE_OPTIONS: nodeOptions },
  });
  return JSON.parse(out.toString('utf8')) as Sample;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function entryIn(dir: string): string | undefined {
  return ['index.mjs', 'index.js'].map((f) => join(dir, f)).find((f) => existsSync(f));
}

function main(): void {
  const outRoot = mkdtempSync(join(tmpdir(), 'lethe-cold-init-'));
  // Bundles resolve @aws-sdk/* (provided by the Lambda runtime) from here.
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(outRoot, 'node_modules'));
  const before = BEFORE ? resolve(BEFORE) : undefined;
  try {
    const rows = HANDLERS.map((spec) => {
      const code = startupCodeOf(
        PROJECT_ROOT,
        bundleFunction(PROJECT_ROOT, spec.entry, join(outRoot, spec.name), spec.bundleFolders),
      );
      return {
        name: spec.name,
        after: entryIn(join(outRoot, spec.name))!,
        afterBytes: code.bytes,
        before: before && entryIn(join(before, spec.name)),
      };
    });
    const empty: Sample[] = [];
    const samples = new Map<string, { before: Sample[]; after: Sample[] }>(
      rows.map((r) => [r.name, { before: [], after: [] }]),
    );
    // Interleaved rounds, so drift in the machine's load touches every column alike.
    for (let run = 0; run < RUNS; run++) {
      empty.push(sample(undefined, ''));
      for (const row of rows) {
        const s = samples.get(row.name)!;
        if (row.before) s.before.push(sample(row.before, BEFORE_NODE_OPTIONS));
        s.after.push(sample(row.after, ''));
      }
    }
    const emptyCpu = median(empty.map((s) => s.cpuMs));
    const cell = (list: Sample[]) =>
      list.length
        ? `${median(list.map((s) => s.cpuMs)).toFixed(0)} ms (${(median(list.map((s) => s.cpuMs)) / emptyCpu).toFixed(1)}×), ${median(list.map((s) => s.rssMiB)).toFixed(0)} MiB`
        : '–';
    console.log(
      `empty node: ${emptyCpu.toFixed(0)} ms CPU, ${median(empty.map((s) => s.rssMiB)).toFixed(0)} MiB (median of ${RUNS})\n`,
    );
    console.log(
      '| function | before: CPU (× empty), peak RSS | after: CPU (× empty), peak RSS | after: start-up code |',
    );
    console.log('|---|---:|---:|---:|');
    for (const row of rows) {
      const s = samples.get(row.name)!;
      console.log(`| ${row.name} | ${cell(s.before)} | ${cell(s.after)} | ${(row.afterBytes / 1000).toFixed(0)} kB |`);
    }
  } finally {
    rmSync(outRoot, { recursive: true, force: true });
  }
}

main();
