import { execSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshBundle } from '../../bin/cli-bundle';
import { writeSection } from './results-section';

/**
 * `lethe redact` as a whole process (start-up, reading, redaction, writing), against redact-pii and
 * @redactpii/node run the same way, on one plain-text file:
 *   npm run bench:redaction-cli -- [--runs 5] [--megabytes 50] [--no-write]
 * Rounds are interleaved (each command once per round, so load from other processes hits all of
 * them alike); medians of the rounds, ratios taken within each round. Times come from
 * /usr/bin/time: wall seconds, user + system CPU seconds, peak resident memory.
 * Results go to the redaction-cli section of bench/RESULTS.md.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const RUNS = option('--runs', 5);
const MEGABYTES = option('--megabytes', 50);
const WRITE = !args.includes('--no-write');
/** Start-up runs are short and the most exposed to other load: more of them. */
const START_UP_RUNS = Math.max(RUNS, 15);
const ROOT = join(__dirname, '..', '..');

interface Command {
  name: string;
  argv: string[];
}

const peerBundle = freshBundle({
  root: ROOT,
  entry: 'bench/redaction/peer-cli.ts',
  outfile: join(ROOT, 'node_modules', '.cache', 'lethe-cli', 'peer-redactors.js'),
});
freshBundle();
const CORES = availableParallelism();
const COMMANDS: Command[] = [
  // One thread, as the peers run: the CPU comparison.
  { name: '`lethe redact --threads 1` (bundle)', argv: ['bin/lethe.js', 'redact', '--threads', '1'] },
  // Past 4 MB of input, worker threads share the chunks: the throughput a user gets on this machine.
  {
    name: `\`lethe redact --threads ${CORES}\` (bundle, all cores)`,
    argv: ['bin/lethe.js', 'redact', '--threads', String(CORES)],
  },
  {
    name: '`lethe redact` through ts-node (before the bundle)',
    argv: [
      '-e',
      "require('ts-node').register({ transpileOnly: true, preferTsExts: true }); require('./functions/cli/main').main(['node', 'lethe', 'redact'])",
    ],
  },
  {
    name: 'redact-pii 3.4.0 SyncRedactor, same chunked I/O',
    argv: ['-e', `require(${JSON.stringify(peerBundle)}).main('redact-pii')`],
  },
  {
    name: '@redactpii/node 1.0.17 Redactor, same chunked I/O',
    argv: ['-e', `require(${JSON.stringify(peerBundle)}).main('@redactpii/node')`],
  },
];
const [ONE_THREAD, ALL_CORES, PEER, FAST_PEER] = [0, 1, 3, 4];

/** The corpora's texts as plain lines, repeated up to the size asked for. */
function inputFile(dir: string): { file: string; bytes: number; lines: number } {
  const texts = ['chat-lines.jsonl', 'independent.jsonl'].flatMap((name) =>
    readFileSync(join(__dirname, '..', 'corpus', name), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { text: string }).text.replace(/[\r\n]+/g, ' ')),
  );
  const block = `${texts.join('\n')}\n`;
  const copies = Math.max(1, Math.ceil((MEGABYTES * 1e6) / Buffer.byteLength(block)));
  const file = join(dir, 'input.txt');
  writeFileSync(file, block.repeat(copies));
  return { file, bytes: Buffer.byteLength(block) * copies, lines: texts.length * copies };
}

interface Measure {
  wall: number;
  cpu: number;
  peakMegabytes: number;
}

function measure(command: Command, input: string): Measure {
  const [stdin, stdout] = [openSync(input, 'r'), openSync('/dev/null', 'w')];
  try {
    const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, ...command.argv], {
      cwd: ROOT,
      stdio: [stdin, stdout, 'pipe'],
    });
    const last = run.stderr.toString().trim().split('\n').pop() ?? '';
    if (run.status !== 0) throw new Error(`${command.name} failed: ${run.stderr}`);
    const [wall, user, system, kilobytes] = last.split(' ').map(Number);
    return { wall, cpu: user + system, peakMegabytes: kilobytes / 1024 };
  } finally {
    closeSync(stdin);
    closeSync(stdout);
  }
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length % 2
    ? sorted[(sorted.length - 1) / 2]
    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};

function rounds(input: string, runs: number): Measure[][] {
  const all = COMMANDS.map(() => [] as Measure[]);
  for (let round = 0; round < runs; round++)
    COMMANDS.forEach((command, k) => {
      all[k].push(measure(command, input));
      process.stderr.write(`round ${round + 1}, ${command.name}: ${all[k][round].wall} s\n`);
    });
  return all;
}

