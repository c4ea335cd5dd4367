import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  MAX_ATTEMPTS,
  RETRY_DELAYS_SECONDS,
  type DeliveryLogEntry,
} from '../../../functions/domain/recipients/delivery';
import { verifyWebhook, WEBHOOK_HEADERS } from '../../../functions/domain/recipients/webhook-signature';
import type { HttpSender } from '../../../functions/ports/http-sender';
import { deliverDueNotices } from '../../../functions/usecases/recipients/deliveries';
import type { SubjectRequestView } from '../../../functions/usecases/subject-requests/view-request';
import { rawDirectoryItems } from '../../support/emulators';
import {
  asAdmin,
  hmacsOf,
  newSubject,
  newTenant,
  runRequest,
  storeSubject,
  testContainer,
  testDeps,
  type Tenant,
} from './support';

/** One request as a recipient received it: the raw bytes, exactly as they came off the wire. */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

/** A recipient on 127.0.0.1: each path answers the statuses of its script in turn (the last repeats). */
async function recipientServer(script: Record<string, number[]>) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      received.push({ path, headers: req.headers, raw: Buffer.concat(chunks) });
      const statuses = script[path] ?? [404];
      const seen = received.filter((r) => r.path === path).length;
      res.writeHead(statuses[Math.min(seen, statuses.length) - 1]).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    at: (path: string) => received.filter((r) => r.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
type Recipients = Awaited<ReturnType<typeof recipientServer>>;

const servers: Recipients[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});
async function recipients(script: Record<string, number[]>): Promise<Recipients> {
  const server = await recipientServer(script);
  servers.push(server);
  return server;
}

/** A secret made through the API, and the tenant's policy saved with recipients naming such secrets. */
async function newSecret(tenant: Tenant, recipient = 'crm'): Promise<{ secretRef: string; secret: string }> {
  const made = await asAdmin<{ secretRef: string; secret: string }>(tenant, '/v1/recipient-secrets', 'POST', {
    recipient,
  });
  if (made.status !== 201) throw new Error(`POST /v1/recipient-secrets answered ${made.status}`);
  return made.body;
}
async function proposeRecipients(tenant: Tenant, notifyRecipients: unknown[], method = 'PUT', path = '/v1/policy') {
  const read = (await asAdmin<{ policy: { subjectRequests: object } }>(tenant, '/v1/policy')).body.policy;
  return asAdmin<{ error?: { code: string; fields?: { path: string; message: string }[] } }>(tenant, path, method, {
    ...read,
    subjectRequests: { ...read.subjectRequests, notifyRecipients },
  });
}
async function saveRecipients(tenant: Tenant, notifyRecipients: unknown[]): Promise<void> {
  const saved = await proposeRecipients(tenant, notifyRecipients);
  if (saved.status !== 200) throw new Error(`the policy was refused: ${JSON.stringify(saved.body)}`);
}

const viewOf = async (tenant: Tenant, requestId: string) =>
  (await asAdmin<SubjectRequestView>(tenant, `/v1/subject-requests/${requestId}`)).body;
const logOf = (view: SubjectRequestView, recipient: string): DeliveryLogEntry | undefined =>
  view.deliveries?.find((d) => d.recipient === recipient);

const seconds = (n: number) => n * 1000;

