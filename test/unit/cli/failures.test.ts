import { createServer } from 'node:net';
import { LetheApiClient } from '../../../functions/cli/api-client';
import { runSubjectCommand } from '../../../functions/cli/commands/subject';
import { FAILURE_EXIT_CODE, USAGE_ERROR_EXIT_CODE } from '../../../functions/cli/main';
import { directoryLookup } from '../../../functions/cli/tenant-lookup';
import { startFakeApi } from './fake-api';
import { lethe, withEnv } from './run-lethe';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe('a failing lethe command', () => {
  it('says what failed in one line on stderr and exits 1', async () => {
    // Prepare
    const restore = withEnv({
      LETHE_API: `http://127.0.0.1:${await closedPort()}`,
      LETHE_OPERATOR_KEY: 'k'.repeat(32),
    });
    try {
      // Act
      const run = await lethe('tenant', 'create', 'acme', '--preset', 'puzzel');
      // Assess
      expect(run.exitCode).toBe(FAILURE_EXIT_CODE);
      expect(run.err).toMatch(/^lethe: cannot reach Lethe at http:\/\/127\.0\.0\.1:\d+/);
      expect(run.err.trim().split('\n')).toHaveLength(1);
      expect(run.out).toBe('');
    } finally {
      restore();
    }
  });
});

describe('a bad date on the command line', () => {
  it.each([
    ['sweep', '--now', 'yesterday'],
    ['token', '--tenant', 't1', '--role', 'admin', '--now', '2030-13-01T00:00:00Z'],
    ['audit', 'list', '--tenant', 't1', '--from', '1.3.2030'],
    ['audit', 'list', '--tenant', 't1', '--to', '2030-03-01'],
  ])('is a usage error naming the option and the expected format: lethe %s …', async (...args) => {
    // Prepare
    const [option, value] = args.slice(-2);
    // Act
    const run = await lethe(...args);
    // Assess
    expect(run.exitCode).toBe(USAGE_ERROR_EXIT_CODE);
    expect(run.err).toContain(
      `${option} must be an ISO-8601 instant with a time zone, such as 2030-01-01T00:00:00Z, not "${value}"`,
    );
    expect(run.out).toBe('');
  });
});

describe('an unknown tenant', () => {
  const REFUSED = { 'POST /v1/subject-requests': () => ({ status: 401, body: { message: 'Unauthorized' } }) };

  it('is named as such when the API refuses a token for a tenant the directory does not hold', async () => {
    // Prepare
    const api = await startFakeApi(REFUSED);
    const client = new LetheApiClient({ LETHE_API: api.url }, async () => false);
    try {
      // Act
      const failure = client.request('POST', '/v1/subject-requests', {
        token: 'a.b.c',
        tenant: 'no-such-tenant',
        body: {},
      });
      // Assess
      await expect(failure).rejects.toThrow(
        'unknown tenant no-such-tenant: no tenant has this id (`lethe tenant create` prints the id of a new tenant)',
      );
    } finally {
      await api.close();
    }
  });

  it('leaves the refusal of a token for an existing tenant about the token', async () => {
    // Prepare
    const api = await startFakeApi(REFUSED);
    const client = new LetheApiClient({ LETHE_API: api.url }, async () => true);
    try {
      // Act
      const failure = client.request('POST', '/v1/subject-requests', { token: 'a.b.c', tenant: 'acme', body: {} });
      // Assess
      await expect(failure).rejects.toThrow(
        /not authenticated for POST \/v1\/subject-requests: Unauthorized — check the admin token/,
      );
    } finally {
      await api.close();
    }
  });

  it('is named by `lethe subject`, which says which tenant its token is for', async () => {
    // Prepare
    const api = await startFakeApi(REFUSED);
    const looked: string[] = [];
    const client = new LetheApiClient({ LETHE_API: api.url }, async (tenantId) => (looked.push(tenantId), false));
    const options = { tenant: 'no-such-tenant', phone: '+46701234567', token: 'a.b.c', wait: false, pollMs: '10' };
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // Act
      const failure = runSubjectCommand('erase', options, client);
      // Assess
      await expect(failure).rejects.toThrow('unknown tenant no-such-tenant');
      expect(looked).toEqual(['no-such-tenant']);
    } finally {
      stderr.mockRestore();
      await api.close();
    }
  });
});

describe('the directory lookup behind the unknown-tenant message', () => {
  it('does not guess against an API whose directory it cannot name', async () => {
    // Prepare: a deployed stack's URL, no LETHE_ACCOUNT to find its tables with.
    const lookup = directoryLookup({ LETHE_API: 'https://abc123defg.execute-api.eu-central-1.amazonaws.com/prod' });
    // Act
    const known = await lookup('any-tenant');
    // Assess
    expect(known).toBeUndefined();
  });
});
