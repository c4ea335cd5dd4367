import { runSweep } from '../../../functions/usecases/nightly-sweep/run-sweep';
import { chat, recordsOf } from '../retention/support';
import { archivingTenant, asAdmin, newSubject, runRequest, testContainer, testDeps } from './support';

const month = (d: Date) => d.toISOString().slice(0, 7);

describe('rectification reaches the archive tier', () => {
  it('an interaction the sweep moved to the archive bucket is rewritten with the corrected e-mail: the archive CSV export shows the new value, never the old', async () => {
    // Prepare: a tenant whose general info goes to the archive tier when its 180 days end
    const c = testContainer();
    const tenant = await archivingTenant();
    const a = newSubject('carla');
    const { interactionId, pk } = await chat(tenant, { email: a.email, phone: a.phone, name: a.name });
    const info = (await recordsOf(tenant.tenantId)).find((i) => i.pk === pk && i.sk === 'INFO')!;
    const expiry = new Date((info.expiresAt as number) * 1000);
    await runSweep(c, { tenantId: tenant.tenantId, now: expiry });
    const left = (await recordsOf(tenant.tenantId)).filter((i) => i.pk === pk).map((i) => i.sk);
    expect(left).toContain('ARCHIVED#INFO');
    expect(left).not.toContain('INFO');
    const archiveCsv = async () =>
      (await asAdmin<string>(tenant, `/v1/archive/interaction?from=${month(expiry)}&to=${month(expiry)}`)).body;
    expect(await archiveCsv()).toContain(a.email);
    const corrected = `carla.corrected.${Date.now()}@example.se`;

    // Act
    const job = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'rectify',
      identifiers: { email: a.email },
      options: { corrected: { email: corrected } },
    });

    // Assess: the archived copy names the corrected address, and only it; the certificate says so
    const csv = await archiveCsv();
    expect(csv).toContain(interactionId);
    expect(csv).toContain(corrected);
    expect(csv).not.toContain(a.email);
    expect(csv).toContain(a.phone);
    expect(job.result?.verification).toMatchObject({ ok: true, remaining: 0 });
    expect(job.result?.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ store: 'archive', dataClass: 'interaction', action: 'rectified' }),
      ]),
    );
  });
});
