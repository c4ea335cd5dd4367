import { createHash, createHmac } from 'node:crypto';
import { LetheApiClient } from '../../../functions/cli/api-client';
import { executeApiRegion, signedHeaders } from '../../../functions/cli/operator-signing';
import { OPERATOR_KEY_HEADER } from '../../../infra/local/operator-key';

// The example credentials of AWS's SigV4 documentation, a fixed instant and a fixed operator call.
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const SIGNING_DATE = new Date('2030-01-02T03:04:05Z');
const REQUEST = {
  method: 'POST',
  url: 'https://abc123defg.execute-api.eu-central-1.amazonaws.com/prod/v1/tenants',
  headers: { accept: 'application/json', 'content-type': 'application/json' },
  body: '{"name":"acme","preset":"puzzel"}',
};
/** The signature of REQUEST, as the SigV4 steps below derive it (kept literal, so a change in either shows). */
const KNOWN_SIGNATURE = 'ed6ed58751d0fe9c8656750460ca5f2735c38dfd8d296023a38ce7dcc0fe9abf';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();

/** SigV4 by hand, step by step as AWS documents it: canonical request, string to sign, signing key. */
function signatureByTheSpec(): string {
  const amzDate = '20300102T030405Z';
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json',
    host: 'abc123defg.execute-api.eu-central-1.amazonaws.com',
    'x-amz-content-sha256': sha256(REQUEST.body),
    'x-amz-date': amzDate,
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    'POST',
    '/prod/v1/tenants',
    '',
    ...names.map((n) => `${n}:${headers[n]}`),
    '',
    names.join(';'),
    sha256(REQUEST.body),
  ].join('\n');
  const scope = '20300102/eu-central-1/execute-api/aws4_request';
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = ['20300102', 'eu-central-1', 'execute-api', 'aws4_request'].reduce<Buffer | string>(
    (k, part) => hmac(k, part),
    `AWS4${CREDENTIALS.secretAccessKey}`,
  );
  return hmac(key, toSign).toString('hex');
}

describe('operator calls signed with SigV4', () => {
  it('sign a known request with the known signature, body included', async () => {
    // Act
    const headers = await signedHeaders(REQUEST, {
      region: 'eu-central-1',
      credentials: CREDENTIALS,
      signingDate: SIGNING_DATE,
    });
    // Assess
    expect(signatureByTheSpec()).toBe(KNOWN_SIGNATURE);
    expect(headers.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20300102/eu-central-1/execute-api/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature=${KNOWN_SIGNATURE}`,
    );
    expect(headers['x-amz-date']).toBe('20300102T030405Z');
  });

  it('sign another body differently', async () => {
    // Act
    const headers = await signedHeaders(
      { ...REQUEST, body: '{"name":"other","preset":"puzzel"}' },
      { region: 'eu-central-1', credentials: CREDENTIALS, signingDate: SIGNING_DATE },
    );
    // Assess
    expect(headers.authorization).not.toContain(KNOWN_SIGNATURE);
  });

  it('carry the session token of temporary credentials (SSO, assumed roles)', async () => {
    // Act
    const headers = await signedHeaders(REQUEST, {
      region: 'eu-central-1',
      credentials: { ...CREDENTIALS, sessionToken: 'session-1' },
      signingDate: SIGNING_DATE,
    });
    // Assess
    expect(headers['x-amz-security-token']).toBe('session-1');
    expect(headers.authorization).toContain('x-amz-security-token');
  });

  it('are made for API Gateway endpoints only; the local stack keeps its operator key', () => {
    // Act
    const regions = [
      'https://abc123defg.execute-api.eu-central-1.amazonaws.com/prod',
      'http://127.0.0.1:3000',
      'http://localhost:4000',
    ].map(executeApiRegion);
    // Assess
    expect(regions).toEqual(['eu-central-1', undefined, undefined]);
  });

  it('are what the CLI sends to a deployed stack, from the credential chain, with no operator key', async () => {
    // Prepare: fetch answers without the network and keeps what it was sent.
    const sent: Array<Record<string, string>> = [];
    const fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
      sent.push(init?.headers as Record<string, string>);
      return new Response('{"tenantId":"t1"}', { status: 201, headers: { 'content-type': 'application/json' } });
    });
    const env = {
      LETHE_API: 'https://abc123defg.execute-api.eu-central-1.amazonaws.com/prod',
      LETHE_OPERATOR_KEY: 'k'.repeat(32),
    };
    const client = new LetheApiClient(
      env,
      async () => undefined,
      () => CREDENTIALS,
    );
    try {
      // Act
      await client.request('POST', '/v1/tenants', { operator: true, body: { name: 'acme', preset: 'puzzel' } });
      // Assess
      expect(sent[0].authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/execute-api\/aws4_request, /,
      );
      expect(sent[0]).not.toHaveProperty(OPERATOR_KEY_HEADER);
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('are not sent to the local stack, which gets the operator key', async () => {
    // Prepare
    const sent: Array<Record<string, string>> = [];
    const fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
      sent.push(init?.headers as Record<string, string>);
      return new Response('{"tenantId":"t1"}', { status: 201, headers: { 'content-type': 'application/json' } });
    });
    const client = new LetheApiClient(
      { LETHE_API: 'http://127.0.0.1:3999', LETHE_OPERATOR_KEY: 'k'.repeat(32) },
      async () => undefined,
      () => CREDENTIALS,
    );
    try {
      // Act
      await client.request('POST', '/v1/tenants', { operator: true, body: { name: 'acme', preset: 'puzzel' } });
      // Assess
      expect(sent[0][OPERATOR_KEY_HEADER]).toBe('k'.repeat(32));
      expect(sent[0]).not.toHaveProperty('authorization');
    } finally {
      fetchSpy.mockRestore();
    }
  });
});
