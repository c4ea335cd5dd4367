import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isAlive } from '../../infra/local/emulators/child-process';
import { newSecret } from '../../infra/local/state';
import type { StackMessage } from './local-stack-process';

const PROJECT_ROOT = resolve(__dirname, '../..');
const ARTIFACTS = join(PROJECT_ROOT, 'test-artifacts');
const START_TIMEOUT_MS = 180_000;

declare global {
  // Read by global-teardown.ts, which runs in the same jest process.
  var __LETHE_LOCAL_STACK__: ChildProcess | undefined;
}

/**
 * Starts the local AWS stack for the integration tests, once per jest run: the same code as
 * `npm start` (DynamoDB Local, s3rver, local KMS, provisioning from the real CDK app, the HTTP
 * runtime), but in memory, in temporary directories and on random ports, so concurrent runs never
 * collide. Test workers inherit everything they need through process.env: LETHE_API,
 * LETHE_DYNAMODB_ENDPOINT, LETHE_S3_ENDPOINT, LETHE_KMS_ENDPOINT, LETHE_OPERATOR_KEY,
 * LETHE_LOCAL_TOKEN_SECRET, every LETHE_* variable the functions get, AWS_REGION (home region) and
 * AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY = S3RVER.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const secrets = { LETHE_OPERATOR_KEY: newSecret(), LETHE_LOCAL_TOKEN_SECRET: newSecret() };
  const log = localStackLog();
  const logFd = openSync(log, 'w');
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(__dirname, 'local-stack-process.ts')],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...secrets, TS_NODE_PROJECT: join(PROJECT_ROOT, 'tsconfig.json') },
      stdio: ['ignore', logFd, logFd, 'ipc'],
    },
  );
  closeSync(logFd);
  globalThis.__LETHE_LOCAL_STACK__ = child;

  const message = await new Promise<StackMessage>((resolveMessage) => {
    const timer = setTimeout(
      () => resolveMessage({ kind: 'failed', message: `not ready after ${START_TIMEOUT_MS / 1000} s` }),
      START_TIMEOUT_MS,
    );
    child.once('message', (m: StackMessage) => {
      clearTimeout(timer);
      resolveMessage(m);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveMessage({ kind: 'failed', message: `the local stack exited (${code}) while starting` });
    });
  });
  if (message.kind === 'failed') {
    child.kill('SIGTERM');
    const tail = readFileSync(log, 'utf8').split('\n').slice(-40).join('\n');
    throw new Error(
      `The local stack for the integration tests did not start: ${message.message}\n--- ${log} ---\n${tail}`,
    );
  }
  child.unref();
  child.channel?.unref();
  Object.assign(process.env, message.env, secrets, { LETHE_LOCAL_STACK_LOG: log });
  process.stdout.write(
    `\nlocal stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${message.env.LETHE_API} (log: ${log})\n`,
  );
}

/**
 * The local stack's own log for this run (requests, and handler errors with their stacks under the
 * correlation id a 500 carries): test-artifacts/local-stack-<jest pid>.log. Logs of runs that
 * have ended are removed; concurrent runs keep theirs.
 */
function localStackLog(): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const name of readdirSync(ARTIFACTS)) {
    const pid = /^local-stack-(\d+)\.log$/.exec(name)?.[1];
    if (pid && !isAlive(Number(pid))) rmSync(join(ARTIFACTS, name), { force: true });
  }
  return join(ARTIFACTS, `local-stack-${process.pid}.log`);
}
