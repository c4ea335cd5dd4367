import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useClock } from '../../functions/shared/clock-source';
import { LOCAL_ACCOUNT } from '../../functions/shared/resource-names';
import { startDynamoDbLocal, type DynamoDbLocal } from './emulators/dynamodb-local';
import { S3RVER_CREDENTIALS, startS3rver, type S3Emulator } from './emulators/s3rver';
import { KeyStore } from './kms/key-store';
import { startLocalKms, type LocalKms } from './kms/server';
import { LocalCloud } from './provisioning/local-cloud';
import { provision } from './provisioning/provision';
import { synthesizeLethe } from './provisioning/synth';
import type { SynthesizedStack } from './provisioning/template';
import { buildApiModel } from './runtime/api-model';
import { FlowingClock } from './runtime/flowing-clock';
import { functionEnvironment } from './runtime/function-environment';
import { startHttpRuntime, type HttpRuntime } from './runtime/http-runtime';
import { BundledLambdaHost } from './runtime/bundled-host';
import { LambdaHost } from './runtime/lambda-host';
import { Scheduler, scheduledRules } from './runtime/scheduler';
import { PROJECT_ROOT, statePaths } from './state';

export interface LocalStackOptions {
  /**
   * `persistent` (npm start): data under `dir` survives restarts. `ephemeral` (tests): DynamoDB in
   * memory, KMS keys in memory, S3 objects in a temporary directory removed on stop.
   */
  storage: { kind: 'persistent'; dir: string } | { kind: 'ephemeral' };
  /** 0 (or, for DynamoDB, undefined) picks a free port. */
  ports: { api: number; dynamodb?: number; s3: number; kms: number };
  operatorKey: string;
  tokenSecret: string;
  /** Run scheduled functions on timers; `scheduleIntervalMs` replaces their expressions. */
  schedules: boolean;
  scheduleIntervalMs?: number;
  /** Run each function as its deployed bundle, in a process of its own, bundled here (runtime/bundled-host.ts); else from its sources in this process. */
  bundlesDir?: string;
  log: (line: string) => void;
}

export interface RunningStack {
  endpoints: { api: string; dynamodb: string; s3: string; kms: string };
  homeRegion: string;
  regions: string[];
  /** What a client of this stack needs: every LETHE_* variable, the endpoints and the AWS credentials. */
  env: Record<string, string>;
  /** What provisioning and the runtime could not do, for the start-up log. */
  notes: string[];
  /** What the start must say first: an emulator reachable beyond loopback. */
  warnings: string[];
  schedules: string[];
  principals: string[];
  /** How long each start-up phase took, e.g. "CDK synth 3.2 s, emulators 0.4 s, provisioning 0.6 s". */
  timings: string;
  stop(): Promise<void>;
}

/**
 * Starts the whole local AWS stack: DynamoDB Local, s3rver and the local KMS (in parallel with
 * synthesizing the CDK app), provisions what the templates declare, then serves the API and the
 * schedules from this process. `stop()` ends every child process.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<RunningStack> {
  const ephemeral = options.storage.kind === 'ephemeral';
  const dir = options.storage.kind === 'persistent' ? options.storage.dir : mkdtempSync(join(tmpdir(), 'lethe-local-'));
  const paths = statePaths(dir);
  const clock = new FlowingClock();
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    await Promise.allSettled(stops.splice(0).map((s) => s()));
    if (ephemeral) rmSync(dir, { recursive: true, force: true });
  };

  const timings = new Timings();
  try {
    const started = <T extends { stop?: () => Promise<void>; close?: () => Promise<void> }>(p: Promise<T>) =>
      p.then((x) => {
        stops.push(() => (x.stop ?? x.close)!.call(x));
        return x;
      });
    // The emulators are other processes (and a server) that come up while synth keeps this thread busy.
    const emulators = Promise.allSettled([
      started<DynamoDbLocal>(
        startDynamoDbLocal({ port: options.ports.dynamodb, dataDir: ephemeral ? undefined : paths.dynamodb }),
      ),
      started<S3Emulator>(startS3rver({ port: options.ports.s3, directory: paths.s3 })),
      started<LocalKms>(
        startLocalKms({
          store: new KeyStore(LOCAL_ACCOUNT, ephemeral ? undefined : paths.kms),
          port: options.ports.kms,
          now: () => clock.now(),
        }),
      ),
    ]);
    const stacks = await timings.time('CDK synth', synthesizeLethe()).catch(async (error: unknown) => {
      await emulators;
      throw error;
    });
    const [dynamodb, s3, kms] = await timings.time('emulators', emulators.then(allOrFirstError));
    return await serve(stacks, { dynamodb, s3, kms }, clock, options, stops, stop, timings);
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Every value, or the first failure once all have settled (so nothing is left half-started). */
function allOrFirstError<T extends unknown[]>(results: { [K in keyof T]: PromiseSettledResult<T[K]> }): T {
  const settled = results as PromiseSettledResult<unknown>[];
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as T;
}

