import { getInteraction } from '../../../functions/usecases/readback/get-interaction';
import { releaseHold } from '../../../functions/usecases/holds/release-hold';
import { callApi } from '../../support/api';
import {
  ANNA,
  chat,
  DAY,
  newTenant,
  recordsOf,
  SECOND,
  sortKeys,
  sweep,
  tallyOf,
  testContainer,
  type Tenant,
} from './support';

const HOUR = 3600 * SECOND;

const asAdmin = <T>(tenant: Tenant, path: string, request: { method?: 'GET' | 'POST' | 'PUT'; body?: unknown } = {}) =>
  callApi<T>(path, {
    method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
    body: request.body,
    headers: { authorization: `Bearer ${tenant.adminToken}` },
  });

/** Saves the tenant's live policy with one class's retention changed, through PUT /v1/policy as its admin would. */
async function changeRetention(tenant: Tenant, dataClass: string, retention: string): Promise<void> {
  const current = await asAdmin<{ policy: { classes: Record<string, { retention: string }> } }>(tenant, '/v1/policy');
  const policy = structuredClone(current.body.policy);
  policy.classes[dataClass].retention = retention;
  const saved = await asAdmin(tenant, '/v1/policy', { method: 'PUT', body: policy });
  if (saved.status !== 200) throw new Error(`PUT /v1/policy answered ${saved.status}: ${JSON.stringify(saved.body)}`);
}

async function placeHold(tenant: Tenant, interactionId: string): Promise<string> {
  const placed = await asAdmin<{ holdId: string }>(tenant, '/v1/holds', {
    body: { interactionId, reason: 'claim 2026-44' },
  });
  if (placed.status !== 201)
    throw new Error(`POST /v1/holds answered ${placed.status}: ${JSON.stringify(placed.body)}`);
  return placed.body.holdId;
}

const counsel = (tenant: Tenant) => ({
  tenantId: tenant.tenantId,
  userId: 'counsel',
  role: 'legal' as const,
  support: false,
  from: '192.0.2.0/24',
});

describe('a retention changed while a legal hold keeps a record applies when the hold is released', () => {
  it('general info lengthened from 180 to 200 days during the hold lives until day 200 after release, not day 180, and its listing entry with it', async () => {
    // Prepare: Anna's chat under a hold placed today (Puzzel: general info kept 180 days)
    const tenant = await newTenant('puzzel');
    const anna = await chat(tenant, ANNA);
    const holdId = await placeHold(tenant, anna.interactionId);
    const heldInfo = (await recordsOf(tenant.tenantId)).find((i) => i.pk === anna.pk && i.sk === 'INFO')!;
    const oldExpiry = (heldInfo.heldExpiresAt as number) * SECOND;

    // Act: the admin keeps general info 200 days; counsel releases the hold the same day
    await changeRetention(tenant, 'interaction', 'P200D');
    const released = await asAdmin<{ itemsResumed: number }>(tenant, `/v1/holds/${holdId}/release`, { body: {} });

    // Assess: the general info expires 20 days later than it was held with (Europe/Stockholm calendar days), and so does its listing entry
    expect(released.status).toBe(200);
    const items = await recordsOf(tenant.tenantId);
    const info = items.find((i) => i.pk === anna.pk && i.sk === 'INFO')!;
    const newExpiry = (info.expiresAt as number) * SECOND;
    expect(Math.abs(newExpiry - (oldExpiry + 20 * DAY))).toBeLessThanOrEqual(HOUR);
    expect(info.expiryBucket).toContain(`#interaction#${new Date(newExpiry).toISOString().slice(0, 10)}#`);
    expect(items.find((i) => i.interactionId === anna.interactionId && String(i.pk).includes('#DAY#'))?.expiresAt).toBe(
      info.expiresAt,
    );
    // ...and the subject index still finds it until then: no entry's TTL ends before the record
    const entries = items.filter((i) => i.pk === anna.pk && i.sk.startsWith('SUBJ#'));
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.map((e) => e.expiresAt)).toEqual(entries.map(() => info.expiresAt));

    // Act / Assess: one second before day 200 (day 180 long past), the sweep leaves it and every read still shows it
    const deps = testContainer(new Date(newExpiry - SECOND));
    const before = await sweep(deps, tenant.tenantId, new Date(newExpiry - SECOND));
    expect(tallyOf(before, tenant.tenantId, 'interaction')).toMatchObject({ due: 0, deleted: 0, failed: 0 });
    expect(sortKeys(await recordsOf(tenant.tenantId), anna.pk)).toContain('INFO');
    await expect(getInteraction(deps, tenant.tenantId, anna.interactionId)).resolves.toMatchObject({
      interactionId: anna.interactionId,
    });

    // Act / Assess: the sweep at day 200 deletes it
    const after = await sweep(deps, tenant.tenantId, new Date(newExpiry));
    expect(tallyOf(after, tenant.tenantId, 'interaction')).toMatchObject({ due: 1, deleted: 1, failed: 0 });
    expect(sortKeys(await recordsOf(tenant.tenantId), anna.pk)).toEqual([]);
  }, 180_000);

  it('chat logs cut from 30 to 7 days during the hold are due at the first sweep after a release on day 10', async () => {
    // Prepare: Anna's chat under a hold placed today (Puzzel: chat logs kept 30 days)
    const tenant = await newTenant('puzzel');
    const anna = await chat(tenant, ANNA);
    const holdId = await placeHold(tenant, anna.interactionId);
    const startedAt = Date.parse(
      (await recordsOf(tenant.tenantId)).find((i) => i.pk === anna.pk && i.sk === 'INFO')!.startedAt as string,
    );

    // Act: the admin keeps chat logs 7 days; counsel releases the hold on day 10; that night's sweep runs
    await changeRetention(tenant, 'transcript', 'P7D');
    const day10 = new Date(startedAt + 10 * DAY);
    const deps = testContainer(day10);
    const released = await releaseHold(deps, counsel(tenant), holdId);
    const night = await sweep(deps, tenant.tenantId, day10);

    // Assess: both messages, past their new 7 days, are gone that night; the rest of the conversation stays
    expect(released.itemsResumed).toBeGreaterThan(0);
    expect(tallyOf(night, tenant.tenantId, 'transcript')).toMatchObject({ due: 2, deleted: 2, failed: 0 });
    const left = sortKeys(await recordsOf(tenant.tenantId), anna.pk);
    expect(left.filter((sk) => sk.startsWith('MSG#'))).toEqual([]);
    expect(left).toContain('INFO');
    expect(left.some((sk) => sk.startsWith('SURVEY#'))).toBe(true);
  }, 120_000);
});