const dir = mkdtempSync(join(tmpdir(), 'lethe-bench-cli-'));
try {
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, '');
  const input = inputFile(dir);
  process.stderr.write(`start-up: ${COMMANDS.length} commands × ${START_UP_RUNS} on an empty input…\n`);
  const startUp = rounds(empty, START_UP_RUNS);
  process.stderr.write(`whole runs: ${COMMANDS.length} commands × ${RUNS} on ${(input.bytes / 1e6).toFixed(1)} MB…\n`);
  const full = rounds(input.file, RUNS);
  const ratio = (k: number, of: (m: Measure) => number) =>
    median(full[k].map((m, round) => of(full[PEER][round]) / of(m)));
  const rows = COMMANDS.map((command, k) => {
    const m = (of: (x: Measure) => number) => median(full[k].map(of));
    return `| ${command.name} | ${median(startUp[k].map((x) => x.wall)).toFixed(2)} | ${median(startUp[k].map((x) => x.cpu)).toFixed(2)} | ${m((x) => x.wall).toFixed(1)} | ${(input.bytes / 1e6 / m((x) => x.wall)).toFixed(2)} | ${ratio(k, (x) => x.wall).toFixed(1)}× | ${m((x) => x.cpu).toFixed(1)} | ${ratio(k, (x) => x.cpu).toFixed(1)}× | ${Math.max(...full[k].map((x) => x.peakMegabytes)).toFixed(0)} | ${full[k].map((x) => x.wall.toFixed(1)).join(', ')} |`;
  });
  const commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
  const dirty = execSync('git status --porcelain', { cwd: ROOT }).toString().trim() ? ' plus uncommitted changes' : '';
  const bundleStartUp = median(startUp[ONE_THREAD].map((x) => x.wall));
  const wallRatio = ratio(ALL_CORES, (x) => x.wall);
  const cpuRatio = ratio(ONE_THREAD, (x) => x.cpu);
  const fastPeer = (k: number, of: (m: Measure) => number) =>
    median(full[k].map((m, round) => of(full[FAST_PEER][round]) / of(m)));
  const [fastPeerWall, fastPeerCpu] = [fastPeer(ALL_CORES, (x) => x.wall), fastPeer(ONE_THREAD, (x) => x.cpu)];
  const peak = Math.max(...[ONE_THREAD, ALL_CORES].flatMap((k) => full[k].map((x) => x.peakMegabytes)));
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  const body = `## Redaction, the CLI as a whole process (issue 12)

Command: \`npm run bench:redaction-cli -- --runs ${RUNS} --megabytes ${MEGABYTES}\`; commit ${commit}${dirty}.
Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, nproc ${execSync('nproc').toString().trim()}, node ${process.version} (machine kind \`node\`), load average at the end ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ')} (1/5/15 min; other work shared the machine). Date: ${new Date().toISOString().slice(0, 10)}.

Input: the texts of \`bench/corpus/chat-lines.jsonl\` and \`bench/corpus/independent.jsonl\` as plain lines, repeated to
${(input.bytes / 1e6).toFixed(1)} MB (${input.lines} lines), from a file on stdin, output to /dev/null. Each command once per
round, ${RUNS} rounds; medians; "× redact-pii" is the median of the per-round ratios. Start-up: the same command
on an empty input, median of ${START_UP_RUNS} rounds. CPU: user + system seconds. With \`--threads ${CORES}\`, past its first 4 MB
\`lethe redact\` shares the chunks between its main thread and a worker thread per further core (${CORES} cores here); the peers
have no such option and run on one thread, so the CPU columns of the one-thread row are the like-for-like comparison.
Peak memory: the largest resident set of the rounds.

| command | start-up s | start-up CPU s | wall s | MB/s | × redact-pii (wall) | CPU s | × redact-pii (CPU) | peak MB | wall s per round |
|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Targets: start-up under 0.3 s → ${verdict(bundleStartUp < 0.3)} (${bundleStartUp.toFixed(2)} s wall, ${median(startUp[ONE_THREAD].map((x) => x.cpu)).toFixed(2)} s CPU).
Whole process at least 10× redact-pii: in throughput (wall time, all cores) → ${verdict(wallRatio >= 10)} (${wallRatio.toFixed(1)}×); in CPU
(one thread) → ${verdict(cpuRatio >= 10)} (${cpuRatio.toFixed(1)}×).
Faster than @redactpii/node: in throughput → ${verdict(fastPeerWall > 1)} (${fastPeerWall.toFixed(2)}× its speed); in CPU → ${verdict(fastPeerCpu > 1)}
(${fastPeerCpu.toFixed(2)}× its speed per CPU second).
Peak memory at most 200 MB → ${verdict(peak <= 200)} (${peak.toFixed(0)} MB).
The whole process cannot beat the redactors' own ratio in one process (section above): what start-up and I/O
cost is what the bundle removes.
`;
  process.stdout.write(`${body}\n`);
  if (WRITE) writeSection(join(ROOT, 'bench', 'RESULTS.md'), 'redaction-cli', body);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
