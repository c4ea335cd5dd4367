import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiUrl, localStack } from '../../../functions/cli/local-stack';
import { storeEnvironment } from '../../../functions/cli/store-access';
import { endpointsFile, publishEndpoints, type PublishedEndpoints } from '../../../infra/local/published-endpoints';

/** A state directory holding what `npm start` publishes for a stack on ports 3100… run by `pid`. */
function publishedStack(pid = process.pid): { env: NodeJS.ProcessEnv; endpoints: PublishedEndpoints } {
  const env = { LETHE_STATE_DIR: mkdtempSync(join(tmpdir(), 'lethe-endpoints-')) };
  const endpoints = {
    pid,
    api: 'http://127.0.0.1:3100',
    dynamodb: 'http://127.0.0.1:8100',
    s3: 'http://127.0.0.1:4669',
    kms: 'http://127.0.0.1:4699',
    app: 'acme',
    homeRegion: 'eu-west-3',
    regions: ['eu-west-3'],
  };
  publishEndpoints(env, endpoints);
  return { env, endpoints };
}

describe('where the CLI finds the local stack', () => {
  it('talks to the API the running stack published, with its emulators, when LETHE_API is not set', () => {
    // Prepare
    const { env, endpoints } = publishedStack();
    // Act
    const [api, local, stores] = [apiUrl(env), localStack(env), storeEnvironment(env)];
    // Assess
    expect(api).toBe('http://127.0.0.1:3100');
    expect(local).toMatchObject({ s3: endpoints.s3, kms: endpoints.kms });
    expect(stores).toMatchObject({
      LETHE_APP: 'acme',
      LETHE_HOME_REGION: 'eu-west-3',
      LETHE_REGIONS: 'eu-west-3',
      LETHE_DYNAMODB_ENDPOINT: 'http://127.0.0.1:8100',
      LETHE_S3_ENDPOINT: 'http://127.0.0.1:4669',
      LETHE_KMS_ENDPOINT: 'http://127.0.0.1:4699',
    });
  });

  it('takes LETHE_API naming the published stack (localhost or 127.0.0.1) as that local stack', () => {
    // Prepare
    const { env, endpoints } = publishedStack();
    // Act
    const local = localStack({ ...env, LETHE_API: 'http://localhost:3100/' });
    // Assess
    expect(local?.dynamodb).toBe(endpoints.dynamodb);
  });

  it('takes any other LETHE_API for a deployment: no local emulator is used for it', () => {
    // Prepare
    const { env } = publishedStack();
    // Act
    const aws = localStack({ ...env, LETHE_API: 'https://abc123.execute-api.eu-west-3.amazonaws.com/prod' });
    const otherPort = localStack({ ...env, LETHE_API: 'http://127.0.0.1:3000' });
    // Assess
    expect(aws).toBeUndefined();
    expect(otherPort).toBeUndefined();
  });

  it('ignores the file a stack left behind when its process is gone, and falls back to the default ports', () => {
    // Prepare: pid 2^22 + 1 is above Linux's pid_max, so no process has it
    const { env } = publishedStack(4_194_305);
    // Act
    const local = localStack(env);
    // Assess
    expect(local).toMatchObject({ api: 'http://127.0.0.1:3000', dynamodb: 'http://127.0.0.1:8000' });
  });

  it('names the file and the field when the endpoints file is not what npm start writes', () => {
    // Prepare
    const { env } = publishedStack();
    writeFileSync(endpointsFile(env), JSON.stringify({ pid: process.pid, api: 'not a url' }));
    // Act
    const run = () => apiUrl(env);
    // Assess
    expect(run).toThrow(endpointsFile(env));
    expect(run).toThrow(/api: /);
  });
});
