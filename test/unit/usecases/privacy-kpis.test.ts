import type { SettableClock } from '../../../functions/domain/clock';
import { adminDepsOf } from '../../../functions/shared/admin-wiring';
import type { Actor } from '../../../functions/domain/access/authorize';
import type { Tally } from '../../../functions/domain/sweep/summary';
import { privacyKpiReport } from '../../../functions/usecases/privacy-office/privacy-kpis';
import { placeHold } from '../../../functions/usecases/holds/place-hold';
import { releaseHold } from '../../../functions/usecases/holds/release-hold';
import { recordSweepHistory } from '../../../functions/usecases/retention/sweep-history';
import { subjectRequestDeps } from '../../../functions/usecases/subject-requests/deps';
import { fileSubjectRequest } from '../../../functions/usecases/subject-requests/file-request';
import { executeSubjectRequest } from '../../../functions/usecases/subject-requests/run-request';
import { HOME_REGION, inMemoryContainer, openTenant } from '../../support/in-memory-container';

type Container = ReturnType<typeof inMemoryContainer<SettableClock>>;

const staff = (tenantId: string, role: Actor['role'], support = false): Actor => ({
  tenantId,
  role,
  userId: `u-${role}`,
  support,
  ...(role === 'manager' ? { group: 'desk' } : {}),
});
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

/** Files an erasure as staff; the job is left queued (no runner starts it) until the test runs it. */
async function fileErasure(c: Container, tenantId: string, email: string): Promise<string> {
  const job = await fileSubjectRequest(
    subjectRequestDeps(c),
    tenantId,
    { kind: 'admin', userId: 'u-admin', role: 'admin', support: false },
    { type: 'erase', identifiers: { email } },
  );
  return job.requestId;
}

/** One sweep run's history entry for the tenant: `tally` counted on the chat logs of the home region. */
async function sweptAt(c: Container, tenantId: string, now: string, tally: Partial<Tally>): Promise<void> {
  const full: Tally = { due: 0, deleted: 0, anonymised: 0, archived: 0, sealed: 0, held: 0, failed: 0, ...tally };
  await recordSweepHistory(
    c,
    { now, rows: [{ tenantId, dataClass: 'transcript', region: HOME_REGION, tally: full }], failures: [] },
    [{ tenantId, reached: true }],
  );
}

describe('privacy KPIs (GET /v1/privacy-kpis)', () => {
  it('counts the requests filed and completed in the range, the open and overdue ones, and the median time to complete', async () => {
    // Prepare: filed 2 Mar 09:00 and done 48 h later; filed 4 Mar 09:00 and done 30 h later; filed 5 Mar 15:00 and never run
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const first = await fileErasure(c, tenantId, 'first@example.se');
    c.clock.set('2026-03-04T09:00:00.000Z');
    await executeSubjectRequest(subjectRequestDeps(c), tenantId, first);
    const second = await fileErasure(c, tenantId, 'second@example.se');
    c.clock.set('2026-03-05T15:00:00.000Z');
    await executeSubjectRequest(subjectRequestDeps(c), tenantId, second);
    await fileErasure(c, tenantId, 'third@example.se');
    // One month after receipt (Art. 12(3)) the third is due; on 10 April it is overdue.
    c.clock.set('2026-04-10T08:00:00.000Z');

    // Act
    const report = await privacyKpiReport(adminDepsOf(c), { actor: staff(tenantId, 'admin') }, MARCH);

    // Assess
    expect(report.timeZone).toBe('Europe/Stockholm');
    expect(report.requests).toEqual({
      filed: 3,
      completed: 2,
      open: 1,
      overdue: 1,
      medianHoursToComplete: 39,
      filedPerDay: [
        { day: '2026-03-02', filed: 1, completed: 0 },
        { day: '2026-03-04', filed: 1, completed: 1 },
        { day: '2026-03-05', filed: 1, completed: 1 },
      ],
    });
  });

  it('sums what each night in the range removed, over the runs of the same night, and counts the holds still in force', async () => {
    // Prepare: a night before the range, a night swept in two runs (stopped and resumed), one more night
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    await sweptAt(c, tenantId, '2026-02-27T01:00:00.000Z', { deleted: 50 });
    await sweptAt(c, tenantId, '2026-03-03T01:00:00.000Z', { deleted: 4, anonymised: 1 });
    await sweptAt(c, tenantId, '2026-03-03T01:20:00.000Z', { deleted: 2, archived: 3, failed: 1 });
    await sweptAt(c, tenantId, '2026-03-04T01:00:00.000Z', { anonymised: 7, sealed: 2 });
    const counsel = { ...staff(tenantId, 'legal'), from: '203.0.113.0/24' };
    await placeHold(c, counsel, { identifiers: { email: 'kept@example.se' }, reason: 'claim 2026-51' });
    const released = await placeHold(c, counsel, {
      identifiers: { email: 'freed@example.se' },
      reason: 'claim 2026-52',
    });
    await releaseHold(c, counsel, released.holdId);

    // Act
    const report = await privacyKpiReport(adminDepsOf(c), { actor: staff(tenantId, 'legal') }, MARCH);

    // Assess
    expect(report.nights).toEqual([
      { night: '2026-03-03', removed: 7, deleted: 6, anonymised: 1, archived: 3, sealed: 0, failed: 1 },
      { night: '2026-03-04', removed: 7, deleted: 0, anonymised: 7, archived: 0, sealed: 2, failed: 0 },
    ]);
    expect(report.holdsActive).toBe(1);
    expect(report.requests).toMatchObject({ filed: 0, completed: 0, medianHoursToComplete: null });
  });

  it.each([
    ['manager', staff('', 'manager')],
    ['support', staff('', 'support')],
    ['admin flagged support', staff('', 'admin', true)],
  ])('is refused to the %s role with 403', async (_label, template) => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');

    // Act
    const asked = privacyKpiReport(adminDepsOf(c), { actor: { ...template, tenantId } }, MARCH);

    // Assess
    await expect(asked).rejects.toMatchObject({ status: 403 });
  });

  it('answers 400 naming `to` when the range ends before it starts', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');

    // Act
    const asked = privacyKpiReport(
      adminDepsOf(c),
      { actor: staff(tenantId, 'admin') },
      { from: '2026-03-31', to: '2026-03-01' },
    );

    // Assess
    await expect(asked).rejects.toMatchObject({
      status: 400,
      fields: [{ path: 'to', message: 'must not be before from' }],
    });
  });
});
