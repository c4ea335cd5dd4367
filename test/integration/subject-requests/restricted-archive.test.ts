import { runSweep } from '../../../functions/usecases/nightly-sweep/run-sweep';
import { as, type StaffUser } from '../admin/support';
import { chat, recordsOf } from '../retention/support';
import { archivingTenant, newSubject, runRequest, testContainer, testDeps } from './support';

const month = (d: Date) => d.toISOString().slice(0, 7);

describe('a restriction reaches the archive tier', () => {
  it('an interaction restricted after the sweep archived it is left out of the archive CSV for an admin and given to the legal role', async () => {
    // Prepare: a Puzzel tenant archiving general info at the end of its 180 days; two subjects' chats archived
    const c = testContainer();
    const tenant = await archivingTenant();
    const restricted = newSubject('dora');
    const other = newSubject('emil');
    const dora = await chat(tenant, { email: restricted.email, phone: restricted.phone, name: restricted.name });
    const emil = await chat(tenant, { email: other.email, phone: other.phone, name: other.name });
    const info = (await recordsOf(tenant.tenantId)).find((i) => i.pk === dora.pk && i.sk === 'INFO')!;
    const expiry = new Date((info.expiresAt as number) * 1000 + 60_000);
    await runSweep(c, { tenantId: tenant.tenantId, now: expiry });
    const job = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'restrict',
      identifiers: { email: restricted.email },
      options: {},
    });
    const path = `/v1/archive/interaction?from=${month(expiry)}&to=${month(expiry)}`;
    const admin: StaffUser = { tenantId: tenant.tenantId, role: 'admin', user: 'admin-1' };
    const legal: StaffUser = { tenantId: tenant.tenantId, role: 'legal', user: 'counsel-1' };

    // Act
    const byAdmin = await as<string>(admin, path);
    const byLegal = await as<string>(legal, path);

    // Assess: the admin gets the other subject's record and a count of what was withheld; legal gets both
    expect(job.status).toBe('completed');
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toContain(emil.interactionId);
    expect(byAdmin.body).not.toContain(dora.interactionId);
    expect(byAdmin.body).not.toContain(restricted.email);
    expect(byAdmin.headers.get('x-lethe-withheld-restricted')).toBe('1');
    expect(byLegal.body).toContain(dora.interactionId);
    expect(byLegal.body).toContain(restricted.email);
    expect(byLegal.headers.get('x-lethe-withheld-restricted')).toBe('0');
  });
});
