import { deploymentConfig } from '../../infra/config/lethe.config';
import { buildContainer, type Container } from '../shared/container';
import { LOCAL_ACCOUNT } from '../shared/resource-names';
import { parseRuntimeConfig } from '../shared/runtime-config';

/**
 * For commands that read the stores themselves rather than through the API (`lethe audit`,
 * `lethe register`): the composition root of the functions, from the same LETHE_* variables the
 * functions get. Without LETHE_ACCOUNT (no AWS deployment configured) it points at the local stack
 * `npm start` runs: this repository's deployment config, the local account, the emulators on
 * their default ports (LETHE_DYNAMODB_PORT, LETHE_S3_PORT, LETHE_KMS_PORT) and their credentials.
 */
export function storeEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (env.LETHE_ACCOUNT) return env;
  const local = (port: string | undefined, fallback: number) => `http://127.0.0.1:${port ?? fallback}`;
  return {
    ...env,
    LETHE_APP: deploymentConfig.appName,
    LETHE_ACCOUNT: LOCAL_ACCOUNT,
    LETHE_HOME_REGION: deploymentConfig.homeRegion,
    LETHE_REGIONS: deploymentConfig.regions.join(','),
    LETHE_DYNAMODB_ENDPOINT: env.LETHE_DYNAMODB_ENDPOINT ?? local(env.LETHE_DYNAMODB_PORT, 8000),
    LETHE_S3_ENDPOINT: env.LETHE_S3_ENDPOINT ?? local(env.LETHE_S3_PORT, 4569),
    LETHE_KMS_ENDPOINT: env.LETHE_KMS_ENDPOINT ?? local(env.LETHE_KMS_PORT, 4599),
    LETHE_PITR_DAYS: String(deploymentConfig.pitrRecoveryPeriodDays),
    LETHE_LITIGATION_RETENTION_DAYS: String(deploymentConfig.litigationRetentionDays),
    // The emulators' application principal (the local KMS checks who asks).
    AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID ?? 'S3RVER',
    AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY ?? 'S3RVER',
  };
}

/** The container a store-reading command works with; AWS credentials come from the environment it resolved. */
export function storeContainer(env: NodeJS.ProcessEnv = process.env): Container {
  const resolved = storeEnvironment(env);
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const)
    if (resolved[name] && !process.env[name]) process.env[name] = resolved[name];
  return buildContainer({}, parseRuntimeConfig(resolved));
}
