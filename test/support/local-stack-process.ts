/**
 * Child process that runs the local stack for one jest run (started by global-setup.ts): DynamoDB
 * Local in memory, S3 and KMS in a temporary directory, every port free and random, schedules off
 * (tests drive scheduled handlers themselves). Reports its environment over IPC once ready; stops
 * when told, on SIGTERM/SIGINT, or when jest goes away.
 */
import { startLocalStack, type RunningStack } from '../../infra/local/local-stack';

export type StackMessage =
  | { kind: 'ready'; env: Record<string, string>; notes: string[] }
  | { kind: 'failed'; message: string };

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  let stack: RunningStack | undefined;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
  };
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  stack = await startLocalStack({
    storage: { kind: 'ephemeral' },
    ports: { api: 0, s3: 0, kms: 0 },
    operatorKey: required('LETHE_OPERATOR_KEY'),
    tokenSecret: required('LETHE_LOCAL_TOKEN_SECRET'),
    schedules: false,
    log,
  });
  if (stopping) return void stack.stop();
  log(`started: ${stack.timings}`);
  for (const note of stack.notes) log(`note: ${note}`);
  send({ kind: 'ready', env: stack.env, notes: stack.notes });
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set by the global setup`);
  return value;
}

function send(message: StackMessage): void {
  process.send?.(message);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${error instanceof Error ? error.stack : message}\n`);
  send({ kind: 'failed', message });
  process.exit(1);
});