async function serve(
  stacks: SynthesizedStack[],
  emulators: { dynamodb: DynamoDbLocal; s3: S3Emulator; kms: LocalKms },
  clock: FlowingClock,
  options: LocalStackOptions,
  stops: Array<() => Promise<void>>,
  stop: () => Promise<void>,
  timings: Timings,
): Promise<RunningStack> {
  const cloud = new LocalCloud(stacks, LOCAL_ACCOUNT);
  const notes = await timings.time(
    'provisioning',
    provision(cloud, {
      dynamodbEndpoint: emulators.dynamodb.endpoint,
      s3Endpoint: emulators.s3.endpoint,
      keyStore: emulators.kms.store,
      principals: emulators.kms.principals,
      now: clock.now(),
    }),
  );

  const functions = functionEnvironment(cloud);
  const homeRegion = functions.variables.LETHE_HOME_REGION ?? cloud.stacks[0].region;
  const env: Record<string, string> = {
    ...functions.variables,
    LETHE_DYNAMODB_ENDPOINT: emulators.dynamodb.endpoint,
    LETHE_S3_ENDPOINT: emulators.s3.endpoint,
    LETHE_KMS_ENDPOINT: emulators.kms.endpoint,
    LETHE_LOCAL_TOKEN_SECRET: options.tokenSecret,
    AWS_REGION: homeRegion,
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
  };
  // The handlers run in this process: give them the Lambda environment, and never a real profile.
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, env);
  useClock(clock);

  const api = buildApiModel(cloud);
  const bundled = options.bundlesDir
    ? new BundledLambdaHost(cloud, PROJECT_ROOT, options.bundlesDir, clock)
    : undefined;
  if (bundled) stops.push(async () => bundled.close());
  const host = bundled ?? new LambdaHost(PROJECT_ROOT);
  const runtime: HttpRuntime = await startHttpRuntime({
    port: options.ports.api,
    api,
    host,
    clock,
    account: LOCAL_ACCOUNT,
    operatorKey: options.operatorKey,
    log: options.log,
  });
  stops.push(() => runtime.close());

  const { rules, problems } = scheduledRules(cloud);
  const scheduler = new Scheduler(rules, host, clock, LOCAL_ACCOUNT, options.log, options.scheduleIntervalMs);
  if (options.schedules) {
    scheduler.start();
    stops.push(async () => scheduler.stop());
  }

  return {
    endpoints: {
      api: runtime.url,
      dynamodb: emulators.dynamodb.endpoint,
      s3: emulators.s3.endpoint,
      kms: emulators.kms.endpoint,
    },
    homeRegion,
    regions: [...new Set(cloud.stacks.map((s) => s.region))],
    env: { ...env, LETHE_API: runtime.url },
    notes: [...notes, ...functions.notes, ...api.problems, ...problems],
    warnings: emulators.dynamodb.exposure ? [emulators.dynamodb.exposure] : [],
    schedules: options.schedules
      ? scheduler.describe()
      : rules.map((r) => `${r.name}: ${r.expression} (not run: schedules are off)`),
    principals: emulators.kms.principals.describe(),
    timings: timings.toString(),
    stop,
  };
}

/** Start-up phases and how long each took; "emulators" counts on from the end of synth (they start together). */
class Timings {
  private readonly entries: string[] = [];

  async time<T>(phase: string, work: Promise<T>): Promise<T> {
    const started = Date.now();
    const result = await work;
    this.entries.push(`${phase} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  }

  toString(): string {
    return this.entries.join(', ');
  }
}
