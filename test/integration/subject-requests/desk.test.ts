import { localAdminToken } from '../../../functions/cli/commands/token';
import { dueInstant, unconfirmedExpiry } from '../../../functions/domain/subject-requests/deadline';
import type { SubjectRequestJob } from '../../../functions/domain/subject-requests/job';
import { extendDeadline } from '../../../functions/usecases/subject-requests/extend-deadline';
import { fileSubjectRequest } from '../../../functions/usecases/subject-requests/file-request';
import { jobSortKey } from '../../../functions/usecases/subject-requests/job-store';
import { listSubjectRequests, type DeskPage } from '../../../functions/usecases/subject-requests/list-requests';
import type { SubjectRequestView } from '../../../functions/usecases/subject-requests/view-request';
import { callApi } from '../../support/api';
import { asAdmin, asChannel, newSubject, newTenant, testContainer, testDeps } from './support';

type Problem = { error: { code: string; fields?: Array<{ path: string }> } };
const PARIS = 'Europe/Paris'; // the iAdvize preset's time zone
const staff = { kind: 'admin' as const, tenantId: '', userId: 'privacy-1', role: 'admin' as const, support: false };

describe('the subject-request desk', () => {
  it("lists the tenant's requests with their due dates, filtered by type, status and who filed them, page by page", async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const legal = await localAdminToken({ tenant: tenant.tenantId, role: 'legal', user: 'legal-1', hours: '1' });
    const advisor = await localAdminToken({ tenant: tenant.tenantId, role: 'advisor', user: 'adv-1', hours: '1' });
    const a = newSubject('anna');
    const b = newSubject('bruno');
    const erase = await asChannel<{ requestId: string }>(tenant, '/v1/subject-requests', 'POST', {
      type: 'erase',
      identifiers: { email: a.email },
      options: {},
    });
    const exportByChannel = await asChannel<{ requestId: string }>(tenant, '/v1/subject-requests', 'POST', {
      type: 'export',
      identifiers: { phone: b.phone },
      options: {},
    });
    const exportByStaff = await asAdmin<{ requestId: string }>(tenant, '/v1/subject-requests', 'POST', {
      type: 'export',
      identifiers: { name: b.name },
      options: {},
    });

    // Act
    const all = await asAdmin<DeskPage>(tenant, '/v1/subject-requests');
    const byChannel = await asAdmin<DeskPage>(tenant, '/v1/subject-requests?filedBy=channel');
    const channelExports = await callApi<DeskPage>(
      '/v1/subject-requests?type=export&filedBy=channel&status=pending-verification',
      { headers: { authorization: `Bearer ${legal}` } },
    );
    const firstPage = await asAdmin<DeskPage>(tenant, '/v1/subject-requests?limit=2');
    const secondPage = await asAdmin<DeskPage>(
      tenant,
      `/v1/subject-requests?limit=2&nextToken=${firstPage.body.nextToken}`,
    );
    const badToken = await asAdmin<Problem>(tenant, '/v1/subject-requests?nextToken=not-a-token');
    const badFilters = await asAdmin<Problem>(tenant, '/v1/subject-requests?status=lost&overdue=maybe&limit=0');
    const channelLists = await asChannel(tenant, '/v1/subject-requests');
    const advisorLists = await callApi('/v1/subject-requests', { headers: { authorization: `Bearer ${advisor}` } });

    // Assess
    expect(all.status).toBe(200);
    expect(all.body.items.map((i) => i.requestId)).toEqual([
      erase.body.requestId,
      exportByChannel.body.requestId,
      exportByStaff.body.requestId,
    ]);
    const first = all.body.items[0];
    expect(first).toMatchObject({
      type: 'erase',
      status: 'pending-verification',
      filedBy: 'channel',
      extendedMonths: 0,
      overdue: false,
      daysLeft: expect.any(Number),
    });
    expect(first.dueAt).toBe(dueInstant(new Date(first.requestedAt), 0, PARIS).toISOString());
    expect(first.daysLeft).toBeGreaterThanOrEqual(27);
    expect(byChannel.body.items.map((i) => i.requestId)).toEqual([
      erase.body.requestId,
      exportByChannel.body.requestId,
    ]);
    expect(channelExports).toMatchObject({
      status: 200,
      body: { items: [{ requestId: exportByChannel.body.requestId }] },
    });
    expect(firstPage.body.items).toHaveLength(2);
    expect(secondPage.body.items.map((i) => i.requestId)).toEqual([exportByStaff.body.requestId]);
    expect(secondPage.body.nextToken).toBeUndefined();
    expect(badToken.status).toBe(400);
    expect(badToken.body.error.fields?.map((f) => f.path)).toEqual(['nextToken']);
    expect(badFilters.status).toBe(400);
    expect(badFilters.body.error.fields?.map((f) => f.path).sort()).toEqual(['limit', 'overdue', 'status']);
    expect(channelLists.status).toBe(403);
    expect(advisorLists.status).toBe(403);
  });

  it('shows a request pending verification with what to verify the person against: the identifier kinds filed, masked', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const a = newSubject('anna');
    const filed = await asChannel<{ requestId: string }>(tenant, '/v1/subject-requests', 'POST', {
      type: 'erase',
      identifiers: { email: a.email, phone: a.phone },
      options: {},
    });

    // Act
    const pending = await asAdmin<SubjectRequestView>(tenant, `/v1/subject-requests/${filed.body.requestId}`);
    await asAdmin(tenant, `/v1/subject-requests/${filed.body.requestId}/confirm`, 'POST');
    const confirmed = await asAdmin<SubjectRequestView>(tenant, `/v1/subject-requests/${filed.body.requestId}`);
    const stored = await testContainer().directory.getItem(tenant.tenantId, jobSortKey(filed.body.requestId), {
      consistent: true,
    });

    // Assess
    expect(pending.body.verifyAgainst).toEqual([
      { kind: 'phone', masked: `•••${a.phone.slice(-2)}` },
      { kind: 'email', masked: 'a•••@•••.fr' },
    ]);
    expect(JSON.stringify(pending.body)).not.toContain(a.email);
    expect(JSON.stringify(pending.body)).not.toContain(a.phone.slice(3));
    expect(confirmed.body.verifyAgainst).toBeUndefined();
    expect(stored).not.toHaveProperty('verifyAgainst');
  });

  it('extends a deadline with a reason stored redacted and audited; refuses more than two months, no reason, and a closed request', async () => {
    // Prepare
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const a = newSubject('anna');
    const filed = await asChannel<{ requestId: string }>(tenant, '/v1/subject-requests', 'POST', {
      type: 'export',
      identifiers: { email: a.email },
      options: {},
    });
    const closed = await asChannel<{ requestId: string }>(tenant, '/v1/subject-requests', 'POST', {
      type: 'erase',
      identifiers: { email: a.email },
      options: {},
    });
    await asChannel(tenant, `/v1/subject-requests/${closed.body.requestId}`, 'DELETE');
    const path = `/v1/subject-requests/${filed.body.requestId}/extension`;

    // Act
    const extended = await asAdmin<SubjectRequestView>(tenant, path, 'POST', {
      months: 1,
      reason: `archives in three regions; the person (${a.email}) was told`,
    });
    const tooLong = await asAdmin<Problem>(tenant, path, 'POST', { months: 2, reason: 'still more archives' });
    const noReason = await asAdmin<Problem>(tenant, path, 'POST', { months: 1 });
    const ofClosed = await asAdmin<Problem>(tenant, `/v1/subject-requests/${closed.body.requestId}/extension`, 'POST', {
      months: 1,
      reason: 'late',
    });
    const byChannel = await asChannel<Problem>(tenant, path, 'POST', {
      months: 1,
      reason: 'the channel wants more time',
    });
    const stored = (await c.directory.getItem(tenant.tenantId, jobSortKey(filed.body.requestId), {
      consistent: true,
    })) as unknown as SubjectRequestJob;
    const audit = (await c.auditLog.list(tenant.tenantId, { action: 'subject-request' })).items.filter(
      (e) => e.details.phase === 'extended',
    );

    // Assess
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({
      extendedMonths: 1,
      dueAt: dueInstant(new Date(extended.body.requestedAt), 1, PARIS).toISOString(),
      extensions: [{ months: 1, by: 'tenant-admin' }],
    });
    expect(stored.extensions).toHaveLength(1);
    expect(stored.extensions![0].reason).toContain('archives in three regions');
    expect(stored.extensions![0].reason).not.toContain(a.email);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.fields?.map((f) => f.path)).toEqual(['months']);
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields?.map((f) => f.path)).toEqual(['reason']);
    expect(ofClosed).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
    expect(byChannel.status).toBe(403);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: { user: 'tenant-admin', role: 'admin' },
      details: { requestId: filed.body.requestId, months: 1, extendedMonths: 1 },
    });
    expect(JSON.stringify(audit)).not.toContain(a.email);
  });

  it('marks an open request overdue once its due time passed, and refuses to extend it then', async () => {
    // Prepare: a clock this test holds, so the shared runtime's clock stays where it is
    const c = testContainer();
    const deps = testDeps(c);
    const tenant = await newTenant('iadvize');
    const caller = { ...staff, tenantId: tenant.tenantId };
    const late = await fileSubjectRequest(
      deps,
      tenant.tenantId,
      { kind: 'channel' },
      { type: 'erase', identifiers: { email: newSubject('anna').email }, options: {} },
    );
    const extendedOne = await fileSubjectRequest(
      deps,
      tenant.tenantId,
      { kind: 'channel' },
      { type: 'erase', identifiers: { email: newSubject('bruno').email }, options: {} },
    );
    await extendDeadline(
      deps,
      tenant.tenantId,
      caller,
      extendedOne.requestId,
      { months: 1, reason: 'complex request' },
      'test',
    );
    const due = dueInstant(new Date(late.requestedAt), 0, PARIS);

    // Act
    c.clock.set(new Date(due.getTime() - 60_000));
    const beforeDue = await listSubjectRequests(deps, tenant.tenantId, caller, { overdue: 'true' });
    c.clock.set(new Date(due.getTime() + 2 * 86_400_000));
    const overdue = await listSubjectRequests(deps, tenant.tenantId, caller, { overdue: 'true' });
    const onTime = await listSubjectRequests(deps, tenant.tenantId, caller, { overdue: 'false' });
    const tooLate = extendDeadline(
      deps,
      tenant.tenantId,
      caller,
      late.requestId,
      { months: 1, reason: 'forgot to extend' },
      'test',
    );

    // Assess
    expect(beforeDue.items).toEqual([]);
    expect(overdue.items).toEqual([
      expect.objectContaining({ requestId: late.requestId, overdue: true, daysLeft: -2 }),
    ]);
    expect(onTime.items).toEqual([
      expect.objectContaining({ requestId: extendedOne.requestId, overdue: false, extendedMonths: 1 }),
    ]);
    await expect(tooLate).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('keeps an unconfirmed request in the table until after it fell due, and moves that along with an extension', async () => {
    // Prepare
    const c = testContainer();
    const deps = testDeps(c);
    const tenant = await newTenant('iadvize');
    const caller = { ...staff, tenantId: tenant.tenantId };
    const filed = await fileSubjectRequest(
      deps,
      tenant.tenantId,
      { kind: 'channel' },
      { type: 'export', identifiers: { email: newSubject('anna').email }, options: {} },
    );
    const stored = async () =>
      (await c.directory.getItem(tenant.tenantId, jobSortKey(filed.requestId), {
        consistent: true,
      })) as unknown as SubjectRequestJob;
    const seconds = (d: Date) => Math.ceil(d.getTime() / 1000);
    const before = await stored();

    // Act
    await extendDeadline(
      deps,
      tenant.tenantId,
      caller,
      filed.requestId,
      { months: 2, reason: 'three regions to search' },
      'test',
    );
    const after = await stored();

    // Assess: the TTL falls after the due date, before and after the extension
    expect(before.expiresAt).toBe(unconfirmedExpiry(before, PARIS));
    expect(before.expiresAt).toBeGreaterThan(seconds(dueInstant(new Date(filed.requestedAt), 0, PARIS)));
    expect(after.expiresAt).toBe(unconfirmedExpiry(after, PARIS));
    expect(after.expiresAt).toBeGreaterThan(seconds(dueInstant(new Date(filed.requestedAt), 2, PARIS)));
  });
});
