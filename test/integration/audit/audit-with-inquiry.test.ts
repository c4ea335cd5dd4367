import type { AuditDraft } from '../../../functions/domain/audit/entry';
import { releaseHold } from '../../../functions/usecases/holds/release-hold';
import { verifyAuditChain } from '../../../functions/usecases/admin/verify-audit';
import { callApi } from '../../support/api';
import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDbClient, homeRegion, localNames } from '../../support/emulators';
import { partitionByRegion, rawItems } from '../ingest/support';
import { ANNA, chat, DAY, newTenant, recordsOf, sweep, testContainer, type Tenant } from '../retention/support';

/**
 * Puzzel: audit entries go with their inquiry, not before it. An entry naming an interaction lives
 * exactly as long as the interaction (kept or held); tenant-level entries keep their own 180 days.
 */
const asAdmin = <T>(tenant: Tenant, path: string, body?: unknown) =>
  callApi<T>(path, {
    method: body === undefined ? 'GET' : 'POST',
    body,
    headers: { authorization: `Bearer ${tenant.adminToken}` },
  });

const tenantLevel = (at: Date): AuditDraft => ({
  at: at.toISOString(),
  actor: { user: 'u-admin', role: 'admin', support: false },
  action: 'policy.change',
  from: '192.0.2.0/24',
  details: {},
});

/** The tenant's audit chain as stored (entries and tombstones), by seq. */
async function chainOf(tenantId: string): Promise<Map<number, Record<string, unknown>>> {
  const items = await rawItems(homeRegion(), 'recordsTable', tenantId);
  return new Map(
    items.filter((i) => i.pk === `T#${tenantId}#AUDIT` && i.sk.startsWith('AUDIT#')).map((i) => [Number(i.seq), i]),
  );
}

