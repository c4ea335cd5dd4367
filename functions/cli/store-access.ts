import { deploymentConfig } from '../../infra/config/lethe.config';
import { buildContainer, type Container } from '../shared/container';
import { LOCAL_ACCOUNT } from '../shared/resource-names';
import { parseRuntimeConfig } from '../shared/runtime-config';
import { runningLocalStack } from './local-stack';

/**
 * For commands that read the stores themselves rather than through the API (`lethe audit`,
 * `lethe register`): the composition root of the functions, from the same LETHE_* variables the
 * functions get. Without LETHE_ACCOUNT (no AWS deployment configured) it points at the local stack:
 * the one `npm start` published in `.lethe/endpoints.json` (whatever its ports), else the
 * emulators on their default ports (LETHE_DYNAMODB_PORT, LETHE_S3_PORT, LETHE_KMS_PORT), with
 * their credentials; LETHE_*_ENDPOINT variables still win.
 */
export function storeEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (env.LETHE_ACCOUNT) return env;
  const local = runningLocalStack(env);
  return {
    ...env,
    LETHE_APP: local.app,
    LETHE_ACCOUNT: LOCAL_ACCOUNT,
    LETHE_HOME_REGION: local.homeRegion,
    LETHE_REGIONS: local.regions.join(','),
    LETHE_DYNAMODB_ENDPOINT: env.LETHE_DYNAMODB_ENDPOINT ?? local.dynamodb,
    LETHE_S3_ENDPOINT: env.LETHE_S3_ENDPOINT ?? local.s3,
    LETHE_KMS_ENDPOINT: env.LETHE_KMS_ENDPOINT ?? local.kms,
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