describe('recipients are told what a subject request did (GDPR Art. 19)', () => {
  it('an erasure is told to each recipient by a signed webhook naming no one in clear, retried after a 500, logged on the request', async () => {
    // Prepare: a CRM that answers 500 once then 200, and a platform that keeps answering 503
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const anna = newSubject('anna');
    await storeSubject(c, tenant, anna);
    const server = await recipients({ '/crm': [500, 200], '/platform': [503] });
    const [crmSecret, platformSecret] = [await newSecret(tenant), await newSecret(tenant)];
    await saveRecipients(tenant, [
      { name: 'crm', url: server.url('/crm'), secretRef: crmSecret.secretRef },
      { name: 'platform', url: server.url('/platform'), secretRef: platformSecret.secretRef },
    ]);
    const hmacs = await hmacsOf(c, tenant.tenantId, anna);

    // Act: the erasure, then the wake-up's retry a minute later
    const job = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'erase',
      identifiers: { email: anna.email, phone: anna.phone },
      options: {},
    });
    const afterFirstAttempts = await viewOf(tenant, job.requestId);
    c.clock.set(new Date(c.clock.now().getTime() + seconds(RETRY_DELAYS_SECONDS[0] + 1)));
    await deliverDueNotices(testDeps(c));
    const view = await viewOf(tenant, job.requestId);

    // Assess: the erasure completed, whatever the recipients answered
    expect(job.status).toBe('completed');
    expect(afterFirstAttempts.status).toBe('completed');
    expect(logOf(afterFirstAttempts, 'crm')).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500 });
    // the CRM got the same signed bytes twice, verifiable with its secret
    const crm = server.at('/crm');
    expect(crm).toHaveLength(2);
    expect(crm[1].raw.equals(crm[0].raw)).toBe(true);
    expect(crm[1].headers[WEBHOOK_HEADERS.id]).toBe(crm[0].headers[WEBHOOK_HEADERS.id]);
    for (const r of crm) {
      const headers = r.headers as Record<string, string>;
      expect(verifyWebhook(Buffer.from(crmSecret.secret), headers, r.raw.toString('utf8'), c.clock.now())).toEqual({
        ok: true,
      });
      expect(verifyWebhook(Buffer.from(platformSecret.secret), headers, r.raw.toString('utf8'), c.clock.now()).ok).toBe(
        false,
      );
    }
    // what it says: the request, its outcome, the subject by pseudonymous keys only
    const raw = crm[0].raw.toString('utf8');
    expect(JSON.parse(raw)).toMatchObject({
      event: 'subject-request.completed',
      tenantId: tenant.tenantId,
      requestId: job.requestId,
      type: 'erase',
      outcome: 'completed',
      subjectKeys: [
        { kind: 'phone', key: expect.stringMatching(/^[0-9a-f]{64}$/) },
        { kind: 'email', key: expect.stringMatching(/^[0-9a-f]{64}$/) },
      ],
    });
    for (const trace of [anna.email, anna.phone, anna.phone.slice(1), anna.name, anna.name.split(' ')[1], ...hmacs])
      expect(raw).not.toContain(trace);
    // the delivery log, on the request and on its certificate
    expect(logOf(view, 'crm')).toEqual({
      recipient: 'crm',
      round: 1,
      status: 'delivered',
      attempts: 2,
      lastStatus: 200,
      lastAttemptAt: expect.any(String),
      deliveredAt: expect.any(String),
    });
    expect(logOf(view, 'platform')).toMatchObject({ status: 'pending', attempts: 2, lastStatus: 503 });
    expect(logOf(view, 'platform')?.nextAttemptAt).toBeDefined();
    expect(view.result?.recipients).toEqual(view.deliveries);
    // the secrets are stored wrapped by KMS, never in clear
    const stored = JSON.stringify(await rawDirectoryItems(tenant.tenantId, 'RECIPIENTSECRET#'));
    expect(stored).toContain(crmSecret.secretRef);
    expect(stored).not.toContain(crmSecret.secret);
    expect(stored).not.toContain(platformSecret.secret);
  });

  it('a recipient that never answers 2xx is marked failed after the last attempt, and its notice body is gone from storage', async () => {
    // Prepare
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const bruno = newSubject('bruno');
    await storeSubject(c, tenant, bruno);
    const server = await recipients({ '/down': [503] });
    const secret = await newSecret(tenant);
    await saveRecipients(tenant, [{ name: 'down', url: server.url('/down'), secretRef: secret.secretRef }]);

    // Act: the erasure, then each retry once it is due
    const job = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'erase',
      identifiers: { phone: bruno.phone },
      options: {},
    });
    for (const delay of RETRY_DELAYS_SECONDS) {
      c.clock.set(new Date(c.clock.now().getTime() + seconds(delay + 1)));
      await deliverDueNotices(testDeps(c));
    }
    c.clock.set(new Date(c.clock.now().getTime() + seconds(24 * 3600)));
    await deliverDueNotices(testDeps(c));
    const view = await viewOf(tenant, job.requestId);
    const [stored] = await rawDirectoryItems(tenant.tenantId, 'DELIVERY#');

    // Assess
    expect(view.status).toBe('completed');
    expect(server.at('/down')).toHaveLength(MAX_ATTEMPTS);
    expect(logOf(view, 'down')).toEqual({
      recipient: 'down',
      round: 1,
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      lastStatus: 503,
      lastAttemptAt: expect.any(String),
    });
    expect(view.result?.recipients).toEqual([logOf(view, 'down')]);
    expect(stored).toMatchObject({ status: 'failed', bodySha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(stored).not.toHaveProperty('body');
    expect(stored).not.toHaveProperty('gsi1pk'); // no longer listed for the wake-up
  });

  it('a notice whose process died while sending is not lost: the wake-up sends it once the attempt’s claim lapses', async () => {
    // Prepare: a restriction whose first notice attempt dies mid-send
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const carla = newSubject('carla');
    await storeSubject(c, tenant, carla);
    const server = await recipients({ '/crm': [200] });
    const secret = await newSecret(tenant);
    await saveRecipients(tenant, [{ name: 'crm', url: server.url('/crm'), secretRef: secret.secretRef }]);
    const dying: HttpSender = {
      post: async () => {
        throw new Error('the process was killed while sending');
      },
    };

    // Act
    const job = await runRequest({ ...testDeps(c), httpSender: dying }, tenant.tenantId, {
      type: 'restrict',
      identifiers: { email: carla.email },
      options: {},
    });
    await deliverDueNotices(testDeps(c)); // the dead attempt's claim still holds
    const whileClaimed = server.at('/crm').length;
    c.clock.set(new Date(c.clock.now().getTime() + seconds(121)));
    await deliverDueNotices(testDeps(c));
    const view = await viewOf(tenant, job.requestId);

    // Assess
    expect(job.status).toBe('completed');
    expect(whileClaimed).toBe(0);
    expect(server.at('/crm')).toHaveLength(1);
    expect(JSON.parse(server.at('/crm')[0].raw.toString('utf8'))).toMatchObject({
      requestId: job.requestId,
      type: 'restrict',
      options: { lift: false },
    });
    expect(logOf(view, 'crm')).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200 });
  });

  it('a wake-up attempt so slow that its claim lapsed neither fails the wake-up nor overwrites the attempt that took over', async () => {
    // Prepare: a notice left pending by a dead first attempt; the wake-up's recipient answers a 500
    // only after its claim lapsed and another wake-up retried and delivered
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const dora = newSubject('dora');
    await storeSubject(c, tenant, dora);
    const server = await recipients({ '/crm': [200] });
    const secret = await newSecret(tenant);
    await saveRecipients(tenant, [{ name: 'crm', url: server.url('/crm'), secretRef: secret.secretRef }]);
    const dying: HttpSender = {
      post: async () => {
        throw new Error('the process was killed while sending');
      },
    };
    const slow: HttpSender = {
      post: async () => {
        c.clock.set(new Date(c.clock.now().getTime() + seconds(121)));
        await deliverDueNotices(testDeps(c));
        return { kind: 'answered', status: 500 };
      },
    };
    const job = await runRequest({ ...testDeps(c), httpSender: dying }, tenant.tenantId, {
      type: 'erase',
      identifiers: { email: dora.email },
      options: {},
    });
    c.clock.set(new Date(c.clock.now().getTime() + seconds(121)));

    // Act
    const wake = deliverDueNotices({ ...testDeps(c), httpSender: slow });

    // Assess
    await expect(wake).resolves.toEqual({ attempted: expect.any(Number) });
    const view = await viewOf(tenant, job.requestId);
    expect(server.at('/crm')).toHaveLength(1);
    expect(logOf(view, 'crm')).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200 });
  });

  it('a policy naming a recipient by plain http or an unknown secret is refused with the field named, and nothing is saved', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const secret = await newSecret(tenant);
    const before = (await asAdmin<{ revision: number }>(tenant, '/v1/policy')).body.revision;

    // Act
    const plainHttp = await proposeRecipients(tenant, [
      { name: 'crm', url: 'http://crm.example.com/hook', secretRef: secret.secretRef },
    ]);
    const unknownSecret = await proposeRecipients(tenant, [
      { name: 'crm', url: 'https://crm.example.com/hook', secretRef: 'rs_01JAAAAAAAAAAAAAAAAAAAAAAA' },
    ]);
    const previewed = await proposeRecipients(
      tenant,
      [{ name: 'crm', url: 'https://crm.example.com/hook', secretRef: 'rs_01JAAAAAAAAAAAAAAAAAAAAAAA' }],
      'POST',
      '/v1/policy/diff',
    );
    const after = (await asAdmin<{ revision: number }>(tenant, '/v1/policy')).body.revision;

    // Assess
    expect(plainHttp.status).toBe(400);
    expect(plainHttp.body.error?.fields).toEqual([
      { path: 'subjectRequests.notifyRecipients.0.url', message: expect.stringMatching(/https/) },
    ]);
    for (const refused of [unknownSecret, previewed]) {
      expect(refused.status).toBe(400);
      expect(refused.body.error?.fields).toEqual([
        { path: 'subjectRequests.notifyRecipients.0.secretRef', message: expect.stringMatching(/no secret/) },
      ]);
    }
    expect(after).toBe(before);
  });
});
