import { randomBytes } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import * as z from 'zod';
import { LetheError } from '../../domain/errors';
import { parsePolicy } from '../../domain/policy/parse';
import { PRESETS, presetPolicy } from '../../domain/policy/presets';
import {
  createRedactor,
  type KnownIdentifiers,
  type RedactionSettingsInput,
  type Redactor,
} from '../../domain/redaction';
import { QualityTally, type QualityReport } from '../../domain/redaction/evaluation';
import { fieldProblems } from '../../domain/validation';
import { inputChunksOfWholeLines, linesOf } from '../line-chunks';
import { jsonText, newTable } from '../output';
import { KnownSchema, type RedactedChunk, redactLines } from '../redact-lines';
import { idleCores, RedactWorkerPool, type RedactorInput } from '../redact-workers';

/**
 * `lethe redact [--policy FILE | --preset NAME]` — preview a tenant's redaction on real exports.
 * Reads stdin in chunks and writes the redacted lines in chunks of about 64 K characters (with
 * back-pressure, so memory stays flat on any input size; past the first 4 MB, worker
 * threads share the chunks, one per idle core or --threads, and the output keeps the input's order):
 *  - a line starting with `{` is a JSON object: every string value in it is redacted (as for
 *    chatbot payloads); an optional `known` {name, email, phone} is used as the interaction's
 *    known identifiers and left out of the output;
 *  - any other line is plain text.
 * A line that starts with `{` but is not JSON is reported on stderr with its number and NOT
 * written (it could hold what we were asked to hide); the rest goes on and the exit code is 1.
 *
 * `lethe redact --evaluate FILE` scores the redactor on labelled JSON lines
 * {"text", "spans": [{"start", "end", "type"}], "lang"?, "known"?}: per-type recall and precision
 * (and recall per language when lines carry one), the share of ordinary words kept, and
 * throughput. Throughput is timed after the scoring pass, once the JIT is warm, by redacting the
 * file's texts again for at least a second (the first 64 MB of them, held in memory for this);
 * bench/redaction is the reference measurement.
 *
 * Exit codes: 0 done; 1 some input lines were skipped; 2 bad options or policy (fields named).
 * Pseudonym mode uses LETHE_PSEUDONYM_KEY (hex) when set, else a random key for this run only.
 */
export function register(program: Command, workerScript?: string): void {
  program
    .command('redact')
    .description(
      'Redact JSON lines ({"text": …}) or plain lines from stdin to stdout, or score the redactor on a labelled file.',
    )
    .option('--policy <file>', 'tenant policy JSON file; its redaction section is applied')
    .option('--preset <name>', `use a preset policy: ${Object.keys(PRESETS).join(', ')}`)
    .option(
      '--evaluate <file>',
      'labelled JSON lines {"text", "spans": [{"start", "end", "type"}]}: print recall, precision, throughput',
    )
    .option('--json', 'with --evaluate: print the scores as JSON instead of a table')
    .option(
      '--threads <n>',
      `threads that redact past the first 4 MB, 1 to ${MAX_THREADS} (default: the cores other work leaves idle)`,
    )
    .action(async (options: RedactOptions) => {
      process.exitCode = await runRedact(
        options,
        {
          stdin: process.stdin,
          stdout: process.stdout,
          stderr: process.stderr,
        },
        workerScript,
      );
    });
}

interface RedactOptions {
  threads?: string;
  policy?: string;
  preset?: string;
  evaluate?: string;
  json?: boolean;
}

interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

class UsageError extends Error {}

/** `workerScript`: the CLI bundle, which can serve as a redaction worker (redact-workers.ts); without it, one thread. */
export async function runRedact(options: RedactOptions, io: Io, workerScript?: string): Promise<number> {
  let redactor: Redactor;
  let input: RedactorInput;
  let threads: number;
  try {
    threads = threadCount(options.threads);
    input = redactorInputFor(options, io.stderr);
    redactor = createRedactor(input.settings, input.options);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof LetheError)) throw error;
    const fields = error instanceof LetheError ? error.fields.map((f) => `\n  ${f.path}: ${f.message}`).join('') : '';
    io.stderr.write(`lethe redact: ${error.message}${fields}\n`);
    return 2;
  }
  if (options.evaluate) return evaluate(options.evaluate, redactor, io, Boolean(options.json));
  return redactStream(redactor, input, io, workerScript ? { script: workerScript, threads } : undefined);
}

/** The --threads option, or the idle cores: on a machine other work keeps busy, more threads only cost CPU. */
function threadCount(option: string | undefined): number {
  if (option === undefined) return Math.max(1, Math.min(MAX_THREADS, idleCores()));
  const n = Number(option);
  if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS)
    throw new UsageError(`--threads must be a whole number from 1 to ${MAX_THREADS}, not ${option}`);
  return n;
}

