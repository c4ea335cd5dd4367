import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The local stand-in for SigV4 on operator routes (AWS_IAM in the template, e.g. tenant creation):
 * the local runtime accepts such a request only with this header carrying the operator key, which
 * `npm start` generates on first start into `.lethe/operator.key` (LETHE_OPERATOR_KEY overrides it;
 * the tests set it). Dependency-free: the CLI reads it too.
 */
export const OPERATOR_KEY_HEADER = 'x-lethe-operator-key';

/** Where `npm start` keeps its state (LETHE_STATE_DIR overrides `.lethe/` at the repository root). */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LETHE_STATE_DIR ?? join(resolve(__dirname, '../..'), '.lethe');
}

export const operatorKeyFile = (env: NodeJS.ProcessEnv = process.env) => join(stateDir(env), 'operator.key');

/** LETHE_OPERATOR_KEY, else the key file of the local stack, else undefined. */
export function readOperatorKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.LETHE_OPERATOR_KEY) return env.LETHE_OPERATOR_KEY;
  const file = operatorKeyFile(env);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}
