import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AwsClients } from '../../functions/adapters/aws-clients';
import { systemClock } from '../../functions/domain/clock';
import { appendMessages } from '../../functions/usecases/ingest/append-messages';
import { recordConsent } from '../../functions/usecases/ingest/record-consent';
import { startInteraction } from '../../functions/usecases/ingest/start-interaction';
import { subjectRequestDeps } from '../../functions/usecases/subject-requests/deps';
import { fileSubjectRequest } from '../../functions/usecases/subject-requests/file-request';
import { executeSubjectRequest } from '../../functions/usecases/subject-requests/run-request';
import { createTenant } from '../../functions/usecases/tenants/create-tenant';
import { writeSection } from '../redaction/results-section';
import { withBenchStack } from '../support/bench-stack';
import { loadConversations, RECORDS_PER_CONVERSATION } from './background';
import { countingContainer, RequestCounter } from './counting';

/**
 * Erasure time and request counts for one subject while the store around it grows:
 *   npx ts-node --transpile-only bench/erasure/run.ts [--sizes 10000,100000,1000000] [--interactions 8] [--runs 7] [--settle 15] [--no-write]
 *
 * The local stack (DynamoDB Local in memory, s3rver, local KMS) is started in this process. One
 * iAdvize tenant; its records tables (both regions) are filled with other people's conversations
 * up to each size; at each size `--runs` fresh subjects (`--interactions` conversations each, half
 * chat in eu-central-1, half SMS in us-east-1, two messages each, plus a consent proof) are created
 * through the ingest use cases and erased through the subject-request use cases, with an SDK
 * middleware counting every DynamoDB, S3 and KMS request of the erasure. Results go to the erasure
 * section of bench/RESULTS.md.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const SIZES = option('--sizes', '10000,100000,1000000').split(',').map(Number);
const INTERACTIONS = Number(option('--interactions', '8'));
const RUNS = Number(option('--runs', '7'));
/** Seconds to wait after loading, before measuring: DynamoDB Local's JVM collects the garbage of the load. */
const SETTLE = Number(option('--settle', '15'));
const WRITE = !args.includes('--no-write');
const ROOT = resolve(__dirname, '..', '..');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

interface Row {
  records: number;
  subjectRecords: number;
  ms: number[];
  /** Per run, milliseconds spent waiting for DynamoDB and for S3. */
  dynamoMs: number[];
  s3Ms: number[];
  dynamo: number;
  s3: number;
  kms: number;
  commands: Record<string, Record<string, number>>;
  loadSeconds: number;
  /** Median milliseconds of one GetItem and of one `bySubject` Query on DynamoDB Local at this size. */
  probe: { get: number; query: number };
}

