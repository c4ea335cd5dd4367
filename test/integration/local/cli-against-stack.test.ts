import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { endpointsFile, type PublishedEndpoints } from '../../../infra/local/published-endpoints';
import { type Started, start, stop } from '../../support/npm-start';

const LETHE = join(__dirname, '../../../bin/lethe.js');
const PARTICIPANT = { email: 'ports.test@example.com', phone: '+46 70 123 45 67', name: 'Port Tester' };

/**
 * A shell that knows nothing of the stack but its state directory: no LETHE_API, no endpoint, key or
 * secret variables (the integration run sets them for its own stack), no AWS identity unless given.
 */
function shell(stateDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !/^(LETHE_|AWS_)/.test(name));
  return { ...Object.fromEntries(kept), LETHE_STATE_DIR: stateDir, ...extra };
}

const lethe = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  promisify(execFile)(process.execPath, [LETHE, ...args], { env });

const claims = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as { iat: number; exp: number };

/** An iAdvize call, ingested through the API the stack published. */
async function ingestCall(api: string, apiKey: string): Promise<void> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${api}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { interactionId: string };
  };
  const startedAt = new Date().toISOString();
  const { interactionId } = await post('/v1/interactions', {
    channel: 'call',
    startedAt,
    queue: 'billing',
    participant: PARTICIPANT,
    consent: { storeContent: true, gdpr: { granted: true, noticeVersion: '2025-01' } },
  });
  await post(`/v1/interactions/${interactionId}/end`, { endedAt: startedAt, waitSeconds: 4, talkSeconds: 60 });
}

describe('the CLI against a local stack on other ports than the defaults', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'lethe-cli-ports-'));
  let stack: Started;
  beforeAll(async () => {
    stack = await start(stateDir);
  }, 180_000);
  afterAll(async () => {
    if (stack?.child.exitCode === null) await stop(stack.child);
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('finds the API, DynamoDB, S3 and KMS through .lethe/endpoints.json: tenant, sweep, litigation export, audit', async () => {
    // Prepare
    const published: PublishedEndpoints = JSON.parse(readFileSync(join(stateDir, 'endpoints.json'), 'utf8'));
    const env = shell(stateDir);
    const tenant = JSON.parse((await lethe(env, 'tenant', 'create', 'Ports', '--preset', 'iadvize')).stdout);
    await ingestCall(published.api, tenant.apiKey);
    // The call's general info is sealed into the litigation archive at 12 months.
    await lethe(
      env,
      'sweep',
      '--tenant',
      tenant.tenantId,
      '--now',
      new Date(Date.now() + 400 * 86_400_000).toISOString(),
    );
    const [batch] = JSON.parse((await lethe(env, 'litigation', 'list', '--tenant', tenant.tenantId)).stdout);

    // Act
    const exported = await lethe(
      shell(stateDir, { AWS_ACCESS_KEY_ID: 'LEGALROLE', AWS_SECRET_ACCESS_KEY: 'LEGALROLE' }),
      ...['litigation', 'export', '--tenant', tenant.tenantId, '--batch', batch.batchId],
    );
    const verified = await lethe(env, 'audit', 'verify', '--tenant', tenant.tenantId);
    const audit = JSON.parse(
      (await lethe(env, 'audit', 'list', '--tenant', tenant.tenantId, '--action', 'litigation.retrieve', '--json'))
        .stdout,
    );

    // Assess: nothing listens where the defaults are; the stack published where it does
    expect(published.api).toBe(stack.api);
    const ports = [published.api, published.dynamodb, published.s3, published.kms].map((url) => new URL(url).port);
    expect(ports.filter((port, i) => port === ['3000', '8000', '4569', '4599'][i])).toEqual([]);
    // Assess: the legal role opened the sealed batch through the stack's own S3 and KMS
    expect(exported.stdout).toContain(PARTICIPANT.email);
    // Assess: audit read the stack's own DynamoDB, where the retrieval was logged
    expect(verified.stdout).toContain(tenant.tenantId);
    expect(audit.items).toEqual([expect.objectContaining({ action: 'litigation.retrieve' })]);
  }, 240_000);

  it('after POST /_local/clock, lethe token signs at the local clock, and --now still overrides it', async () => {
    // Prepare
    const env = shell(stateDir);
    const tenant = JSON.parse((await lethe(env, 'tenant', 'create', 'Clock', '--preset', 'puzzel')).stdout);
    const moved = '2031-06-01T00:00:00.000Z';
    await fetch(`${stack.api}/_local/clock`, { method: 'POST', body: JSON.stringify({ now: moved }) });
    const asked = '2030-01-01T00:00:00.000Z';

    // Act
    const atLocalClock = (await lethe(env, 'token', '--tenant', tenant.tenantId, '--role', 'admin')).stdout.trim();
    const atNow = (await lethe(env, 'token', '--tenant', tenant.tenantId, '--role', 'admin', '--now', asked)).stdout;
    const listed = await lethe(env, 'litigation', 'list', '--tenant', tenant.tenantId, '--token', atLocalClock);
    const stale = await lethe(env, 'litigation', 'list', '--tenant', tenant.tenantId, '--token', atNow.trim()).catch(
      (error: { stderr: string }) => error,
    );

    // Assess: signed at the moved clock (time flows on from there), accepted by the stack
    expect(claims(atLocalClock).iat - Date.parse(moved) / 1000).toBeGreaterThanOrEqual(0);
    expect(claims(atLocalClock).iat - Date.parse(moved) / 1000).toBeLessThan(120);
    expect(JSON.parse(listed.stdout)).toEqual([]);
    // Assess: --now wins, and a token of another instant is refused at the stack's clock
    expect(claims(atNow.trim()).iat).toBe(Date.parse(asked) / 1000);
    expect(stale.stderr).toContain('not authenticated');
  }, 120_000);

  it('takes its endpoints file away when it stops', async () => {
    // Prepare
    const file = endpointsFile({ LETHE_STATE_DIR: stateDir });
    const publishedWhileRunning = existsSync(file);

    // Act
    await stop(stack.child);

    // Assess
    expect(publishedWhileRunning).toBe(true);
    expect(existsSync(file)).toBe(false);
  }, 60_000);
});