describe('audit entries live as long as their inquiry', () => {
  it('a held call keeps its trail past the audit retention, a tenant-level entry goes on its own clock, and the trail goes with the call', async () => {
    // Prepare: a Puzzel chat under a legal hold (the hold's entry names it), and a tenant-level entry written after it
    const tenant = await newTenant('puzzel');
    const anna = await chat(tenant, ANNA);
    const hold = await asAdmin<{ holdId: string }>(tenant, '/v1/holds', {
      interactionId: anna.interactionId,
      reason: 'claim 2026-4',
    });
    expect(hold.status).toBe(201);
    const deps = testContainer();
    const policyChange = await deps.auditLog.append(tenant.tenantId, tenantLevel(deps.clock.now()));
    const [holdEntry] = (await deps.auditLog.list(tenant.tenantId, { interactionId: anna.interactionId })).items;
    const night = new Date(Date.now() + 200 * DAY);
    deps.clock.set(night);

    // Act: the night after both the chat's and the entries' 180 days ended
    await sweep(deps, tenant.tenantId, night);

    // Assess: the held chat keeps its trail; the tenant-level entry is gone (a tombstone behind the kept entry); the chain verifies
    expect(
      (await deps.auditLog.list(tenant.tenantId, { interactionId: anna.interactionId })).items.map((e) => e.seq),
    ).toEqual([holdEntry.seq]);
    expect((await deps.auditLog.list(tenant.tenantId, { action: 'policy.change' })).items).toEqual([]);
    const kept = await chainOf(tenant.tenantId);
    expect(kept.get(holdEntry.seq)).toMatchObject({ kind: 'entry', interactionId: anna.interactionId });
    expect(kept.get(policyChange.seq)).toMatchObject({ kind: 'tombstone' });
    expect(kept.get(policyChange.seq)).not.toHaveProperty('action');
    expect(
      await verifyAuditChain(deps.auditLog, await deps.tenantSecrets.auditKey(tenant.tenantId), tenant.tenantId),
    ).toMatchObject({ ok: true });

    // Act: the hold is released and the next sweep deletes the chat
    const actor = {
      tenantId: tenant.tenantId,
      userId: 'counsel',
      role: 'legal' as const,
      support: false,
      from: '192.0.2.0/24',
    };
    await releaseHold(deps, actor, hold.body.holdId);
    await sweep(deps, tenant.tenantId, night);

    // Assess: the chat is gone and its trail with it (signed tombstones); the chain verifies
    expect((await recordsOf(tenant.tenantId)).filter((i) => i.pk === anna.pk)).toEqual([]);
    expect((await deps.auditLog.list(tenant.tenantId, { interactionId: anna.interactionId })).items).toEqual([]);
    const after = await chainOf(tenant.tenantId);
    expect(after.get(holdEntry.seq)).toMatchObject({ kind: 'tombstone' });
    expect(JSON.stringify([...after.values()])).not.toContain(anna.interactionId);
    expect(
      await verifyAuditChain(deps.auditLog, await deps.tenantSecrets.auditKey(tenant.tenantId), tenant.tenantId),
    ).toMatchObject({ ok: true });
  }, 120_000);

  it('an iAdvize chat kept 3 years keeps its trail after a year (audit retention 180 days)', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const chatOfAnna = await chat(tenant, ANNA);
    const hold = await asAdmin<{ holdId: string }>(tenant, '/v1/holds', {
      interactionId: chatOfAnna.interactionId,
      reason: 'claim',
    });
    await asAdmin(tenant, `/v1/holds/${hold.body.holdId}/release`, {});
    const deps = testContainer();
    const night = new Date(Date.now() + 365 * DAY);
    deps.clock.set(night);
    // Act
    await sweep(deps, tenant.tenantId, night);
    // Assess: both entries about the chat (place, release) are still listed
    const trail = await deps.auditLog.list(tenant.tenantId, { interactionId: chatOfAnna.interactionId });
    expect(trail.items.map((e) => e.action).sort()).toEqual(['legal-hold.place', 'legal-hold.release']);
    expect(
      await verifyAuditChain(deps.auditLog, await deps.tenantSecrets.auditKey(tenant.tenantId), tenant.tenantId),
    ).toMatchObject({ ok: true });
  }, 120_000);

  it('an interaction removed without the sweep (DynamoDB TTL) loses its trail at the next pruning', async () => {
    // Prepare: an entry about a chat, then the chat's items deleted straight from the table as TTL would
    const tenant = await newTenant('puzzel');
    const gone = await chat(tenant, ANNA);
    const hold = await asAdmin<{ holdId: string }>(tenant, '/v1/holds', {
      interactionId: gone.interactionId,
      reason: 'claim',
    });
    await asAdmin(tenant, `/v1/holds/${hold.body.holdId}/release`, {});
    for (const [region, items] of Object.entries(await partitionByRegion(tenant.tenantId, gone.pk)))
      for (const item of items)
        await DynamoDBDocumentClient.from(dynamoDbClient(region)).send(
          new DeleteCommand({ TableName: localNames(region).recordsTable, Key: { pk: item.pk, sk: item.sk } }),
        );
    const deps = testContainer();
    const night = new Date(Date.now() + 200 * DAY);
    deps.clock.set(night);
    // Act
    await sweep(deps, tenant.tenantId, night);
    // Assess
    expect((await deps.auditLog.list(tenant.tenantId, { interactionId: gone.interactionId })).items).toEqual([]);
    expect(JSON.stringify([...(await chainOf(tenant.tenantId)).values()])).not.toContain(gone.interactionId);
    expect(
      (await rawItems(homeRegion(), 'recordsTable', tenant.tenantId)).filter((i) => i.pk.includes('AUDITIDX')),
    ).toEqual([]);
    expect(
      await verifyAuditChain(deps.auditLog, await deps.tenantSecrets.auditKey(tenant.tenantId), tenant.tenantId),
    ).toMatchObject({ ok: true });
  }, 120_000);
});
