import type { APIGatewayProxyEvent } from 'aws-lambda';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { OPERATOR_KEY_HEADER } from '../../infra/local/operator-key';
import { newSecret } from '../../infra/local/state';
import type { StackMessage } from '../../test/support/local-stack-process';
import { countingContainer, RequestCounter } from '../erasure/counting';
import { writeSection } from '../redaction/results-section';
import { measuredCommit } from '../support/measured-commit';

/**
 * Ingest throughput and latency through the real ingest handler against DynamoDB Local:
 *   npx ts-node --transpile-only bench/ingest/run.ts [--runs 5] [--requests 300] [--concurrency 8] [--no-write]
 *
 * The local stack (DynamoDB Local in memory, s3rver, local KMS) runs in a child process, exactly
 * as for the integration tests; the handler runs in this process with the production container,
 * invoked with the event API Gateway would pass after the authorizer. Each scenario is a bounded
 * loop of `--requests` requests (a fifth as many event batches), `--concurrency` in flight, on loopback; the table shows the
 * median of `--runs` runs. Then, per scenario, `--counted` more requests one after another with
 * every SDK request counted (DynamoDB requests by command, RRU/WRU, KMS, S3), the same for a whole
 * chat, an iAdvize call moved US → EU by /end and a message on a cold container, and the consent
 * check's cost for a subject with 0 and with `--history` earlier conversations. Results go to the
 * ingest section of bench/RESULTS.md.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const RUNS = option('--runs', 5);
const REQUESTS = option('--requests', 300);
const CONCURRENCY = option('--concurrency', 8);
const COUNTED = option('--counted', 20);
const HISTORY = option('--history', 100);
const EVENTS_PER_BATCH = 25;
const WRITE = !args.includes('--no-write');
const ROOT = resolve(__dirname, '..', '..');

interface RunResult {
  perSecond: number;
  p50: number;
  p99: number;
}

interface Scenario {
  name: string;
  /** Requests per run. */
  requests: number;
  /** Records written per request, to report records/s next to requests/s. */
  recordsPerRequest: number;
  request(i: number): { resource: string; path: string; id?: string; body: unknown };
}

