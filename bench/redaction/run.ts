import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { SyncRedactor } from 'redact-pii';
import { createRedactor, type Finding } from '../../functions/domain/redaction';
import { QualityTally, type LabelledSpan, type QualityReport } from '../../functions/domain/redaction/evaluation';
import { presetPolicy } from '../../functions/domain/policy/presets';
import { peerFindings } from './peer-spans';
import { writeSection } from './results-section';

/**
 * Redaction throughput and quality, Lethe and the peer redact-pii side by side in one process:
 *   npx ts-node --transpile-only bench/redaction/run.ts [--runs 7] [--no-write]
 * Throughput: UTF-8 MB of line text per CPU second (user + system), median of the runs; each run redacts
 * the corpus enough times to last about half a second; runs of the redactors are interleaved. Quality: one pass, scored with the same
 * QualityTally as `lethe redact --evaluate`. Results go to the redaction section of bench/RESULTS.md.
 */
interface Line {
  text: string;
  spans: LabelledSpan[];
  lang?: string;
  known?: { name?: string };
}

interface Subject {
  name: string;
  redact(text: string, known?: Line['known']): { text: string; findings: Finding[] };
}

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 7;
const WRITE = !args.includes('--no-write');
const CORPUS = join(__dirname, '..', 'corpus', 'chat-lines.jsonl');
const TARGET_RUN_SECONDS = 0.5;