async function main(): Promise<void> {
  await withBenchStack(async (config) => {
    const counter = new RequestCounter();
    const c = countingContainer(config, systemClock, counter);
    const deps = subjectRequestDeps(c);
    const loader = new AwsClients(config);
    const { tenantId } = await createTenant(
      { name: 'bench erasure', preset: 'iadvize' },
      {
        directory: c.directory,
        keyVault: c.keyVault,
        clock: c.clock,
        homeRegion: config.homeRegion,
        deployedRegions: config.regions,
      },
    );
    const rows: Row[] = [];
    let loaded = 0;
    let serial = 0;
    const erase = async (subject: { email: string; phone: string }) => {
      const filed = await fileSubjectRequest(
        deps,
        tenantId,
        { kind: 'operator' },
        { type: 'erase', identifiers: subject, options: {} },
      );
      const job = await executeSubjectRequest(deps, tenantId, filed.requestId);
      if (!job.result?.verification.ok) throw new Error(`erasure ${filed.requestId} was not verified`);
      return job.result;
    };
    const subjectNumber = () => ({
      email: `bench.subject${++serial}@example.fr`,
      phone: `+3361${String(1000000 + serial).slice(-7)}`,
    });
    // One erasure first, unmeasured: JIT of this process and of DynamoDB Local's JVM.
    const warmUp = subjectNumber();
    await createSubject(c, tenantId, warmUp);
    await erase(warmUp);

    for (const size of SIZES) {
      const target = Math.ceil(size / RECORDS_PER_CONVERSATION);
      const started = performance.now();
      await loadConversations(
        config,
        (r) => loader.dynamoFor(r),
        (r) => loader.s3For(r),
        tenantId,
        target - loaded,
        (n) => log(`loaded ${(loaded + n) * RECORDS_PER_CONVERSATION} records`),
      );
      const loadSeconds = (performance.now() - started) / 1000;
      loaded = target;
      await new Promise((r) => setTimeout(r, SETTLE * 1000));
      const probe = await probeLatency(
        loader.dynamoFor(config.homeRegion),
        config.regional[config.homeRegion].recordsTable,
        tenantId,
      );
      const row: Row = {
        records: loaded * RECORDS_PER_CONVERSATION,
        subjectRecords: 0,
        ms: [],
        dynamoMs: [],
        s3Ms: [],
        dynamo: 0,
        s3: 0,
        kms: 0,
        commands: {},
        loadSeconds,
        probe,
      };
      for (let run = 0; run < RUNS; run++) {
        const subject = subjectNumber();
        await createSubject(c, tenantId, subject);
        counter.reset();
        const t0 = performance.now();
        const certificate = await erase(subject);
        row.ms.push(performance.now() - t0);
        const counts = counter.byService();
        const waited = counter.msByService();
        row.dynamoMs.push(waited.DynamoDB ?? 0);
        row.s3Ms.push(waited.S3 ?? 0);
        row.subjectRecords = certificate.lines.filter((l) => l.store === 'records').reduce((n, l) => n + l.found, 0);
        row.dynamo = counts.DynamoDB?.total ?? 0;
        row.s3 = counts.S3?.total ?? 0;
        row.kms = counts.KMS?.total ?? 0;
        row.commands = counts;
        log(
          `${row.records} records: erased ${row.subjectRecords} in ${row.ms.at(-1)!.toFixed(0)} ms, ${row.dynamo} DynamoDB (${JSON.stringify(counter.capacityUnits())} capacity units) + ${row.s3} S3 + ${row.kms} KMS requests`,
        );
      }
      rows.push(row);
    }
    const body = report(rows);
    process.stdout.write(`${body}\n`);
    if (WRITE) writeSection(join(ROOT, 'bench', 'RESULTS.md'), 'erasure', body);
  });
}

const PROBES = 200;

/**
 * What one request costs DynamoDB Local at the current size, measured alone: a GetItem of a
 * missing key and a `bySubject` Query of an unknown subject, `PROBES` of each, one at a time.
 */
async function probeLatency(
  client: DynamoDBDocumentClient,
  table: string,
  tenantId: string,
): Promise<{ get: number; query: number }> {
  const time = async (send: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < PROBES; i++) {
      const t0 = performance.now();
      await send();
      samples.push(performance.now() - t0);
    }
    return median(samples);
  };
  return {
    get: await time(() =>
      client.send(new GetCommand({ TableName: table, Key: { pk: `T#${tenantId}#I#probe`, sk: 'INFO' } })),
    ),
    query: await time(() =>
      client.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'bySubject',
          KeyConditionExpression: 'subjectKey = :k',
          ExpressionAttributeValues: { ':k': `T#${tenantId}#probe` },
        }),
      ),
    ),
  };
}

/** A subject with `INTERACTIONS` conversations in two regions and a consent proof, through the real ingest use cases. */
async function createSubject(
  c: ReturnType<typeof countingContainer>,
  tenantId: string,
  subject: { email: string; phone: string },
): Promise<void> {
  const now = () => new Date().toISOString();
  for (let i = 0; i < INTERACTIONS; i++) {
    const chat = i % 2 === 0;
    const body = chat
      ? {
          channel: 'chat',
          startedAt: now(),
          participant: subject,
          consent: { gdpr: { granted: true, noticeVersion: 'v1' } },
        }
      : { channel: 'sms', startedAt: now(), participant: { phone: subject.phone } };
    const { interactionId } = (await startInteraction(c, tenantId, { body })).body;
    await appendMessages(c, tenantId, interactionId, {
      body: {
        messages: [
          { from: 'visitor', at: now(), text: 'Where is my parcel?' },
          { from: 'agent', at: now(), text: 'On its way.' },
        ],
      },
    });
  }
  await recordConsent(c, tenantId, {
    body: { subject, purpose: 'gdpr', granted: true, noticeVersion: 'v1', channel: 'chat', at: now() },
  });
}

