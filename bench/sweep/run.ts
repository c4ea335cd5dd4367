import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AwsClients } from '../../functions/adapters/aws-clients';
import { SettableClock } from '../../functions/domain/clock';
import { parsePolicy } from '../../functions/domain/policy/parse';
import { PRESETS, type PresetName } from '../../functions/domain/policy/presets';
import type { TenantPolicyInput } from '../../functions/domain/policy/schema';
import { expiryOf } from '../../functions/domain/retention/record-expiry';
import { totalOf } from '../../functions/domain/sweep/summary';
import { appendMessages } from '../../functions/usecases/ingest/append-messages';
import { startInteraction } from '../../functions/usecases/ingest/start-interaction';
import { runSweep } from '../../functions/usecases/nightly-sweep/run-sweep';
import { createTenant } from '../../functions/usecases/tenants/create-tenant';
import { countingContainer, RequestCounter } from '../erasure/counting';
import { writeSection } from '../redaction/results-section';
import { withBenchStack } from '../support/bench-stack';
import { measuredCommit } from '../support/measured-commit';
import { seedEvents } from './seed';

/**
 * Retention sweep throughput and request counts against DynamoDB Local:
 *   npx ts-node --transpile-only bench/sweep/run.ts [--records 100000] [--runs 3] [--cost-records 400] [--no-write]
 *
 * The local stack (DynamoDB Local in memory, s3rver, local KMS) runs in this process, the sweep is
 * the production use case with the production container, every SDK request counted by a
 * middleware. Throughput: `--runs` times, a fresh Puzzel tenant gets `--records` chatbot events
 * that all fall due within one night (written straight to the tables as ingest writes them), and
 * one sweep deletes them; the table shows the median. Costs: for each post-expiry action,
 * `--cost-records` events of a tenant whose policy applies that action are swept and the requests
 * counted per record, less those of the same night without records (the fixed cost). Chat-log
 * lines: a Puzzel chat with 0, 10 and 50 lines, swept the night its lines fall due, DynamoDB
 * capacity units and requests counted. Bounded: every run handles a fixed number of records. Results go to the
 * sweep section of bench/RESULTS.md (and the cost model of docs/retention-cost-model.md uses them).
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const RECORDS = option('--records', 100_000);
const RUNS = option('--runs', 3);
const COST_RECORDS = option('--cost-records', 400);
/** Due chat-log lines of the chat-line nights (0: the night's fixed cost). */
const CHAT_LINES = [0, 10, 50];
const WRITE = !args.includes('--no-write');
const ROOT = resolve(__dirname, '..', '..');
const DAY_MS = 86_400_000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

interface CostScenario {
  name: string;
  preset: PresetName;
  edit: (policy: TenantPolicyInput) => void;
  sealing: 'raw' | 'vault';
  /** The summary column the action counts in. */
  column: 'deleted' | 'anonymised' | 'archived';
}

const COST_SCENARIOS: CostScenario[] = [
  {
    name: 'delete (partition with its index entries and data key)',
    preset: 'puzzel',
    edit: () => undefined,
    sealing: 'raw',
    column: 'deleted',
  },
  {
    name: 'anonymise (sealed fields removed, statistics kept)',
    preset: 'puzzel',
    edit: (p) => void (p.classes.event = { ...p.classes.event, afterExpiry: 'anonymize' }),
    sealing: 'raw',
    column: 'anonymised',
  },
  {
    name: 'archive (object in the archive bucket + pointer)',
    preset: 'inbenta',
    edit: () => undefined,
    sealing: 'raw',
    column: 'archived',
  },
  {
    name: 'seal in the litigation archive, then delete',
    preset: 'puzzel',
    edit: (p) => void (p.litigation = { sealClasses: ['event'] }),
    sealing: 'vault',
    column: 'deleted',
  },
];

