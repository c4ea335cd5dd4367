import { parseRuntimeConfig } from '../../../functions/shared/runtime-config';

/** The variables the CDK stacks set on every function. */
const DEPLOYED = {
  LETHE_ACCOUNT: '123456789012',
  LETHE_HOME_REGION: 'eu-north-1',
  LETHE_REGIONS: 'eu-north-1, us-east-1',
};

describe('a function reads its configuration from its environment at cold start (runtime-config)', () => {
  it('a deployed function gets the tables of every deployed region and no emulator', () => {
    // Prepare
    const env = { ...DEPLOYED };

    // Act
    const config = parseRuntimeConfig(env);

    // Assess
    expect(config.regions).toEqual(['eu-north-1', 'us-east-1']);
    expect(config.regional['us-east-1']).toMatchObject({ recordsTable: 'lethe-us-east-1-records' });
    expect(config.regional['eu-north-1']).toMatchObject({ recordsTable: 'lethe-eu-north-1-records' });
    expect(config.local).toBe(false);
    expect(config.endpoints).toEqual({ dynamodb: undefined, s3: undefined, kms: undefined });
  });

  it('a home region outside the deployed regions stops the cold start, naming both variables', () => {
    // Prepare
    const env = { ...DEPLOYED, LETHE_REGIONS: 'us-east-1' };

    // Act
    const parsing = () => parseRuntimeConfig(env);

    // Assess
    expect(parsing).toThrow('LETHE_REGIONS must include LETHE_HOME_REGION (eu-north-1)');
  });

  it('a missing or malformed variable stops the cold start with the variable named and the reason', () => {
    // Prepare
    const env = { ...DEPLOYED, LETHE_ACCOUNT: '1234' };

    // Act
    const parsing = () => parseRuntimeConfig(env);

    // Assess
    expect(parsing).toThrow('Lethe configuration is not valid: LETHE_ACCOUNT: must be a 12-digit AWS account id');
  });

  it('every bad variable is named in the one error, not only the first', () => {
    // Prepare
    const env = { ...DEPLOYED, LETHE_ACCOUNT: '1234', LETHE_PITR_DAYS: '90' };

    // Act
    const parsing = () => parseRuntimeConfig(env);

    // Assess
    expect(parsing).toThrow(/LETHE_ACCOUNT: must be a 12-digit AWS account id; LETHE_PITR_DAYS: /);
  });

  it('the emulator endpoints make the function local and are handed to the clients', () => {
    // Prepare
    const env = {
      ...DEPLOYED,
      LETHE_DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      LETHE_S3_ENDPOINT: 'http://127.0.0.1:4569',
      LETHE_KMS_ENDPOINT: 'http://127.0.0.1:4599',
    };

    // Act
    const config = parseRuntimeConfig(env);

    // Assess
    expect(config.local).toBe(true);
    expect(config.endpoints).toEqual({
      dynamodb: 'http://127.0.0.1:8000',
      s3: 'http://127.0.0.1:4569',
      kms: 'http://127.0.0.1:4599',
    });
  });

  it('admin tokens are checked against a Cognito pool only when both its id and its client id are set', () => {
    // Prepare
    const both = { ...DEPLOYED, LETHE_USER_POOL_ID: 'eu-north-1_pool', LETHE_USER_POOL_CLIENT_ID: 'client' };
    const idOnly = { ...DEPLOYED, LETHE_USER_POOL_ID: 'eu-north-1_pool' };
    const clientOnly = { ...DEPLOYED, LETHE_USER_POOL_CLIENT_ID: 'client' };

    // Act
    const configs = [both, idOnly, clientOnly].map((env) => parseRuntimeConfig(env).userPool);

    // Assess
    expect(configs).toEqual([{ id: 'eu-north-1_pool', clientId: 'client' }, undefined, undefined]);
  });

  it('the console’s hosted sign-in needs its domain, the console URL and the client id; the domain loses trailing slashes', () => {
    // Prepare
    const complete = {
      ...DEPLOYED,
      LETHE_SIGN_IN_DOMAIN: 'https://lethe.auth.eu-north-1.amazoncognito.com//',
      LETHE_CONSOLE_URL: 'https://console.example.com/',
      LETHE_USER_POOL_CLIENT_ID: 'client',
    };
    const { LETHE_SIGN_IN_DOMAIN: _domain, ...noDomain } = complete;
    const { LETHE_CONSOLE_URL: _url, ...noConsoleUrl } = complete;
    const { LETHE_USER_POOL_CLIENT_ID: _client, ...noClient } = complete;

    // Act
    const signIns = [complete, noDomain, noConsoleUrl, noClient].map((env) => parseRuntimeConfig(env).consoleSignIn);

    // Assess
    expect(signIns).toEqual([
      {
        domain: 'https://lethe.auth.eu-north-1.amazoncognito.com',
        clientId: 'client',
        redirectUri: 'https://console.example.com/',
      },
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('the configuration of a process is parsed once, at cold start (runtimeConfig)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('a later change of the environment does not change the configuration the process runs with', () => {
    // Prepare
    process.env = { ...saved, ...DEPLOYED };
    let first: unknown;
    let second: unknown;

    // Act
    jest.isolateModules(() => {
      const { runtimeConfig } = require('../../../functions/shared/runtime-config');
      first = runtimeConfig();
      process.env.LETHE_HOME_REGION = 'us-east-1';
      second = runtimeConfig();
    });

    // Assess
    expect(first).toMatchObject({ homeRegion: 'eu-north-1', account: '123456789012' });
    expect(second).toBe(first);
  });
});
