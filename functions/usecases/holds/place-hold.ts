import { ulid } from 'ulid';
import type { LegalHold } from '../../domain/holds/hold';
import { holdTargetOf } from '../../domain/holds/hold-request';
import { locateInteraction } from '../ingest/interaction-info';
import { loadTenant } from '../ingest/tenant-context';
import { markHeldSubject } from '../subject-markers/held-subject-markers';
import { holdSortKey } from './hold-records';
import type { HoldActor, HoldDeps } from './hold-deps';
import { awaitDeletions } from './hold-guard';
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
 * out of TTL's reach. Written to the audit log. An interaction it names must exist for the tenant
 * (else the same 404 as any missing interaction); the reason is stored through the tenant's
 * redactor, like every free text (an e-mail typed there is never kept in clear).
 */
export async function placeHold(deps: HoldDeps, actor: HoldActor, body: unknown): Promise<PlacedHold> {
  const tenant = await loadTenant(deps, actor.tenantId);
  const {
    target,
    reason: typed,
    identifiers,
  } = holdTargetOf(body, tenant.subjectSecret, tenant.policy.defaultCallingCode);
  // Admins and legal place holds, and may see what a hold already keeps past its expiry.
  if (target.kind === 'interaction')
    await locateInteraction(deps, actor.tenantId, target.interactionId, { seesHeld: true });
  const reason = tenant.redactor.redact(typed, identifiers).text;
  const now = deps.clock.now();
  const hold: LegalHold = {
    holdId: ulid(now.getTime()),
    tenantId: actor.tenantId,
    target,
    reason,
    placedAt: now.toISOString(),
    placedBy: actor.userId,
  };
  await deps.directory.putItem({ ...hold, sk: holdSortKey(hold.holdId) }, { kind: 'absent' });
  // Before its partitions are resolved: what ingest writes for the subject from now on is held from the start.
  await markHeldSubject(deps.directory, hold, false);
  let itemsProtected = 0;
  const partitions = await partitionsOfHold(deps.stores, hold);
  // A staff deletion that recorded its intent before this hold was written may still be running: it ends first.
  await awaitDeletions(
    deps,
    actor.tenantId,
    partitions.map((p) => p.pk),
  );
  for (const { region, pk } of partitions) itemsProtected += await protectPartition(deps.stores, region, pk);
  await deps.auditLog.append(actor.tenantId, {
    at: now.toISOString(),
    actor: { user: actor.userId, role: actor.role, support: actor.support },
    action: 'legal-hold.place',
    ...(target.kind === 'interaction' ? { interactionId: target.interactionId } : {}),
    from: actor.from,
    details: {
      holdId: hold.holdId,
      target: target.kind,
      subjectKeys: target.kind === 'subject' ? target.subjectKeys.length : 0,
    },
  });
  deps.metrics.count('HoldsPlaced', 1);
  return { ...hold, itemsProtected };
}