async function startStack(
  secrets: Record<string, string>,
): Promise<{ child: ChildProcess; env: Record<string, string> }> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(ROOT, 'test', 'support', 'local-stack-process.ts')],
    {
      cwd: ROOT,
      env: { ...process.env, ...secrets, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  const message = await new Promise<StackMessage>((done) => {
    child.once('message', (m: StackMessage) => done(m));
    child.once('exit', (code) => done({ kind: 'failed', message: `the local stack exited (${code})` }));
  });
  if (message.kind === 'failed') throw new Error(`local stack: ${message.message}`);
  return { child, env: message.env };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const secrets = { LETHE_OPERATOR_KEY: newSecret(), LETHE_LOCAL_TOKEN_SECRET: newSecret() };
  const { child, env } = await startStack(secrets);
  try {
    // The handler's logger would print a line per request; the bench keeps warnings and errors only.
    Object.assign(process.env, env, secrets, { POWERTOOLS_LOG_LEVEL: 'WARN' });
    const { handler } = await import('../../functions/handlers/ingest-api');
    const { useContainer } = await import('../../functions/shared/container');
    const { parseRuntimeConfig } = await import('../../functions/shared/runtime-config');
    const { systemClock } = await import('../../functions/domain/clock');
    // The production container with every SDK request counted (the counts are read only in the counted passes).
    const counter = new RequestCounter();
    useContainer(countingContainer(parseRuntimeConfig(process.env), systemClock, counter));

    const createTenant = async (preset: string) => {
      const res = await fetch(`${env.LETHE_API}/v1/tenants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [OPERATOR_KEY_HEADER]: secrets.LETHE_OPERATOR_KEY },
        body: JSON.stringify({ name: `bench ${preset}`, preset }),
      });
      if (res.status !== 201) throw new Error(`tenant creation answered ${res.status}`);
      return ((await res.json()) as { tenantId: string }).tenantId;
    };
    const chatTenant = await createTenant('puzzel');
    const botTenant = await createTenant('inbenta');
    const callTenant = await createTenant('iadvize');

    let requestNumber = 0;
    const invoke = async (tenantId: string, r: ReturnType<Scenario['request']>) => {
      const event = {
        httpMethod: 'POST',
        resource: r.resource,
        path: r.path,
        pathParameters: r.id ? { id: r.id } : null,
        queryStringParameters: null,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(r.body),
        isBase64Encoded: false,
        requestContext: { requestId: `bench-${++requestNumber}`, authorizer: { kind: 'ingest', tenantId } },
      } as unknown as APIGatewayProxyEvent;
      const res = await handler(event);
      if (res.statusCode >= 300) throw new Error(`${r.resource} answered ${res.statusCode}: ${res.body}`);
      return JSON.parse(res.body) as Record<string, unknown>;
    };

    const now = () => new Date().toISOString();
    const startBody = (i: number) => ({
      channel: 'chat',
      startedAt: now(),
      queue: `queue-${i % 4}`,
      participant: {
        email: `visitor${i}@example.com`,
        name: `Visitor Number${i}`,
        phone: `+46 70 ${String(1000000 + i).slice(-7)}`,
      },
    });
    // Interactions the message scenario appends to, made once.
    const targets: string[] = [];
    for (let i = 0; i < 64; i++)
      targets.push(
        (await invoke(chatTenant, { resource: '/v1/interactions', path: '/v1/interactions', body: startBody(i) }))
          .interactionId as string,
      );
    let eventSerial = 0;

    const scenarios: Array<Scenario & { tenantId: string }> = [
      {
        name: 'POST /v1/interactions (chat, e-mail + name + phone: 3 index entries and 10-11 of name prefixes, sealed participant, KPI ADD)',
        tenantId: chatTenant,
        requests: REQUESTS,
        recordsPerRequest: 1,
        request: (i) => ({ resource: '/v1/interactions', path: '/v1/interactions', body: startBody(i) }),
      },
      {
        name: 'POST /v1/interactions/{id}/messages (1 message with an e-mail and a card number, redacted, sealed)',
        tenantId: chatTenant,
        requests: REQUESTS,
        recordsPerRequest: 1,
        request: (i) => {
          const id = targets[i % targets.length];
          return {
            resource: '/v1/interactions/{id}/messages',
            path: `/v1/interactions/${id}/messages`,
            id,
            body: {
              messages: [
                {
                  from: 'visitor',
                  at: now(),
                  text: `Hi, I am visitor${i}@example.com, card 4111 1111 1111 1111, order ${i}`,
                },
              ],
            },
          };
        },
      },
      {
        name: `POST /v1/events (batch of ${EVENTS_PER_BATCH} new events, payload redacted and sealed, one session index entry each, 10 events per session: one data key per session and UTC day)`,
        tenantId: botTenant,
        // A batch is 25 requests' worth of writes: a fifth as many batches keeps runs comparable in length.
        requests: Math.max(CONCURRENCY * 2, Math.round(REQUESTS / 5)),
        recordsPerRequest: EVENTS_PER_BATCH,
        request: () => ({
          resource: '/v1/events',
          path: '/v1/events',
          body: {
            events: Array.from({ length: EVENTS_PER_BATCH }, (_, k) => ({
              id: `bench-${++eventSerial}`,
              type: k % 3 === 0 ? 'click' : 'question',
              sessionId: `session-${Math.floor(eventSerial / 10)}`,
              userType: 'visitor',
              source: 'web',
              environment: 'production',
              at: now(),
              payload: { text: `question ${eventSerial} from jo${k}@example.com` },
            })),
          },
        }),
      },
    ];

    const runOnce = async (s: (typeof scenarios)[number]): Promise<RunResult> => {
      const latencies: number[] = [];
      let next = 0;
      const started = performance.now();
      const worker = async () => {
        while (next < s.requests) {
          const request = s.request(next++);
          const t0 = performance.now();
          await invoke(s.tenantId, request);
          latencies.push(performance.now() - t0);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      return { perSecond: s.requests / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
    };

    /** Requests, capacity units and services of `count` requests made one after another, per request. */
    const counted = async (count: number, send: (i: number) => Promise<unknown>) => {
      counter.reset();
      const cpu = process.cpuUsage();
      for (let i = 0; i < count; i++) await send(i);
      const { user, system } = process.cpuUsage(cpu);
      const services = counter.byService();
      const units = counter.capacityUnits();
      const per = (n: number) => n / count;
      const dynamo = services.DynamoDB ?? { total: 0 };
      const commands = Object.entries(dynamo)
        .filter(([k]) => k !== 'total')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, n]) => `${k} ${per(n).toFixed(2)}`)
        .join(', ');
      return {
        dynamo: per(dynamo.total),
        commands,
        rru: per(units.read),
        wru: per(units.write),
        kms: per(services.KMS?.total ?? 0),
        s3: per(services.S3?.total ?? 0),
        // This process's CPU (the handler; the emulators run in the child process).
        cpuMs: per((user + system) / 1000),
      };
    };
    const fmt = (n: number) => n.toFixed(2);

    const loadBefore = loadavg()[0];
    process.stdout.write(`1-minute load average before the runs: ${loadBefore.toFixed(1)}\n`);
    const rows: string[] = [];
    const requestRows: string[] = [];
    for (const s of scenarios) {
      await runOnce(s); // warm-up: JIT, connection pools, data-key caches
      const runs: RunResult[] = [];
      for (let r = 0; r < RUNS; r++) runs.push(await runOnce(s));
      const rps = median(runs.map((r) => r.perSecond));
      const row = `| ${s.name} | ${rps.toFixed(0)} | ${(rps * s.recordsPerRequest).toFixed(0)} | ${median(runs.map((r) => r.p50)).toFixed(1)} | ${median(runs.map((r) => r.p99)).toFixed(1)} |`;
      rows.push(row);
      process.stdout.write(`${row}\n`);
      const c = await counted(COUNTED, (i) => invoke(s.tenantId, s.request(s.requests + i)));
      const requestRow = `| ${s.name.split(' (')[0]} | ${fmt(c.dynamo)} | ${c.commands} | ${fmt(c.rru)} | ${fmt(c.wru)} | ${fmt(c.kms)} | ${fmt(c.s3)} | ${c.cpuMs.toFixed(1)} |`;
      requestRows.push(requestRow);
      process.stdout.write(`${requestRow}\n`);
    }

    // A whole chat: started for a new person (3 identifiers), 10 messages of one line, ended.
    const CHAT_MESSAGES = 10;
    const conversation = await counted(5, async (n) => {
      const id = (
        await invoke(chatTenant, {
          resource: '/v1/interactions',
          path: '/v1/interactions',
          body: startBody(10_000 + n),
        })
      ).interactionId as string;
      for (let i = 0; i < CHAT_MESSAGES; i++)
        await invoke(chatTenant, {
          resource: '/v1/interactions/{id}/messages',
          path: `/v1/interactions/${id}/messages`,
          id,
          body: { messages: [{ from: 'visitor', at: now(), text: `line ${i}: mail me at chat${n}@example.com` }] },
        });
      await invoke(chatTenant, {
        resource: '/v1/interactions/{id}/end',
        path: `/v1/interactions/${id}/end`,
        id,
        body: { endedAt: now(), waitSeconds: 5, talkSeconds: 120 },
      });
    });
    const conversationRow = `| a chat: start (new person, 3 identifiers) + ${CHAT_MESSAGES} messages + end | ${fmt(conversation.dynamo)} | ${conversation.commands} | ${fmt(conversation.rru)} | ${fmt(conversation.wru)} | ${fmt(conversation.kms)} | ${fmt(conversation.s3)} | ${conversation.cpuMs.toFixed(1)} |`;
    requestRows.push(conversationRow);
    process.stdout.write(`${conversationRow}\n`);

    // An iAdvize call: started and appended to in its in-flight region (US), moved to the EU by /end.
    const calls = await Promise.all(
      Array.from({ length: 5 }, async (_, n) => {
        const id = (
          await invoke(callTenant, {
            resource: '/v1/interactions',
            path: '/v1/interactions',
            body: { ...startBody(20_000 + n), channel: 'call' },
          })
        ).interactionId as string;
        for (let i = 0; i < CHAT_MESSAGES; i++)
          await invoke(callTenant, {
            resource: '/v1/interactions/{id}/messages',
            path: `/v1/interactions/${id}/messages`,
            id,
            body: { messages: [{ from: 'visitor', at: now(), text: `line ${i}: call me on +33 6 12 34 56 7${n}` }] },
          });
        return id;
      }),
    );
    const moved = await counted(calls.length, (n) =>
      invoke(callTenant, {
        resource: '/v1/interactions/{id}/end',
        path: `/v1/interactions/${calls[n]}/end`,
        id: calls[n],
        body: { endedAt: now(), waitSeconds: 5, talkSeconds: 120 },
      }),
    );
    const movedRow = `| POST /v1/interactions/{id}/end, a call moved US → EU (${CHAT_MESSAGES} messages) | ${fmt(moved.dynamo)} | ${moved.commands} | ${fmt(moved.rru)} | ${fmt(moved.wru)} | ${fmt(moved.kms)} | ${fmt(moved.s3)} | ${moved.cpuMs.toFixed(1)} |`;
    requestRows.push(movedRow);
    process.stdout.write(`${movedRow}\n`);

    // A message as the first request of a new container (a cold start): nothing of the tenant is cached yet.
    const cold = await counted(5, (i) => {
      useContainer(countingContainer(parseRuntimeConfig(process.env), systemClock, counter));
      return invoke(chatTenant, scenarios[1].request(i));
    });
    const coldRow = `| POST /v1/interactions/{id}/messages, first request of a cold container | ${fmt(cold.dynamo)} | ${cold.commands} | ${fmt(cold.rru)} | ${fmt(cold.wru)} | ${fmt(cold.kms)} | ${fmt(cold.s3)} | ${cold.cpuMs.toFixed(1)} |`;
    requestRows.push(coldRow);
    process.stdout.write(`${coldRow}\n`);

    // The consent check as history grows: a message appended for a subject with 0 and with HISTORY earlier conversations.
    const conversationOf = async (email: string) =>
      (
        await invoke(chatTenant, {
          resource: '/v1/interactions',
          path: '/v1/interactions',
          body: { channel: 'chat', startedAt: now(), participant: { email } },
        })
      ).interactionId as string;
    const messageTo = (id: string, i: number) =>
      invoke(chatTenant, {
        resource: '/v1/interactions/{id}/messages',
        path: `/v1/interactions/${id}/messages`,
        id,
        body: { messages: [{ from: 'visitor', at: now(), text: `message ${i}` }] },
      });
    const historyRows: string[] = [];
    for (const prior of [0, HISTORY]) {
      const email = `history${prior}@example.com`;
      for (let i = 0; i < prior; i++) await messageTo(await conversationOf(email), i);
      const target = await conversationOf(email);
      const c = await counted(COUNTED, (i) => messageTo(target, i));
      const historyRow = `| ${prior} | ${fmt(c.dynamo)} | ${c.commands} | ${fmt(c.rru)} |`;
      historyRows.push(historyRow);
      process.stdout.write(`${historyRow}\n`);
    }

    const body = [
      '## Ingest (bench/ingest/run.ts)',
      '',
      `Command: \`npx ts-node --transpile-only bench/ingest/run.ts --runs ${RUNS} --requests ${REQUESTS} --concurrency ${CONCURRENCY} --counted ${COUNTED} --history ${HISTORY}\`, commit ${measuredCommit(ROOT)}`,
      '',
      `The real ingest handler (\`functions/handlers/ingest-api.ts\`, production container) invoked in-process with the event API Gateway passes after the authorizer, against DynamoDB Local (in memory), the local KMS endpoint and s3rver running in a child process on loopback. Each run: ${REQUESTS} requests (event batches: a fifth as many), ${CONCURRENCY} in flight; one warm-up run first; the table shows the median of ${RUNS} runs (throughput, and p50/p99 latency of each run). Handler log level WARN. Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; the machine's 1-minute load average was ${loadBefore.toFixed(1)} when the runs began (the emulators, this process and anything else running share those cores).`,
      '',
      '| scenario | requests/s | records/s | p50 ms | p99 ms |',
      '|---|---:|---:|---:|---:|',
      ...rows,
      '',
      `Requests per request, counted by an SDK middleware over ${COUNTED} more requests of each scenario made one after another after the timed runs (DynamoDB capacity units as DynamoDB Local reports them with \`ReturnConsumedCapacity: TOTAL\`, except that a TransactWriteItems, for which Local reports 2 WRU whatever its items, counts the larger of that and 2 WRU per KB of each item read from the request, updates, deletes and checks at 1 KB: both lower bounds; an event batch is one request of ${EVENTS_PER_BATCH} events):`,
      '',
      '| route | DynamoDB requests | by command | RRU | WRU | KMS | S3 | handler CPU ms |',
      '|---|---:|---|---:|---:|---:|---:|---:|',
      ...requestRows,
      '',
      `The consent check as the subject's history grows: ${COUNTED} one-line messages appended to a new conversation of a subject (one e-mail address) with no earlier conversation, and of one with ${HISTORY} earlier conversations of one message each:`,
      '',
      '| earlier conversations | DynamoDB requests per message | by command | RRU per message |',
      '|---:|---:|---|---:|',
      ...historyRows,
      '',
      'What it includes: validation, tenant policy and secret lookup (the message route: policy revisions cached per warm container for 30 s, secrets cached; other routes: a directory Query), redaction, consent check (one BatchGetItem of the standing markers of every identifier), the restriction check (one directory GetItem per identifier; per distinct session for events), sealing (a data key per new partition, or for events per session and UTC day, made locally and wrapped under the tenant’s key-encryption key of the region, which KMS unwraps once per container: a keys-table write; an event also lists itself among its shared key’s users in its transaction), the TransactWriteItems of record + index entries (for a message, also the claim of its sequence number on the general info), and the KPI `ADD`. DynamoDB Local is far slower per call than DynamoDB, and the local KMS runs in Node; in AWS, latency is dominated by the same round trips at a few milliseconds each.',
    ].join('\n');
    if (WRITE) writeSection(join(ROOT, 'bench', 'RESULTS.md'), 'ingest', body);
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