function redactorInputFor(options: RedactOptions, stderr: Writable): RedactorInput {
  if (options.policy && options.preset) throw new UsageError('choose --policy or --preset, not both');
  const policy = options.policy
    ? policyFromFile(options.policy)
    : options.preset
      ? presetFrom(options.preset)
      : undefined;
  const settings: RedactionSettingsInput = policy?.redaction ?? {};
  let pseudonymKey: Uint8Array | undefined;
  if (settings.replacement === 'pseudonym') {
    const hex = process.env.LETHE_PSEUDONYM_KEY;
    if (hex && !/^([0-9a-fA-F]{2}){16,}$/.test(hex))
      throw new UsageError('LETHE_PSEUDONYM_KEY must be at least 32 hex digits');
    if (!hex)
      stderr.write(
        'lethe redact: pseudonyms use a random key for this run only (set LETHE_PSEUDONYM_KEY to reuse one)\n',
      );
    pseudonymKey = hex ? Buffer.from(hex, 'hex') : randomBytes(32);
  }
  return { settings, options: { pseudonymKey, defaultCallingCode: policy?.defaultCallingCode } };
}

function policyFromFile(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  try {
    return parsePolicy(json);
  } catch (error) {
    if (error instanceof LetheError) throw new LetheError(error.code, `${file}: ${error.message}`, error.fields);
    throw error;
  }
}