const INDEPENDENT = join(__dirname, '..', 'corpus', 'independent.jsonl');
const readLines = (file: string): Line[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
const lines = readLines(CORPUS);
const independentLines = readLines(INDEPENDENT);
const megabytes = lines.reduce((n, l) => n + Buffer.byteLength(l.text), 0) / 1e6;

const lethe = createRedactor();
const letheInbenta = createRedactor(presetPolicy('inbenta').redaction);
const peer = new SyncRedactor();
const peerPiiOnly = new SyncRedactor({
  builtInRedactors: Object.fromEntries(
    ['names', 'streetAddress', 'zipcode', 'digits', 'url', 'username', 'password', 'credentials'].map((k) => [
      k,
      { enabled: false },
    ]),
  ),
});
const peerSubject = (name: string, r: SyncRedactor): Subject => ({
  name,
  redact: (text) => {
    const out = r.redact(text);
    return { text: out, findings: peerFindings(text, out) };
  },
});

const SUBJECTS: Subject[] = [
  { name: 'Lethe, default detectors', redact: (t, known) => lethe.redact(t, known) },
  { name: 'Lethe, inbenta preset (+1 RE2 tenant pattern)', redact: (t, known) => letheInbenta.redact(t, known) },
  peerSubject('redact-pii 3.4.0 SyncRedactor, defaults', peer),
  peerSubject('redact-pii, PII detectors only (no names/digits/address/url)', peerPiiOnly),
];

/** The timed loop calls the bare redact function: for the peer, without our span recovery. */
const timedFunctions: Record<string, (t: string) => unknown> = {
  [SUBJECTS[0].name]: (t) => lethe.redact(t),
  [SUBJECTS[1].name]: (t) => letheInbenta.redact(t),
  [SUBJECTS[2].name]: (t) => peer.redact(t),
  [SUBJECTS[3].name]: (t) => peerPiiOnly.redact(t),
};

/**
 * Runs are interleaved (round r times every redactor once) so that load from other processes on
 * the machine hits all of them alike; the ratio to the peer is taken within each round.
 */
/** CPU seconds of this process (user + system): on a machine other work shares, the clock also counts the waits. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function throughput(fns: Array<(t: string) => unknown>): Array<{ median: number; all: number[] }> {
  const pass = (redact: (t: string) => unknown) => {
    for (const l of lines) redact(l.text);
  };
  // Warm-up (JIT) for at least one run's worth of time, then size the runs.
  const passes = fns.map((redact) => {
    const warm = process.hrtime.bigint();
    let done = 0;
    while (done < 3 || Number(process.hrtime.bigint() - warm) / 1e9 < TARGET_RUN_SECONDS) {
      pass(redact);
      done++;
    }
    const perPass = Number(process.hrtime.bigint() - warm) / 1e9 / done;
    return Math.max(1, Math.round(TARGET_RUN_SECONDS / perPass));
  });
  const all = fns.map(() => [] as number[]);
  for (let run = 0; run < RUNS; run++)
    fns.forEach((redact, k) => {
      const start = cpuSeconds();
      for (let p = 0; p < passes[k]; p++) pass(redact);
      all[k].push((megabytes * passes[k]) / (cpuSeconds() - start));
    });
  return all.map((runs) => ({ median: median(runs), all: runs }));
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length % 2
    ? sorted[(sorted.length - 1) / 2]
    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};

function quality(
  subject: Subject,
  set: readonly Line[] = lines,
  lang?: string,
): QualityReport & { negativeLines: number; negativeLinesChanged: number } {
  const tally = new QualityTally();
  let negativeLines = 0;
  let negativeLinesChanged = 0;
  for (const l of set) {
    if (lang && l.lang !== lang) continue;
    const r = subject.redact(l.text, l.known);
    tally.add(l.text, l.spans, r.findings);
    if (l.spans.length === 0) {
      negativeLines++;
      if (r.text !== l.text) negativeLinesChanged++;
    }
  }
  return { ...tally.report(), negativeLines, negativeLinesChanged };
}

const pct = (x: number) => (Number.isNaN(x) ? '–' : (100 * x).toFixed(1));
const LABELLED = ['email', 'phone', 'card', 'iban', 'ip', 'ssn', 'nir', 'personnummer'];

/** The commit measured, marked when the working tree differs from it. */
function commit(): string {
  const head = execSync('git rev-parse --short HEAD').toString().trim();
  return execSync('git status --porcelain -- functions bench/redaction bench/corpus').toString().trim()
    ? `${head} + uncommitted changes`
    : head;
}

function machine(): string {
  const nproc = execSync('nproc').toString().trim();
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
  return `${cpus()[0]?.model ?? 'unknown CPU'}, nproc ${nproc}, node ${process.version}, load average at the end ${load} (1/5/15 min; other work shared the machine)`;
}

process.stderr.write(`timing ${SUBJECTS.length} redactors, ${RUNS} interleaved rounds…\n`);
const speeds = throughput(SUBJECTS.map((s) => timedFunctions[s.name]));
process.stderr.write('scoring quality…\n');
const results = SUBJECTS.map((subject, k) => ({ subject, speed: speeds[k], quality: quality(subject) }));

const LANGUAGES = ['en', 'fr', 'sv', 'de', 'es'];
const INDEPENDENT_TYPES = ['email', 'phone', 'card', 'iban', 'ip', 'name'];
const kept = (q: QualityReport) => pct(1 - q.overRedactedWords / q.words);
const independent = SUBJECTS.map((subject) => ({
  subject,
  all: quality(subject, independentLines),
  byLang: LANGUAGES.map((l) => quality(subject, independentLines, l)),
}));
const recallOf = (q: QualityReport, type: string) => q.types.find((t) => t.type === type);
const independentTypeRows = INDEPENDENT_TYPES.map(
  (type) =>
    `| ${type} | ${recallOf(independent[0].all, type)?.labelled ?? 0} | ${independent.map((r) => pct(recallOf(r.all, type)?.recall ?? NaN)).join(' | ')} |`,
);
const independentLangRows = [
  ...INDEPENDENT_TYPES.map(
    (type) => `| ${type} | ${independent[0].byLang.map((q) => pct(recallOf(q, type)?.recall ?? NaN)).join(' | ')} |`,
  ),
  `| ordinary words kept | ${independent[0].byLang.map(kept).join(' | ')} |`,
];
const independentKeptRows = independent.map(
  (r) =>
    `| ${r.subject.name} | ${kept(r.all)} (${r.all.overRedactedWords} of ${r.all.words} touched) | ${r.all.falsePositives} |`,
);

const PEER = 2;
const ratioToPeer = (k: number) => median(results[k].speed.all.map((x, run) => x / results[PEER].speed.all[run]));
const speedRows = results.map(
  (r, k) =>
    `| ${r.subject.name} | ${r.speed.median.toFixed(1)} | ${ratioToPeer(k).toFixed(1)}× | ${r.speed.all.map((x) => x.toFixed(1)).join(', ')} |`,
);
const recallHeader = `| type | labelled | ${results.map((r) => `${r.subject.name.split(',')[0]}${r.subject.name.includes('PII') ? ' (PII only)' : r.subject.name.includes('inbenta') ? ' (inbenta)' : ''}`).join(' | ')} |`;
const recallRows = LABELLED.map((type) => {
  const cells = results.map((r) => {
    const t = r.quality.types.find((q) => q.type === type);
    return t ? `${pct(t.recall)} (typed ${pct(t.typedRecall)})` : '–';
  });
  return `| ${type} | ${results[0].quality.types.find((q) => q.type === type)?.labelled ?? 0} | ${cells.join(' | ')} |`;
});
const summaryRows = results.map(
  (r) =>
    `| ${r.subject.name} | ${pct(r.quality.overall.recall)} | ${pct(r.quality.overall.precision)} | ${r.quality.falsePositives} | ${r.quality.overRedactedWords} of ${r.quality.words} | ${r.quality.negativeLinesChanged} of ${r.quality.negativeLines} |`,
);
const precisionRows = results.map(
  (r) =>
    `| ${r.subject.name} | ${r.quality.types
      .filter((t) => t.found > 0)
      .map((t) => `${t.type} ${pct(t.precision)} (${t.found})`)
      .join(', ')} |`,
);

const body = `## Redaction (issues 3 and 12)

Command: \`npx ts-node --transpile-only bench/redaction/run.ts\` (runs ${RUNS}, one core, one process); commit ${commit()}.
Machine: ${machine()}. Date: ${new Date().toISOString().slice(0, 10)}.

### Independent set (issue 12)

\`bench/corpus/independent.jsonl\`, ${independentLines.length} lines (${LANGUAGES.length} languages × ${independentLines.length / LANGUAGES.length}), made by
\`bench/redaction/independent-set.ts\` from values the detectors were not written against: libphonenumber's example number of
every country (international; national for the languages' countries) and @faker-js/faker's phone numbers per locale,
faker's card numbers per issuer (plus its Luhn generator on Maestro 12-13, JCB 15 and UnionPay ranges), e-mails,
IBANs, IPs, and faker's first and last names per locale in short chat frames (about half of those names are held out
of the shipped lexicon, see \`bench/redaction/name-split.ts\`); ordinary lines are faker product descriptions and
catch phrases, prices, dates, times, order numbers, and "I will check, it may take a while" with participant "Will May".
The frames are ours; the values are not. Its misses were fixed after they were seen (phones: Swedish 6-digit
local numbers after a phone word, a 7-digit +290 number), so its phone figures are no longer blind. Same report: \`lethe redact --evaluate bench/corpus/independent.jsonl\`.

Recall per type, %:

| type | labelled | ${independent.map((r) => r.subject.name).join(' | ')} |
|${'---|'.repeat(independent.length + 2)}
${independentTypeRows.join('\n')}

Lethe (default detectors) per language, %:

| recall | ${LANGUAGES.join(' | ')} |
|${'---|'.repeat(LANGUAGES.length + 1)}
${independentLangRows.join('\n')}

Ordinary words kept, %:

| redactor | words kept | false positives |
|---|---|---|
${independentKeptRows.join('\n')}

### Own corpus (issue 3)

Corpus: \`bench/corpus/chat-lines.jsonl\`, ${lines.length} FR/SV/EN chat lines, ${megabytes.toFixed(2)} MB, generated by
\`bench/corpus/generate.ts\` (seeded, no network). Recall counts a labelled value as redacted when every letter
and digit of it is; "typed" also needs the right type. A false positive is a redaction that touches no labelled value.

### Throughput (MB of UTF-8 text per CPU second of the process, user + system, median of ${RUNS} runs)

| redactor | median MB per CPU s | × redact-pii | runs (MB per CPU s, in round order) |
|---|---|---|---|
${speedRows.join('\n')}

Target: at least 10× redact-pii → ${ratioToPeer(0) >= 10 ? 'met' : 'MISSED'} (${ratioToPeer(0).toFixed(1)}×, median of the per-round ratios).
Timed in CPU seconds: on the shared machine the wall clock gave the same redactor 0.4–9.5 MB/s within one run
(load average about 15).

### Recall per labelled type, %

${recallHeader}
|${'---|'.repeat(results.length + 2)}
${recallRows.join('\n')}

Target: recall ≥ 98 % on every type → ${LABELLED.every((t) => (results[0].quality.types.find((q) => q.type === t)?.recall ?? 0) >= 0.98) ? 'met' : 'MISSED'} by Lethe.

### Precision and over-redaction

| redactor | recall % | precision % | false positives | ordinary words touched | unlabelled lines changed |
|---|---|---|---|---|---|
${summaryRows.join('\n')}

Precision per found type, % (number found):

| redactor | types |
|---|---|
${precisionRows.join('\n')}

Caveat: the corpus and the engine were written by the same team; the corpus proves the formats the detectors
claim (see \`bench/corpus/entities.ts\`), not formats nobody thought of.
`;

process.stdout.write(`${body}\n`);
if (WRITE) writeSection(join(__dirname, '..', 'RESULTS.md'), 'redaction', body);
