import type { Channel } from '../../domain/data-class';
import { notFound } from '../../domain/errors';
import type { Refusal } from '../../domain/ingest/consent';
import type { InteractionFacts } from '../../domain/ingest/responses';
import type { InteractionConsent } from '../../domain/records';
import type { RegionPhase } from '../../domain/residency/region-for';
import { infoKey } from '../../domain/record-keys';
import { expirySecondsOf, ORDINARY_READER, visibilityAt, type Reader } from '../../domain/retention/visibility';
import type { StoredItem } from '../../ports/record-store';
import type { IngestDeps } from './deps';
import { regionsHolding, type TenantContext } from './tenant-context';

/** The flag Puzzel's archive shows on an interaction whose caller refused recording. */
export const DENY_RECORDING = 'deny_recording';

/**
 * The clear attributes of an interaction's general info item (class `interaction`, sk `INFO`):
 * the non-personal fields of InteractionInfo plus what ingest keeps track of. The participant
 * and the external id are inside `sealed`.
 */
export interface InfoAttributes {
  interactionId: string;
  channel: Channel;
  queue?: string;
  agent?: string;
  group?: string;
  startedAt: string;
  endedAt?: string;
  waitSeconds?: number;
  talkSeconds?: number;
  consent: InteractionConsent;
  /** `in-flight` while a call runs in its channel's in-flight region; `final` otherwise. */
  phase: RegionPhase;
  /** Set with the end, in the same write: the condition that makes /end count once. */
  ended: boolean;
  /** Why content is not stored, once it is not. */
  contentRefused?: Refusal;
  recordingRefused?: Refusal;
  /** `deny_recording` once recording was refused. */
  flags?: string[];
  /** Messages appended so far: the next message's `seq`. */
  messageCount: number;
  /** When its retention ends; while a legal hold keeps it, the item stores this as `heldExpiresAt`. */
  expiresAt: number;
  /** Set once its personal data was removed (the record is kept for statistics). */
  anonymisedAt?: string;
}

export interface LocatedInteraction {
  region: string;
  item: StoredItem;
  info: InfoAttributes;
  /** Other regions still holding a copy of the general info (an /end move cut short). */
  strays: string[];
  /** Past its normal expiry, shown only because a legal hold keeps it and the reader may see held data. */
  heldPastExpiry: boolean;
}

/** The clear facts of a located interaction, as its view and its search hit show them (`InteractionFactsSchema`). */
export function interactionFactsOf(located: Pick<LocatedInteraction, 'region' | 'info'>): InteractionFacts {
  const { info } = located;
  return {
    interactionId: info.interactionId,
    channel: info.channel,
    region: located.region,
    startedAt: info.startedAt,
    ...(info.endedAt !== undefined
      ? { endedAt: info.endedAt, waitSeconds: info.waitSeconds, talkSeconds: info.talkSeconds }
      : {}),
    ...(info.queue !== undefined ? { queue: info.queue } : {}),
    ...(info.agent !== undefined ? { agent: info.agent } : {}),
    ...(info.group !== undefined ? { group: info.group } : {}),
    ...(info.anonymisedAt !== undefined ? { anonymisedAt: info.anonymisedAt } : {}),
  };
}

/**
 * Finds an interaction's general info in whichever region holds it: it moves at /end, and the
 * policy's regions may change, so every region in `regions` is asked (one GetItem each, in
 * parallel): by default every served region; ingest names those the tenant's policy revisions put
 * interactions in (`regionsHolding`), and asks the other served regions only when none of those
 * has it (a revision saved in the last seconds that this container has not read yet).
 * A copy in its final phase wins over an in-flight one left by an interrupted move. Expired or
 * missing: 404, exactly as if it never existed; past its expiry under a legal hold, found only by
 * a reader who may see held data (`visibilityAt`).
 */
export async function locateInteraction(
  deps: Pick<IngestDeps, 'stores' | 'clock'>,
  tenantId: string,
  interactionId: string,
  reader: Reader = ORDINARY_READER,
  regions: readonly string[] = deps.stores.regions,
): Promise<LocatedInteraction> {
  const key = infoKey(tenantId, interactionId);
  const now = deps.clock.now();
  const read = (asked: readonly string[]) =>
    Promise.all(
      asked.map(async (region) => ({
        region,
        item: await deps.stores.storesFor(region).records.get(key, { consistent: true }),
      })),
    );
  let found = await read(regions);
  if (found.every((f) => f.item === undefined))
    found = await read(deps.stores.regions.filter((r) => !regions.includes(r)));
  const live = found
    .filter((f): f is { region: string; item: StoredItem } => f.item !== undefined)
    .filter((f) => visibilityAt(f.item, now, reader) !== 'gone')
    .sort((a, b) => Number(b.item.phase === 'final') - Number(a.item.phase === 'final'));
  if (!live.length) throw notFound(`Interaction ${interactionId}`);
  const [first, ...rest] = live;
  const info = { ...first.item, expiresAt: expirySecondsOf(first.item) } as unknown as InfoAttributes;
  return {
    region: first.region,
    item: first.item,
    info,
    strays: rest.map((r) => r.region),
    heldPastExpiry: visibilityAt(first.item, now, reader) === 'held',
  };
}

/**
 * `locateInteraction` as the ingest routes ask it: in the regions the tenant's policy revisions put
 * interactions in, so a region that holds nothing of the tenant's gets no request.
 */
export function locateTenantInteraction(
  deps: Pick<IngestDeps, 'stores' | 'clock'>,
  tenant: Pick<TenantContext, 'tenantId' | 'policies'>,
  interactionId: string,
): Promise<LocatedInteraction> {
  const regions = regionsHolding(tenant, 'interaction', deps.stores.regions);
  return locateInteraction(deps, tenant.tenantId, interactionId, ORDINARY_READER, regions);
}
