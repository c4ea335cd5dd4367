import { deploymentConfig } from '../../infra/config/lethe.config';
import {
  DEFAULT_LOCAL_PORTS,
  type PublishedEndpoints,
  publishedEndpoints,
} from '../../infra/local/published-endpoints';

/** The local stack a command talks to: its API, emulators and the names its resources derive from. */
export type LocalStack = Omit<PublishedEndpoints, 'pid'>;

const loopback = (port: string | number) => `http://127.0.0.1:${port}`;

/** What `npm start` runs when nothing was published: the default ports, or the LETHE_*_PORT variables. */
function unpublishedLocalStack(env: NodeJS.ProcessEnv): LocalStack {
  return {
    api: loopback(DEFAULT_LOCAL_PORTS.api),
    dynamodb: loopback(env.LETHE_DYNAMODB_PORT ?? DEFAULT_LOCAL_PORTS.dynamodb),
    s3: loopback(env.LETHE_S3_PORT ?? DEFAULT_LOCAL_PORTS.s3),
    kms: loopback(env.LETHE_KMS_PORT ?? DEFAULT_LOCAL_PORTS.kms),
    app: deploymentConfig.appName,
    homeRegion: deploymentConfig.homeRegion,
    regions: deploymentConfig.regions,
  };
}

/** The local stack of this shell: the one `npm start` published (whatever its ports), else the default one. */
export function runningLocalStack(env: NodeJS.ProcessEnv = process.env): LocalStack {
  return publishedEndpoints(env) ?? unpublishedLocalStack(env);
}

/** Where the CLI finds Lethe: LETHE_API, else the local stack of this shell. */
export function apiUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.LETHE_API || runningLocalStack(env).api).replace(/\/+$/, '');
}

const origin = (url: string) => new URL(url.replace('://localhost', '://127.0.0.1')).origin;

/**
 * The local stack behind the API the CLI talks to, with the endpoints of its emulators; undefined
 * when that API is not a local stack this shell knows (a deployment in AWS).
 */
export function localStack(env: NodeJS.ProcessEnv = process.env): LocalStack | undefined {
  const local = runningLocalStack(env);
  return origin(apiUrl(env)) === origin(local.api) ? local : undefined;
}
