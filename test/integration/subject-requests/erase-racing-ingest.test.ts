import type { TenantDirectory } from '../../../functions/ports/tenant-directory';
import { startInteraction } from '../../../functions/usecases/ingest/start-interaction';
import { ERASING_MARKER_PREFIX } from '../../../functions/usecases/subject-markers/erasure-markers';
import { MAX_PASSES } from '../../../functions/usecases/subject-requests/run-request';
import {
  asChannel,
  fullScan,
  ingest,
  newSubject,
  newTenant,
  runRequest,
  testContainer,
  testDeps,
  textOf,
  type Subject,
  type Tenant,
} from './support';

jest.setTimeout(240_000);

const chatOf = (s: Subject) => ({
  channel: 'chat',
  startedAt: new Date().toISOString(),
  queue: 'sales',
  participant: { email: s.email, phone: s.phone },
  consent: { storeContent: true, gdpr: { granted: true, noticeVersion: 'v1' } },
});

/**
 * A channel whose ingest read the subject's standing before the erasure marked it (the request was
 * already in flight): its directory does not see the marker, so what it writes lands during the job.
 */
function ingestThatBeganBeforeTheMarker(c: ReturnType<typeof testContainer>, tenant: Tenant, s: Subject) {
  const blind: Pick<TenantDirectory, 'getItem'> = {
    getItem: (tenantId, sk, options) =>
      sk.startsWith(ERASING_MARKER_PREFIX) ? Promise.resolve(undefined) : c.directory.getItem(tenantId, sk, options),
  };
  const directory: TenantDirectory = Object.assign(Object.create(c.directory) as TenantDirectory, blind);
  return async () =>
    (await startInteraction({ ...c, directory }, tenant.tenantId, { body: chatOf(s) })).body.interactionId;
}

const recordsFound = (lines: { store: string; dataClass?: string; found: number; done?: number }[]) =>
  lines.filter((l) => l.store === 'records' && l.dataClass === 'interaction');

describe('an erasure racing ingest for the same subject', () => {
  it('refuses new conversations of the subject while it runs, takes another pass for what slipped in, and certifies every interaction it deleted', async () => {
    // Prepare: 40 chats of Anna; during the erasure the channel keeps sending hers
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const anna = newSubject('anna');
    const before: string[] = [];
    for (let i = 0; i < 40; i++)
      before.push((await ingest<{ interactionId: string }>(tenant, '/v1/interactions', chatOf(anna))).interactionId);
    const slippedIn: string[] = [];
    const refused: { status: number; code?: string }[] = [];
    const lateIngest = ingestThatBeganBeforeTheMarker(c, tenant, anna);

    // Act
    const job = await runRequest(
      testDeps(c),
      tenant.tenantId,
      { type: 'erase', identifiers: { email: anna.email }, options: {} },
      {
        afterPartition: async (done) => {
          if (done % 10 !== 5) return;
          const res = await asChannel<{ error?: { code: string } }>(tenant, '/v1/interactions', 'POST', chatOf(anna));
          refused.push({ status: res.status, code: res.body.error?.code });
          slippedIn.push(await lateIngest());
        },
      },
    );

    // Assess: the channel was told to wait; what slipped in was caught by another pass
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.status === 409 && r.code === 'ERASURE_IN_PROGRESS')).toBe(true);
    expect(job.status).toBe('completed');
    expect(job.passes).toBeGreaterThan(0);
    expect(job.result?.verification).toMatchObject({ ok: true, remaining: 0 });
    // Assess: the certificate counts every interaction deleted, in every pass
    const deleted = before.length + slippedIn.length;
    expect(recordsFound(job.result!.lines).reduce((n, l) => n + l.found, 0)).toBe(deleted);
    expect(recordsFound(job.result!.lines).reduce((n, l) => n + (l.done ?? 0), 0)).toBe(deleted);
    expect(job.result!.lines.filter((l) => l.store === 'keys').reduce((n, l) => n + l.found, 0)).toBe(deleted);
    // Assess, raw storage: no item or object names any of her interactions or her, and the marker is gone
    const stored = textOf(await fullScan([tenant.tenantId]), tenant.tenantId);
    for (const id of [...before, ...slippedIn]) expect(stored).not.toContain(id);
    expect(stored).not.toContain(anna.email);
    expect(stored).not.toContain(ERASING_MARKER_PREFIX);
    // Assess: once it ended, the channel may store her new conversations again
    expect((await asChannel(tenant, '/v1/interactions', 'POST', chatOf(anna))).status).toBe(201);
  });

  it("ends incomplete, saying what remains and why, when the subject's records keep arriving through every pass", async () => {
    // Prepare: 3 chats of Bo, and a channel that writes one more of his for every one erased
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const bo = newSubject('bo');
    for (let i = 0; i < 3; i++) await ingest(tenant, '/v1/interactions', chatOf(bo));
    const lateIngest = ingestThatBeganBeforeTheMarker(c, tenant, bo);

    // Act
    const job = await runRequest(
      testDeps(c),
      tenant.tenantId,
      { type: 'erase', identifiers: { email: bo.email }, options: {} },
      { afterPartition: async () => void (await lateIngest()) },
    );

    // Assess: never "completed" while anything remains
    expect(job.status).toBe('incomplete');
    expect(job.passes).toBe(MAX_PASSES - 1);
    expect(job.result?.outcome).toBe('incomplete');
    expect(job.result?.verification.ok).toBe(false);
    expect(job.result?.incompleteBecause).toMatch(/still found after 5 passes/);
    // Assess: the remaining count is true: exactly the interactions of his still stored
    const stored = textOf(await fullScan([tenant.tenantId]), tenant.tenantId);
    const infos = stored.split('\n').filter((t) => t.includes('"sk":"INFO"') && t.includes(`T#${tenant.tenantId}#I#`));
    expect(infos).toHaveLength(job.result!.verification.remaining);
    expect(job.result!.verification.remaining).toBe(3);
    expect(recordsFound(job.result!.lines).reduce((n, l) => n + l.found, 0)).toBe(3 * MAX_PASSES);
  });
});
