import { ulid } from 'ulid';
import { notFound } from '../../domain/errors';
import type { LegalHold } from '../../domain/holds/hold';
import { holdTargetOf } from '../../domain/holds/hold-request';
import { tenantRedactor } from '../ingest/tenant-context';
import { holdSortKey } from './hold-records';
import type { HoldActor, HoldDeps } from './hold-deps';
import { partitionsOfHold } from './hold-partitions';
import { protectPartition } from './hold-protection';

export interface PlacedHold extends LegalHold {
  /** Items whose expiry the hold took out of TTL's reach when it was placed. */
  itemsProtected: number;
}

/**
 * An admin places a legal hold on an interaction or a subject (identifiers are normalised and
 * hashed at once; the hold stores only subject keys). From now on the sweep skips what it
 * covers, and erasure too (precedence: legal hold > erasure > retention); its items are taken
 * out of TTL's reach. Written to the audit log. The reason is free text an admin types ("claim by
 * Johanna Berg, 070-123 45 67"): it is stored redacted, like every other free text.
 */
export async function placeHold(deps: HoldDeps, actor: HoldActor, body: unknown): Promise<PlacedHold> {
  const policy = await deps.directory.currentPolicy(actor.tenantId);
  if (!policy) throw notFound(`Tenant ${actor.tenantId}`);
  const secret = await deps.tenantSecrets.subjectIndexSecret(actor.tenantId);
  const { target, reason: typed } = holdTargetOf(body, secret, policy.policy.defaultCallingCode);
  const reason = tenantRedactor(actor.tenantId, policy.revision, policy.policy, secret).redact(typed).text;
  const now = deps.clock.now();
  const hold: LegalHold = { holdId: ulid(now.getTime()), tenantId: actor.tenantId, target, reason, placedAt: now.toISOString(), placedBy: actor.userId };
  await deps.directory.putItem({ ...hold, sk: holdSortKey(hold.holdId) }, { kind: 'absent' });
  let itemsProtected = 0;
  for (const { region, pk } of await partitionsOfHold(deps.stores, hold)) itemsProtected += await protectPartition(deps.stores.storesFor(region), pk);
  await deps.auditLog.append(actor.tenantId, {
    at: now.toISOString(),
    actor: { user: actor.userId, role: actor.role, support: actor.support },
    action: 'legal-hold.place',
    ...(target.kind === 'interaction' ? { interactionId: target.interactionId } : {}),
    from: actor.from,
    details: { holdId: hold.holdId, target: target.kind, subjectKeys: target.kind === 'subject' ? target.subjectKeys.length : 0 },
  });
  return { ...hold, itemsProtected };
}
