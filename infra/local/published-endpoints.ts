import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { fieldProblems } from '../../functions/domain/validation';
import { isAlive } from './emulators/child-process';
import { stateDir } from './operator-key';

/** The ports `npm start` takes when LETHE_PORT, LETHE_DYNAMODB_PORT, LETHE_S3_PORT, LETHE_KMS_PORT are not set. */
export const DEFAULT_LOCAL_PORTS = { api: 3000, dynamodb: 8000, s3: 4569, kms: 4599 } as const;

const PublishedEndpointsSchema = z.object({
  /** The `npm start` process: a file it left behind when killed names a dead one and is ignored. */
  pid: z.number().int().positive(),
  api: z.url(),
  dynamodb: z.url(),
  s3: z.url(),
  kms: z.url(),
  app: z.string().min(1),
  homeRegion: z.string().min(1),
  regions: z.array(z.string().min(1)).min(1),
});

/** Where a running local stack answers, and the names its tables and buckets are derived from. */
export type PublishedEndpoints = z.infer<typeof PublishedEndpointsSchema>;

/** `.lethe/endpoints.json` (in LETHE_STATE_DIR when set): what `npm start` publishes for the CLI. */
export const endpointsFile = (env: NodeJS.ProcessEnv = process.env) => join(stateDir(env), 'endpoints.json');

/** Writes the endpoints file for a stack that just started; the function returned removes it when the stack stops. */
export function publishEndpoints(env: NodeJS.ProcessEnv, endpoints: PublishedEndpoints): () => void {
  const file = endpointsFile(env);
  writeFileSync(file, `${JSON.stringify(endpoints, null, 2)}\n`, { mode: 0o600 });
  return () => rmSync(file, { force: true });
}

/**
 * The endpoints of the local stack running now, or undefined when none published them (or its
 * process is gone). A file that is not what `npm start` writes is an error that names it.
 */
export function publishedEndpoints(env: NodeJS.ProcessEnv = process.env): PublishedEndpoints | undefined {
  const file = endpointsFile(env);
  if (!existsSync(file)) return undefined;
  let parsed: ReturnType<typeof PublishedEndpointsSchema.safeParse>;
  try {
    parsed = PublishedEndpointsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    throw new Error(`${file} is not JSON: remove it, or restart \`npm start\`, which writes it`);
  }
  if (!parsed.success)
    throw new Error(
      `${file} is not what \`npm start\` writes (${fieldProblems(parsed.error)
        .map((p) => `${p.path}: ${p.message}`)
        .join('; ')}): remove it, or restart \`npm start\``,
    );
  return isAlive(parsed.data.pid) ? parsed.data : undefined;
}
