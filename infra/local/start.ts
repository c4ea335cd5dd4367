/**
 * `npm start`: the whole of Lethe on this machine. DynamoDB Local, s3rver and a local KMS
 * endpoint, provisioned from the synthesized CDK templates, the API served from the handler
 * sources, schedules on timers. Ctrl-C or SIGTERM stops everything.
 *
 * Ports: LETHE_PORT (API, 3000), LETHE_DYNAMODB_PORT (8000), LETHE_S3_PORT (4569), LETHE_KMS_PORT
 * (4599). State in .lethe/ (LETHE_STATE_DIR): dynamodb/, s3/, kms.json, operator.key, token.secret;
 * LETHE_OPERATOR_KEY and LETHE_LOCAL_TOKEN_SECRET, when set, replace the generated files.
 * LETHE_SCHEDULE_INTERVAL_MS runs every schedule at that interval instead of its cron (demos).
 * LETHE_RUN_BUNDLES=1 runs every function as the esbuild bundle `cdk synth` ships, each in its own process.
 */
import { join } from 'node:path';
import { LOCAL_ACCOUNT, regionalResourceNames } from '../../functions/shared/resource-names';
import { isAlive } from './emulators/child-process';
import { startLocalStack, type RunningStack } from './local-stack';
import { stateDir as configuredStateDir } from './operator-key';
import { DEFAULT_LOCAL_PORTS, publishEndpoints } from './published-endpoints';
import { ownerOnlyStateDir, readOrCreateSecret, statePaths } from './state';

const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be a port number, got ${process.env[name]}`);
  return value;
};

function banner(stack: RunningStack, seconds: string, stateDir: string): string {
  const { api, dynamodb, s3, kms } = stack.endpoints;
  const paths = statePaths(stateDir);
  const [someRegion] = stack.regions;
  const { recordsTable } = regionalResourceNames(stack.env.LETHE_APP, LOCAL_ACCOUNT, someRegion);
  return [
    '',
    `Lethe is running (ready in ${seconds} s: ${stack.timings}). Ctrl-C stops it.`,
    '',
    ...stack.warnings.flatMap((w) => [`  WARNING: ${w}`, '']),
    `  API       ${api}            e.g. curl -s ${api}/v1/health`,
    `  Console   ${api}/console/`,
    `  DynamoDB  ${dynamodb}`,
    `  S3        ${s3}   (path-style)`,
    `  KMS       ${kms}   (local KMS-compatible endpoint)`,
    `  Regions   ${stack.regions.join(', ')} (home ${stack.homeRegion}); credentials S3RVER / S3RVER`,
    '',
    '  Inspect the stored data with any AWS client, e.g.:',
    `    AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER aws dynamodb scan --endpoint-url ${dynamodb} --region ${someRegion} --table-name ${recordsTable}`,
    `    AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER aws s3 ls --endpoint-url ${s3} --region ${someRegion}`,
    '',
    `  Operator routes (AWS_IAM in AWS) take the header x-lethe-operator-key: <${paths.operatorKey}>`,
    `  Admin tokens are signed locally with the secret in ${paths.tokenSecret}`,
    `  Move time: curl -s -X POST ${api}/_local/clock -d '{"now":"2030-01-01T00:00:00Z"}'`,
    '',
    ...stack.schedules.map((s) => `  Schedule  ${s}`),
    ...stack.principals.map((p) => `  KMS principal  ${p}`),
    ...stack.notes.map((n) => `  Note: ${n}`),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const stateDir = configuredStateDir();
  ownerOnlyStateDir(stateDir);
  const paths = statePaths(stateDir);
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  process.stdout.write('Starting Lethe: DynamoDB Local, s3rver, local KMS, CDK synth…\n');
  const interval = process.env.LETHE_SCHEDULE_INTERVAL_MS ? Number(process.env.LETHE_SCHEDULE_INTERVAL_MS) : undefined;
  if (interval !== undefined && !(interval > 0))
    throw new Error('LETHE_SCHEDULE_INTERVAL_MS must be a positive number of milliseconds');
  const stack = await startLocalStack({
    storage: { kind: 'persistent', dir: stateDir },
    ports: {
      api: port('LETHE_PORT', DEFAULT_LOCAL_PORTS.api),
      dynamodb: port('LETHE_DYNAMODB_PORT', DEFAULT_LOCAL_PORTS.dynamodb),
      s3: port('LETHE_S3_PORT', DEFAULT_LOCAL_PORTS.s3),
      kms: port('LETHE_KMS_PORT', DEFAULT_LOCAL_PORTS.kms),
    },
    operatorKey: process.env.LETHE_OPERATOR_KEY || readOrCreateSecret(paths.operatorKey),
    tokenSecret: process.env.LETHE_LOCAL_TOKEN_SECRET || readOrCreateSecret(paths.tokenSecret),
    schedules: true,
    scheduleIntervalMs: interval,
    bundlesDir: process.env.LETHE_RUN_BUNDLES === '1' ? join(stateDir, 'bundles') : undefined,
    log,
  });
  // The CLI finds this stack (whatever its ports) through the file; it goes when the stack stops.
  const unpublish = publishEndpoints(process.env, {
    pid: process.pid,
    ...stack.endpoints,
    app: stack.env.LETHE_APP,
    homeRegion: stack.homeRegion,
    regions: stack.regions,
  });
  process.stdout.write(banner(stack, ((Date.now() - started) / 1000).toFixed(1), stateDir));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      process.stdout.write('Stopping now.\n');
      process.exit(1);
    }
    stopping = true;
    process.stdout.write(`\n${signal}: stopping Lethe…\n`);
    unpublish();
    void stack.stop().then(() => {
      process.stdout.write('Stopped.\n');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // `npm start` runs us under `sh -c`, and npm passes its SIGTERM to that shell, which dies
  // without telling us: when our parent is gone, stop too rather than linger with the emulators.
  if (process.env.npm_lifecycle_event) {
    const parent = process.ppid;
    setInterval(() => {
      if (!isAlive(parent)) shutdown('npm exited');
    }, 500).unref();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const hint = /EADDRINUSE|in use/.test(message)
    ? '\nIs another `npm start` running? Stop it, or choose other ports with LETHE_PORT, LETHE_DYNAMODB_PORT, LETHE_S3_PORT, LETHE_KMS_PORT.'
    : '';
  process.stderr.write(`\nLethe could not start: ${message}${hint}\n`);
  process.exit(1);
});