function presetFrom(name: string) {
  try {
    return presetPolicy(name);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

/** Past this many bytes of input (4 MB), the rest is redacted by worker threads too (when there are cores for them). */
const PARALLEL_FROM_BYTES = 4e6;
/** Chunks handed out and not yet written, per thread: enough to keep each busy, few enough to keep memory flat. */
const CHUNKS_IN_FLIGHT_PER_THREAD = 2;
const MAX_THREADS = 8;

/** `parallel`: the script workers run and how many threads redact; without it, this thread alone. */
async function redactStream(
  redactor: Redactor,
  input: RedactorInput,
  io: Io,
  parallel?: { script: string; threads: number },
): Promise<number> {
  let lineNumber = 0;
  let skipped = 0;
  let bytesRead = 0;
  let pool: RedactWorkerPool | undefined;
  // This thread redacts its share too: one core, one thread, and one JIT warm-up fewer.
  const threads = parallel?.threads ?? 1;
  // Chunks are answered in input order, each as soon as it and those before it are done, and
  // none held back: what was read is answered before more is read.
  let written: Promise<void> = Promise.resolve();
  const inFlight: Promise<void>[] = [];
  // Written in input order, so the lines are numbered here, as they are written.
  const write = async ({ out, lines, skipped: skippedLines }: RedactedChunk) => {
    for (const { index, reason } of skippedLines)
      io.stderr.write(`lethe redact: line ${lineNumber + index + 1}: ${reason}; skipped\n`);
    skipped += skippedLines.length;
    lineNumber += lines;
    if (out.length > 0 && !io.stdout.write(out)) await once(io.stdout, 'drain');
  };
  try {
    for await (const bytes of inputChunksOfWholeLines(io.stdin)) {
      bytesRead += bytes.length;
      if (!pool && threads > 1 && bytesRead > PARALLEL_FROM_BYTES)
        pool = new RedactWorkerPool(parallel?.script as string, threads - 1, input);
      // A worker with room takes the chunk; this thread, which also reads and writes, redacts only
      // what would otherwise wait: so it takes a smaller share than the workers.
      const chunk = pool?.hasRoom(CHUNKS_IN_FLIGHT_PER_THREAD)
        ? pool.redact(bytes)
        : redactLines(redactor, linesOf(bytes));
      const done = written.then(async () => write(await chunk));
      // Awaited below or by the chunk after it; marked handled so a failure surfaces there, once.
      done.catch(() => {});
      written = done;
      inFlight.push(done);
      if (inFlight.length > (pool ? threads * CHUNKS_IN_FLIGHT_PER_THREAD : 0)) await inFlight.shift();
    }
    await written;
  } finally {
    await pool?.close();
  }
  if (skipped) io.stderr.write(`lethe redact: ${skipped} of ${lineNumber} lines skipped\n`);
  return skipped ? 1 : 0;
}

const LabelledLineSchema = z
  .object({
    text: z.string(),
    spans: z
      .array(z.object({ start: z.number().int().min(0), end: z.number().int().min(1), type: z.string().min(1) }))
      .default([]),
    lang: z.string().min(1).optional(),
    known: KnownSchema.optional(),
  })
  .superRefine((l, ctx) =>
    l.spans.forEach((s, i) => {
      if (s.end <= s.start || s.end > l.text.length)
        ctx.addIssue({
          code: 'custom',
          path: ['spans', i],
          message: `must satisfy start < end <= text length (${l.text.length})`,
        });
    }),
  );

/** The labelled line, or what is wrong with it. */
function parseLabelledLine(line: string): z.infer<typeof LabelledLineSchema> | string {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  const result = LabelledLineSchema.safeParse(json);
  return result.success
    ? result.data
    : fieldProblems(result.error)
        .map((p) => `${p.path} ${p.message}`)
        .join('; ');
}

async function evaluate(file: string, redactor: Redactor, io: Io, json: boolean): Promise<number> {
  const tally = new QualityTally();
  const byLanguage = new Map<string, QualityTally>();
  let lineNumber = 0;
  let skipped = 0;
  const texts: string[] = [];
  let bytes = 0;
  const input = createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => input.once('open', () => resolve()).once('error', reject));
  try {
    await opened;
  } catch (error) {
    io.stderr.write(`lethe redact: cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    if (!line.trim()) continue;
    const parsed = parseLabelledLine(line);
    if (typeof parsed === 'string') {
      skipped++;
      io.stderr.write(`lethe redact: ${file} line ${lineNumber}: ${parsed}; skipped\n`);
      continue;
    }
    const { text, spans, lang, known } = parsed;
    const findings = redactor.redact(text, known as KnownIdentifiers | undefined).findings;
    tally.add(text, spans, findings);
    if (lang) {
      if (!byLanguage.has(lang)) byLanguage.set(lang, new QualityTally());
      byLanguage.get(lang)!.add(text, spans, findings);
    }
    if (bytes < TIMED_BYTES) {
      texts.push(text);
      bytes += Buffer.byteLength(text);
    }
  }
  const languages = new Map([...byLanguage].map(([lang, t]) => [lang, t.report()]));
  const [report, lines, speed] = [tally.report(), lineNumber - skipped, throughput(redactor, texts, bytes)];
  io.stdout.write(
    json
      ? jsonText({ ...report, languages: Object.fromEntries(languages), lines, throughput: speed })
      : formatReport(report, languages, lines, speed),
  );
  return skipped ? 1 : 0;
}

const TIMED_BYTES = 64e6;
const TIMED_SECONDS = 1;

function throughput(
  redactor: Redactor,
  texts: string[],
  bytes: number,
): { megabytes: number; passes: number; megabytesPerSecond: number } {
  const start = process.hrtime.bigint();
  let passes = 0;
  let seconds = 0;
  while (texts.length > 0 && (passes === 0 || seconds < TIMED_SECONDS)) {
    for (const text of texts) redactor.redact(text);
    passes++;
    seconds = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return { megabytes: bytes / 1e6, passes, megabytesPerSecond: seconds > 0 ? (passes * bytes) / 1e6 / seconds : 0 };
}

const percent = (x: number) => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)} %`);

/** Recall per labelled type (rows) and language (columns), with the share of ordinary words kept. */
function languageTable(languages: ReadonlyMap<string, QualityReport>): string {
  const langs = [...languages.keys()].sort();
  const types = [
    ...new Set([...languages.values()].flatMap((r) => r.types.filter((t) => t.labelled > 0).map((t) => t.type))),
  ].sort();
  const table = newTable(['recall', ...langs]);
  for (const type of types)
    table.push([
      type,
      ...langs.map((l) => percent(languages.get(l)!.types.find((t) => t.type === type)?.recall ?? NaN)),
    ]);
  table.push(['ordinary words kept', ...langs.map((l) => percent(wordsKept(languages.get(l)!)))]);
  return table.toString();
}

const wordsKept = (r: QualityReport) => (r.words === 0 ? NaN : 1 - r.overRedactedWords / r.words);

function formatReport(
  report: QualityReport,
  languages: ReadonlyMap<string, QualityReport>,
  lines: number,
  speed: ReturnType<typeof throughput>,
): string {
  const table = newTable(['type', 'labelled', 'redacted', 'recall', 'typed recall', 'found', 'precision']);
  for (const t of [...report.types, report.overall])
    table.push([
      t.type,
      t.labelled,
      t.redacted,
      percent(t.recall),
      percent(t.typedRecall),
      t.found,
      percent(t.precision),
    ]);
  return [
    table.toString(),
    `lines: ${lines}`,
    `throughput: ${speed.megabytesPerSecond.toFixed(1)} MB/s (one core, ${speed.passes} passes over ${speed.megabytes.toFixed(2)} MB of text)`,
    `false positives (redactions touching no labelled span): ${report.falsePositives}`,
    `ordinary words touched: ${report.overRedactedWords} of ${report.words} (kept ${percent(wordsKept(report))})`,
    ...(languages.size ? ['per language:', languageTable(languages)] : []),
    '',
  ].join('\n');
}
