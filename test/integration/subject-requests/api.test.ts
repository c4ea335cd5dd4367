import { localAdminToken } from '../../../functions/cli/commands/token';
import type { SubjectRequestView } from '../../../functions/usecases/subject-requests/view-request';
import { callApi } from '../../support/api';
import { asAdmin, asChannel, newSubject, newTenant, storeSubject, testContainer, type Tenant } from './support';

const FINAL = ['completed', 'cancelled', 'failed'];

/** Polls GET /v1/subject-requests/{id} (the job runs in the background of the local runtime) until it ends. */
async function untilDone(tenant: Tenant, requestId: string, as: typeof asAdmin = asAdmin): Promise<SubjectRequestView> {
  for (let i = 0; i < 200; i++) {
    const res = await as<SubjectRequestView>(tenant, `/v1/subject-requests/${requestId}`);
    if (res.status !== 200) throw new Error(`GET answered ${res.status}: ${JSON.stringify(res.body)}`);
    if (FINAL.includes(res.body.status)) return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`request ${requestId} did not end`);
}

describe('subject requests over the API', () => {
  it('an admin files an erasure (202), follows its progress and gets its certificate; the audit log records it without identifiers', async () => {
    // Prepare
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const a = newSubject('anna');
    await storeSubject(c, tenant, a);

    // Act
    const filed = await asAdmin<{ requestId: string; status: string }>(tenant, '/v1/subject-requests', 'POST', {
      type: 'erase',
      identifiers: { email: a.email, phone: a.phone },
      options: {},
    });
    const done = await untilDone(tenant, filed.body.requestId);

    // Assess
    expect(filed).toMatchObject({ status: 202, body: { status: 'queued' } });
    expect(done).toMatchObject({
      status: 'completed',
      progress: { percent: 100, step: 'done' },
      result: { type: 'erase', verification: { ok: true, remaining: 0 } },
    });
    const entries = (await c.auditLog.list(tenant.tenantId, { action: 'subject-request' })).items;
    expect(entries.map((e) => e.details.phase).sort()).toEqual(['completed', 'filed']);
    expect(entries.every((e) => e.details.requestId === filed.body.requestId)).toBe(true);
    expect(entries.find((e) => e.details.phase === 'filed')?.actor).toEqual({
      user: 'tenant-admin',
      role: 'admin',
      support: false,
    });
    expect(JSON.stringify(entries)).not.toMatch(new RegExp(`${a.email.replace(/\./g, '\\.')}|\\${a.phone}`));
  });

  it('self-service: a channel files on behalf of its end user, the request waits until an admin confirms it, and the channel polls it to the end', async () => {
    // Prepare
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const a = newSubject('anna');
    await storeSubject(c, tenant, a);

    // Act
    const filed = await asChannel<{ requestId: string; status: string }>(tenant, '/v1/subject-requests', 'POST', {
      type: 'export',
      identifiers: { email: a.email },
      options: {},
    });
    const { requestId } = filed.body;
    const waiting = await asChannel<SubjectRequestView>(tenant, `/v1/subject-requests/${requestId}`);
    const selfConfirm = await asChannel(tenant, `/v1/subject-requests/${requestId}/confirm`, 'POST');
    const confirmed = await asAdmin(tenant, `/v1/subject-requests/${requestId}/confirm`, 'POST');
    const done = await untilDone(tenant, requestId, asChannel);

    // Assess
    expect(filed).toMatchObject({ status: 202, body: { status: 'pending-verification' } });
    expect(waiting.body).toMatchObject({ status: 'pending-verification', progress: { percent: 0 } });
    expect(selfConfirm.status).toBe(403);
    expect(confirmed).toMatchObject({ status: 202, body: { status: 'queued' } });
    expect(done).toMatchObject({ status: 'completed', result: { type: 'export', verification: { ok: true } } });
    expect((await fetch(done.download!.url)).status).toBe(200);
  });

  it('cancels a request that has not run yet at once, and refuses to cancel it again (409)', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const a = newSubject('anna');
    const pending = await asChannel<{ requestId: string }>(tenant, '/v1/subject-requests', 'POST', {
      type: 'erase',
      identifiers: { phone: a.phone },
      options: {},
    });

    // Act
    const cancelled = await asChannel<SubjectRequestView>(
      tenant,
      `/v1/subject-requests/${pending.body.requestId}`,
      'DELETE',
    );
    const again = await asAdmin<{ error: { code: string } }>(
      tenant,
      `/v1/subject-requests/${pending.body.requestId}`,
      'DELETE',
    );

    // Assess
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled', result: { outcome: 'cancelled' } } });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
  });

  it('refuses what the caller may not do or did not say right: 400 naming every bad field, 403 for roles and other tenants, 404 for unknown ids', async () => {
    // Prepare
    const [tenant, other] = [await newTenant('iadvize'), await newTenant('iadvize')];
    const advisor = await localAdminToken({ tenant: tenant.tenantId, role: 'advisor', user: 'adv-1', hours: '1' });
    const adminFiled = await asAdmin<{ requestId: string }>(tenant, '/v1/subject-requests', 'POST', {
      type: 'export',
      identifiers: { name: 'Anna' },
      options: {},
    });

    // Act
    const invalid = await asAdmin<{ error: { fields: Array<{ path: string }> } }>(
      tenant,
      '/v1/subject-requests',
      'POST',
      { type: 'erase', identifiers: { phone: 'call me', email: 'not-an-address' }, options: {} },
    );
    const noIdentifier = await asAdmin<{ error: { fields: Array<{ path: string }> } }>(
      tenant,
      '/v1/subject-requests',
      'POST',
      { type: 'forget', identifiers: {} },
    );
    const asAdvisor = await callApi('/v1/subject-requests', {
      method: 'POST',
      body: { type: 'erase', identifiers: { phone: '+33612345678' } },
      headers: { authorization: `Bearer ${advisor}` },
    });
    const otherTenant = await asAdmin(tenant, '/v1/subject-requests', 'POST', {
      tenantId: other.tenantId,
      type: 'erase',
      identifiers: { phone: '+33612345678' },
    });
    const channelPeeks = await asChannel(tenant, `/v1/subject-requests/${adminFiled.body.requestId}`);
    const elsewhere = await asAdmin(other, `/v1/subject-requests/${adminFiled.body.requestId}`);

    // Assess
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields.map((f) => f.path).sort()).toEqual(['identifiers.email', 'identifiers.phone']);
    expect(noIdentifier.status).toBe(400);
    expect(asAdvisor.status).toBe(403);
    expect(otherTenant.status).toBe(403);
    expect(channelPeeks.status).toBe(403);
    expect(elsewhere.status).toBe(404);
  });
});
