import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LetheApiClient } from '../../../functions/cli/api-client';

/** The CLI's API client against a loopback server playing Lethe. */
describe('the CLI API client', () => {
  let server: Server;
  let url: string;
  let lastRequest: IncomingMessage | undefined;
  let reply: { status: number; body: unknown; contentType?: string } = { status: 200, body: {} };

  beforeAll(async () => {
    server = createServer((req, res) => {
      lastRequest = req;
      req.resume();
      req.on('end', () => {
        res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json' });
        res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const client = (env: NodeJS.ProcessEnv = {}) =>
    new LetheApiClient({ LETHE_API: url, LETHE_STATE_DIR: mkdtempSync(join(tmpdir(), 'lethe-cli-')), ...env });

  it('finds Lethe through LETHE_API and returns the JSON answer', async () => {
    // Prepare
    reply = { status: 201, body: { tenantId: '01HZX' } };

    // Act
    const answer = await client().request('POST', '/v1/tenants', { body: { name: 'acme' } });

    // Assess
    expect(answer).toEqual({ tenantId: '01HZX' });
    expect(lastRequest?.url).toBe('/v1/tenants');
  });

  it('defaults to the local stack at http://127.0.0.1:3000', () => {
    // Assess
    expect(new LetheApiClient({}).baseUrl).toBe('http://127.0.0.1:3000');
  });

  it('sends the operator key from .lethe/operator.key on operator routes', async () => {
    // Prepare
    const stateDir = mkdtempSync(join(tmpdir(), 'lethe-cli-'));
    writeFileSync(join(stateDir, 'operator.key'), 'key-from-file\n');
    reply = { status: 200, body: {} };

    // Act
    await new LetheApiClient({ LETHE_API: url, LETHE_STATE_DIR: stateDir }).request('POST', '/v1/tenants', {
      operator: true,
      body: {},
    });

    // Assess
    expect(lastRequest?.headers['x-lethe-operator-key']).toBe('key-from-file');
  });

  it('prefers LETHE_OPERATOR_KEY over the file', async () => {
    // Act
    await client({ LETHE_OPERATOR_KEY: 'key-from-env' }).request('POST', '/v1/tenants', { operator: true, body: {} });

    // Assess
    expect(lastRequest?.headers['x-lethe-operator-key']).toBe('key-from-env');
  });

  it('says how to get an operator key when there is none', async () => {
    // Act
    const call = client().request('POST', '/v1/tenants', { operator: true });

    // Assess
    await expect(call).rejects.toThrow(
      /^no operator key: start the local stack once with `npm start` \(it writes .*operator\.key\) or set LETHE_OPERATOR_KEY$/,
    );
  });

  it('says Lethe is unreachable and suggests npm start when nothing listens', async () => {
    // Prepare
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));

    // Act
    const call = new LetheApiClient({ LETHE_API: deadUrl }).request('GET', '/v1/health');

    // Assess
    await expect(call).rejects.toThrow(
      `cannot reach Lethe at ${deadUrl} — is \`npm start\` running? (set LETHE_API if Lethe listens elsewhere)`,
    );
  });

  it.each([
    [
      400,
      {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'x',
          fields: [{ path: 'preset', message: 'must be one of puzzel, iadvize, inbenta' }],
        },
      },
      {},
      'Lethe refused POST /v1/tenants: preset: must be one of puzzel, iadvize, inbenta',
    ],
    [
      401,
      { error: { code: 'UNAUTHORIZED', message: 'Unauthorized' } },
      {},
      'not authenticated for POST /v1/tenants: Unauthorized — check the admin token or API key',
    ],
    [
      403,
      { error: { code: 'FORBIDDEN', message: 'no' } },
      { operator: true },
      'the operator key was refused for POST /v1/tenants',
    ],
    [
      500,
      { error: { code: 'INTERNAL', message: 'Internal server error', correlationId: 'c-42' } },
      {},
      'Lethe failed on POST /v1/tenants (correlation id c-42)',
    ],
    [
      404,
      'Not Found',
      {},
      'answered POST /v1/tenants with HTTP 404 and no Lethe error — is LETHE_API pointing at Lethe?',
    ],
  ])('turns HTTP %i into a one-line message that says what to fix', async (status, body, options, expected) => {
    // Prepare
    reply = { status, body, contentType: typeof body === 'string' ? 'text/plain' : 'application/json' };

    // Act
    const call = client({ LETHE_OPERATOR_KEY: 'k' }).request('POST', '/v1/tenants', { body: {}, ...options });

    // Assess
    await expect(call).rejects.toThrow(expected);
    await expect(call).rejects.toMatchObject({ status, message: expect.not.stringContaining('\n') });
  });
});