async function main(): Promise<void> {
  await withBenchStack(async (config) => {
    const region = config.homeRegion;
    const counter = new RequestCounter();
    const clock = new SettableClock(new Date());
    const c = countingContainer(config, clock, counter);
    const loader = new AwsClients(config).dynamoFor(region);
    // Seeding seals with a container of its own: the sweep's key cache starts cold, as in a Lambda.
    const seeder = countingContainer(config, clock, new RequestCounter());

    /** A tenant of `preset` (edited, saved as revision 2), and when its events fall due. */
    const tenantOf = async (preset: PresetName, edit: (p: TenantPolicyInput) => void) => {
      clock.set(new Date());
      const { tenantId } = await createTenant(
        { name: `bench sweep ${preset}`, preset },
        { directory: c.directory, keyVault: c.keyVault, clock, homeRegion: region, deployedRegions: config.regions },
      );
      const input = PRESETS[preset]();
      edit(input);
      input.revision = 2;
      const policy = parsePolicy(input);
      await c.directory.savePolicy({
        tenantId,
        revision: 2,
        policy,
        savedAt: clock.now().toISOString(),
        savedBy: 'bench',
      });
      const due = expiryOf({ dataClass: 'event', createdAt: clock.now() }, policy);
      return { tenantId, due };
    };

    /**
     * One night's sweep of a tenant whose `count` events fall due that night, as the schedule runs
     * it (the night before already swept the days in between, unmeasured): wall time and requests.
     */
    const night = async (
      preset: PresetName,
      edit: (p: TenantPolicyInput) => void,
      count: number,
      sealing: 'raw' | 'vault',
    ) => {
      const { tenantId, due } = await tenantOf(preset, edit);
      await runSweep(c, { tenantId, now: new Date(due.getTime() - 1000) });
      const seeded = performance.now();
      if (count)
        await seedEvents(config, loader, seeder.vault, {
          tenantId,
          region,
          count,
          expiresFrom: Math.ceil(due.getTime() / 1000),
          sealing,
        });
      const seedSeconds = (performance.now() - seeded) / 1000;
      counter.reset();
      const started = performance.now();
      const report = await runSweep(c, { tenantId, now: new Date(due.getTime() + DAY_MS) });
      const seconds = (performance.now() - started) / 1000;
      if (report.failures.length) throw new Error(`${report.failures.length} failures: ${report.failures[0].reason}`);
      return { seconds, seedSeconds, total: totalOf(report.rows), requests: counter.byService() };
    };
    const allRequests = (requests: Record<string, Record<string, number>>) =>
      Object.values(requests).reduce((n, s) => n + s.total, 0);

    // Throughput: delete, the commonest action (and Puzzel's for every class). A smaller first run warms
    // this process and DynamoDB Local's JVM and is not counted.
    const runs: { records: number; seconds: number; perRecord: number }[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const count = run === 0 ? Math.min(RECORDS, 5000) : RECORDS;
      const result = await night('puzzel', () => undefined, count, 'raw');
      if (result.total.deleted !== count) throw new Error(`run ${run}: deleted ${result.total.deleted} of ${count}`);
      const perRecord = allRequests(result.requests) / count;
      log(
        `run ${run}: seeded ${count} in ${result.seedSeconds.toFixed(0)} s, swept in ${result.seconds.toFixed(1)} s: ${(count / result.seconds).toFixed(0)} records/s, ${perRecord.toFixed(2)} requests/record${run === 0 ? ' (warm-up)' : ''}`,
      );
      if (run > 0) runs.push({ records: count, seconds: result.seconds, perRecord });
    }

    // Requests per record, per action: a night with records less the same night without any.
    const costs: {
      name: string;
      perRecord: Record<string, Record<string, number>>;
      fixed: number;
      recordsPerSecond: number;
    }[] = [];
    for (const scenario of COST_SCENARIOS) {
      const empty = await night(scenario.preset, scenario.edit, 0, scenario.sealing);
      const full = await night(scenario.preset, scenario.edit, COST_RECORDS, scenario.sealing);
      if (full.total[scenario.column] !== COST_RECORDS)
        throw new Error(`${scenario.name}: ${JSON.stringify(full.total)}`);
      const services = new Set([...Object.keys(full.requests), ...Object.keys(empty.requests)]);
      const perRecord = Object.fromEntries(
        [...services].map((service) => {
          const commands = new Set([
            ...Object.keys(full.requests[service] ?? {}),
            ...Object.keys(empty.requests[service] ?? {}),
          ]);
          return [
            service,
            Object.fromEntries(
              [...commands].map((k) => [
                k,
                ((full.requests[service]?.[k] ?? 0) - (empty.requests[service]?.[k] ?? 0)) / COST_RECORDS,
              ]),
            ),
          ];
        }),
      );
      costs.push({
        name: scenario.name,
        perRecord,
        fixed: allRequests(empty.requests),
        recordsPerSecond: COST_RECORDS / full.seconds,
      });
      log(
        `${scenario.name}: ${JSON.stringify(perRecord)} per record; ${allRequests(empty.requests)} requests for the night without records`,
      );
    }

    // Chat-log lines: a Puzzel chat whose lines fall due 30 days on (its general info stays), swept the night after.
    const lineNights: { lines: number; rru: number; wru: number; dynamo: number; queries: number }[] = [];
    for (const lines of CHAT_LINES) {
      clock.set(new Date());
      const { tenantId } = await createTenant(
        { name: 'bench sweep chat lines', preset: 'puzzel' },
        { directory: c.directory, keyVault: c.keyVault, clock, homeRegion: region, deployedRegions: config.regions },
      );
      const started = await startInteraction(c, tenantId, {
        body: { channel: 'chat', startedAt: clock.now().toISOString(), participant: { email: 'lines@example.com' } },
      });
      const id = started.body.interactionId;
      for (let i = 0; i < lines; i += 25)
        await appendMessages(c, tenantId, id, {
          body: {
            messages: Array.from({ length: Math.min(25, lines - i) }, (_, k) => ({
              from: 'visitor',
              at: clock.now().toISOString(),
              text: `line ${i + k} of a conversation about a parcel that never arrived`,
            })),
          },
        });
      const night = new Date(clock.now().getTime() + 31 * DAY_MS);
      clock.set(night);
      counter.reset();
      const report = await runSweep(c, { tenantId, now: night });
      const deleted = report.rows.filter((r) => r.dataClass === 'transcript').reduce((n, r) => n + r.tally.deleted, 0);
      if (deleted !== lines) throw new Error(`chat lines: deleted ${deleted} of ${lines}`);
      const units = counter.capacityUnits();
      const dynamo = counter.byService().DynamoDB ?? { total: 0 };
      lineNights.push({ lines, rru: units.read, wru: units.write, dynamo: dynamo.total, queries: dynamo.Query ?? 0 });
      log(`chat with ${lines} due lines: ${JSON.stringify(lineNights.at(-1))}`);
    }
    const noLines = lineNights[0];

    const mid = median(runs.map((r) => r.records / r.seconds));
    const fmt = (n: number) => Math.round(n).toLocaleString('en');
    const perService = (c: (typeof costs)[number], service: string) =>
      fmt((c.perRecord[service]?.total ?? 0) * 1_000_000);
    const commands = (c: (typeof costs)[number]) =>
      Object.entries(c.perRecord)
        .flatMap(([service, byCommand]) =>
          Object.entries(byCommand)
            .filter(([k, n]) => k !== 'total' && Math.abs(n) >= 0.005)
            .map(([k, n]) => `${service} ${k} ${n.toFixed(2)}`),
        )
        .join(', ');
    const body = [
      '## Retention sweep (bench/sweep/run.ts)',
      '',
      `Command: \`npx ts-node --transpile-only bench/sweep/run.ts --records ${RECORDS} --runs ${RUNS} --cost-records ${COST_RECORDS}\`, commit ${measuredCommit(ROOT)}`,
      '',
      `The production sweep (\`runSweep\`, production container) against the local stack in this process: DynamoDB Local (in memory), s3rver, the local KMS, all on this machine. Each run: a fresh Puzzel tenant, ${RECORDS.toLocaleString('en')} chatbot events (one partition, one data key and one \`byExpiry\` entry each) written straight to the tables so that all fall due within one night, then one sweep that deletes them all (checked: ${RECORDS.toLocaleString('en')} deleted, no failure). One unmeasured warm-up run first; median of ${RUNS}. Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} at the end.`,
      '',
      '| records due | median records/s | runs (records/s) | requests per record |',
      '|---:|---:|---|---:|',
      `| ${RECORDS.toLocaleString('en')} | ${mid.toFixed(0)} | ${runs.map((r) => (r.records / r.seconds).toFixed(0)).join(', ')} | ${median(runs.map((r) => r.perRecord)).toFixed(2)} |`,
      '',
      `Requests per post-expiry action: one night with ${COST_RECORDS} due events less the same night with none (the fixed cost, shown apart: bucket Queries, checkpoints, tenant lookups); per record, then per million records:`,
      '',
      '| action | DynamoDB / 10⁶ records | S3 / 10⁶ | KMS / 10⁶ | per record, by command | fixed requests per tenant-night | records/s |',
      '|---|---:|---:|---:|---|---:|---:|',
      ...costs.map(
        (x) =>
          `| ${x.name} | ${perService(x, 'DynamoDB')} | ${perService(x, 'S3')} | ${perService(x, 'KMS')} | ${commands(x)} | ${x.fixed} | ${x.recordsPerSecond.toFixed(0)} |`,
      ),
      '',
      `Chat-log lines (the Puzzel chat log's 30 days end, its general info stays): one chat of each size swept the night after; the whole night of the tenant, then per line above the chat without lines. Capacity units as DynamoDB Local reports them (\`ReturnConsumedCapacity: TOTAL\`).`,
      '',
      '| due lines | RRU | WRU | DynamoDB requests | of which Query | RRU per line | DynamoDB requests per line |',
      '|---:|---:|---:|---:|---:|---:|---:|',
      ...lineNights.map(
        (n) =>
          `| ${n.lines} | ${n.rru.toFixed(1)} | ${n.wru.toFixed(1)} | ${n.dynamo} | ${n.queries} | ${n.lines ? ((n.rru - noLines.rru) / n.lines).toFixed(2) : '—'} | ${n.lines ? ((n.dynamo - noLines.dynamo) / n.lines).toFixed(2) : '—'} |`,
      ),
      '',
      'DynamoDB Local answers a few hundred requests a second on this machine whatever the concurrency, so throughput here is bounded by the emulator; the request counts are what carries over to AWS (see docs/retention-cost-model.md). The sweep reads every shard of every due day (4 Queries per day per class and region, shared by all records of the day) and one page of 100 keys per Query; the fixed per-night cost is in the cost model.',
    ].join('\n');
    process.stdout.write(`${body}\n`);
    if (WRITE) writeSection(join(ROOT, 'bench', 'RESULTS.md'), 'sweep', body);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