function report(rows: Row[]): string {
  const medians = rows.map((r) => median(r.ms));
  const fastest = rows.map((r) => Math.min(...r.ms));
  const dynamoMedians = rows.map((r) => median(r.dynamoMs));
  const requests = rows.map((r) => r.dynamo + r.s3 + r.kms);
  const ratio = (values: number[]) => Math.max(...values) / Math.min(...values);
  const last = rows.at(-1)!;
  const commands = Object.entries(last.commands)
    .map(
      ([service, byCommand]) =>
        `${service}: ${Object.entries(byCommand)
          .filter(([k]) => k !== 'total')
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`,
    )
    .join('; ');
  return [
    '## Erasure (issue 5: bench/erasure/run.ts)',
    '',
    `Command: \`npx ts-node --transpile-only bench/erasure/run.ts --sizes ${SIZES.join(',')} --interactions ${INTERACTIONS} --runs ${RUNS} --settle ${SETTLE}\``,
    '',
    `One iAdvize tenant on the local stack (DynamoDB Local in memory, s3rver, local KMS, all on this machine). Its records tables (eu-central-1 and us-east-1) are filled with other people's conversations (general info + 3 chat lines + 2 subject-index entries each, sealed fields, \`byExpiry\` and \`bySubject\` attributes; a recording object for one in 20) up to each size (then ${SETTLE} s of rest). At each size ${RUNS} fresh subjects, each with ${INTERACTIONS} conversations (chat in eu-central-1, SMS in us-east-1, 2 messages each) and a consent proof, are erased one after the other through the subject-request use cases (file, inventory, erase, verify, certify), after one unmeasured warm-up erasure. An SDK middleware counts every request the erasure sends. Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at the end.`,
    '',
    '| records in the store | subject records | erasure ms, fastest | erasure ms, median | runs ms | of which DynamoDB ms (median) | of which S3 ms (median) | DynamoDB requests | S3 requests | KMS requests | DynamoDB Local alone: GetItem / `bySubject` Query ms | load time s |',
    '|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r, i) =>
        `| ${r.records.toLocaleString('en-US')} | ${r.subjectRecords} | ${fastest[i].toFixed(0)} | ${medians[i].toFixed(0)} | ${r.ms.map((m) => m.toFixed(0)).join(', ')} | ${dynamoMedians[i].toFixed(0)} | ${median(r.s3Ms).toFixed(0)} | ${r.dynamo} | ${r.s3} | ${r.kms} | ${r.probe.get.toFixed(2)} / ${r.probe.query.toFixed(2)} | ${r.loadSeconds.toFixed(0)} |`,
    ),
    '',
    `Largest / smallest: requests ${ratio(requests).toFixed(2)}; fastest erasure ${ratio(fastest).toFixed(2)}; median erasure ${ratio(medians).toFixed(2)}; median time waiting for DynamoDB ${ratio(dynamoMedians).toFixed(2)}. Target ≤ 1.2 — requests: ${ratio(requests) <= 1.2 ? 'met' : 'not met'}; fastest time: ${ratio(fastest) <= 1.2 ? 'met' : 'not met'}; median time: ${ratio(medians) <= 1.2 ? 'met' : 'not met'}. The fastest of the runs is the estimate least disturbed by other work on the machine (interference only ever adds time); the spread of the runs at each size shows how much that was. The last column times single requests of DynamoDB Local on their own, ${PROBES} of each: what the emulator itself charges per request at each size.`,
    '',
    `Requests of one erasure at the largest size, by command: ${commands}.`,
    '',
    'Why it is flat: one `bySubject` Query per subject key and region finds the subject; each of its partitions is then read by key in each region; its objects are named by its records (a recording pointer names its sealed object and its upload) and only the raw-upload prefix of each of its conversations is listed; everything is deleted by key. Nothing depends on how many other records the tables hold, so the request counts are identical at every size. Times are those of the emulators on a shared 2-core machine (DynamoDB Local, SQLite underneath, has its own per-request cost); the two "of which" columns split each erasure\'s time between DynamoDB and S3 requests, the rest is KMS, the directory and this process.',
  ].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
