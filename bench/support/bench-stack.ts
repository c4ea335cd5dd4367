import { parseRuntimeConfig, type RuntimeConfig } from '../../functions/shared/runtime-config';
import { startLocalStack } from '../../infra/local/local-stack';
import { newSecret } from '../../infra/local/state';

/**
 * Runs a benchmark against a fresh, throw-away local stack (DynamoDB Local, s3rver, local KMS on
 * free ports, no schedules, quiet logs) and stops it afterwards, whatever happens. The handlers'
 * environment is the stack's, so the code measured is configured exactly as under `npm start`.
 */
export async function withBenchStack(run: (config: RuntimeConfig) => Promise<void>): Promise<void> {
  const stack = await startLocalStack({
    storage: { kind: 'ephemeral' },
    ports: { api: 0, s3: 0, kms: 0 },
    operatorKey: newSecret(),
    tokenSecret: newSecret(),
    schedules: false,
    log: () => undefined,
  });
  try {
    Object.assign(process.env, stack.env, { POWERTOOLS_LOG_LEVEL: 'WARN' });
    await run(parseRuntimeConfig(stack.env));
  } finally {
    await stack.stop();
  }
}
