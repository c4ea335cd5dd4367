import { LetheError, validationFailed } from '../../domain/errors';
import { type Refusal, standingRefusal } from '../../domain/ingest/consent';
import { parseIngestRequest } from '../../domain/ingest/parse-request';
import type { EventsIngested } from '../../domain/ingest/responses';
import { EventBatchSchema, type ChatbotEventInput } from '../../domain/ingest/schemas';
import { dayStart, eventIncrements, kpiDay, sessionMarkerId, type CounterIncrement } from '../../domain/kpi/counters';
import { keyUserItem, sessionDataKeyId } from '../../domain/crypto/shared-data-key';
import { regionFor } from '../../domain/residency/region-for';
import { ttlEpochSeconds } from '../../domain/retention/exact-expiry';
import { subjectKeysOf, type SubjectKey } from '../../domain/subject/subject-key';
import { partitionKey, ROOT_SORT_KEY } from '../../domain/record-keys';
import type { RecordStore, StoredItem, WriteOperation } from '../../ports/record-store';
import { WriteConflict } from '../../ports/write-conflict';
import { refuseWhileErasing } from '../subject-markers/erasure-markers';
import { restrictionMark, restrictionOf } from '../subject-markers/restriction-markers';
import { heldWrites } from '../records/held-expiry';
import { subjectHeld } from '../subject-markers/held-subject-markers';
import { refusalsFor } from './consent-standing';
import { countKpis } from './count-kpis';
import type { IngestDeps, IngestResult } from './deps';
import { recordMeta, recordTime, sealedItem } from '../records/record-items';
import { subjectIndexItems } from '../records/subject-index';
import { loadTenant, type TenantContext } from './tenant-context';

/** Events written at once: enough to hide round trips, few enough not to flood the table. */
const CONCURRENCY = 16;
/** A session marker outlives its day by one day, then TTL removes it. */
const MARKER_DAYS = 2;

type Outcome = { stored: true; increments: CounterIncrement[] } | { stored: false };

/**
 * POST /v1/events: Inbenta raw events. Each event is its own partition keyed by the sender's
 * event id, written only if absent, so a retried delivery is stored and counted once. Free text
 * (every string of the payload) and the dimensions are redacted before they are stored or
 * counted; the payload and the session id are sealed, under one data key per session and UTC day
 * (its users listed in the same transaction), an event without a session under its own. The session id is the chatbot's visitor id:
 * each event is indexed under it (subject-index entry `visitorId`, in the event's transaction), so
 * subject requests find the events of a visitor. A session is counted on its first event of the
 * day, remembered by a marker keyed by an HMAC of the session id. A visitor who withdrew content
 * storage (or the GDPR notice) or objected to it gets their events counted and kept without
 * payload, marked `contentRefused`, as the consent check of every ingest path decides.
 */
export async function ingestEvents(
  deps: IngestDeps,
  tenantId: string,
  request: { body: unknown },
): Promise<IngestResult<EventsIngested>> {
  const { events } = parseIngestRequest(EventBatchSchema, request.body, 'The event batch');
  const tenant = await loadTenant(deps, tenantId);
  // Every session id is checked before any event is stored, so a bad one refuses the whole batch.
  const keys = events.map((e, i) => sessionKeys(tenant, e.sessionId, `events.${i}.sessionId`));
  await refuseWhileErasing(
    deps.directory,
    tenantId,
    keys.flat().map((k) => k.hmacHex),
    deps.clock.now(),
  );
  const sessions = await standingOfSessions(deps, tenant, keys);
  const records = deps.stores.storesFor(regionFor(tenant.policy, 'event')).records;
  const region = records.region;
  const sessionsMarked = new Set<string>();

  const outcomes: Outcome[] = [];
  for (let i = 0; i < events.length; i += CONCURRENCY)
    outcomes.push(
      ...(await Promise.all(
        events
          .slice(i, i + CONCURRENCY)
          .map((e, j) => storeEvent(deps, tenant, records, region, e, keys[i + j], sessions, sessionsMarked)),
      )),
    );

  const increments = outcomes.flatMap((o) => (o.stored ? o.increments : []));
  await countKpis(deps, tenant, increments);
  const stored = outcomes.filter((o) => o.stored).length;
  return {
    status: 200,
    body: { accepted: events.length, stored, duplicates: events.length - stored },
    replayed: false,
  };
}

async function storeEvent(
  deps: IngestDeps,
  tenant: TenantContext,
  records: RecordStore,
  region: string,
  event: ChatbotEventInput,
  keys: readonly SubjectKey[],
  sessions: ReadonlyMap<string, SessionStanding>,
  sessionsMarked: Set<string>,
): Promise<Outcome> {
  const { tenantId, policy, redactor } = tenant;
  const label = (value: string | undefined) => (value === undefined ? undefined : redactor.redact(value).text);
  const facts = {
    type: event.type,
    userType: label(event.userType),
    source: label(event.source),
    environment: label(event.environment),
    at: new Date(event.at).toISOString(),
  };
  // Decided before the first await, so within a batch the session goes to its first event in batch order.
  const day = kpiDay(facts.at, policy.timeZone);
  const marker = event.sessionId ? sessionMarker(tenant, event.sessionId, day) : undefined;
  const markerPut: WriteOperation | undefined =
    marker && !sessionsMarked.has(marker.pk + marker.sk)
      ? { kind: 'put', item: marker, condition: { kind: 'absent' } }
      : undefined;
  if (marker) sessionsMarked.add(marker.pk + marker.sk);
  const key = { pk: partitionKey(tenantId, 'event', event.id), sk: ROOT_SORT_KEY.event };
  const meta = recordMeta(
    policy,
    key,
    { tenantId, dataClass: 'event', createdAt: recordTime(facts.at, deps.clock.now()) },
    deps.clock.now(),
  );
  const states = keys.map((k) => sessions.get(k.hmacHex));
  const restriction = states.map((state) => state?.restriction).find((r) => r !== undefined);
  const held = states.some((state) => state?.held);
  // A visitor who withdrew content storage or objected to it: the event is kept for the statistics, its payload is not.
  const contentRefused = states.map((state) => state?.refused).find((r) => r !== undefined);
  // The events of a session on one UTC day share a data key (domain/crypto/shared-data-key.ts).
  const dekId = event.sessionId
    ? sessionDataKeyId(sessionMarkerId(tenant.subjectSecret, event.sessionId), facts.at)
    : undefined;
  const sealed = await sealedItem(
    deps.vault,
    { region, tenantId, dataClass: 'event', partitionId: event.id, ...(dekId ? { dekId } : {}) },
    key,
    meta,
    { id: event.id, ...facts },
    {
      payload:
        Object.keys(event.payload).length && !contentRefused ? redactor.redactJson(event.payload).value : undefined,
      sessionId: event.sessionId,
    },
  );
  const item = { ...sealed, ...(contentRefused ? { contentRefused } : {}), ...restrictionMark(restriction) };
  // The event first: a conflict at index 0 is a retried delivery. Index entries carry no condition.
  const eventPuts = heldWrites(
    [
      { kind: 'put', item, condition: { kind: 'absent' } },
      ...subjectIndexItems(key.pk, keys, meta).map((entry): WriteOperation => ({ kind: 'put', item: entry })),
      ...(dekId ? [{ kind: 'put' as const, item: keyUserItem(tenantId, dekId, key.pk) }] : []),
    ],
    held,
  );

  try {
    await records.transactWrite(markerPut ? [...eventPuts, markerPut] : eventPuts);
    return { stored: true, increments: eventIncrements(facts, policy.timeZone, markerPut !== undefined) };
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    if (error.index === 0) return { stored: false }; // a retried delivery: stored before
    // The session was counted already today: store the event alone.
    return storeAlone(records, eventPuts, facts, policy.timeZone);
  }
}

async function storeAlone(
  records: RecordStore,
  eventPuts: WriteOperation[],
  facts: Parameters<typeof eventIncrements>[0],
  timeZone: string,
): Promise<Outcome> {
  try {
    await records.transactWrite(eventPuts);
    return { stored: true, increments: eventIncrements(facts, timeZone, false) };
  } catch (error) {
    if (error instanceof WriteConflict) return { stored: false };
    throw error;
  }
}

/** What a session's visitor allows: their restriction (if any), their content refusal (if any), and whether a legal hold keeps them. */
interface SessionStanding {
  restriction: string | undefined;
  refused: Refusal | undefined;
  held: boolean;
}

/**
 * The standing of each distinct session of the batch, read once per session, not per event: its
 * restriction and held-subject markers, and the one consent check of ingest (refusalsFor).
 */
async function standingOfSessions(
  deps: IngestDeps,
  tenant: TenantContext,
  keys: readonly (readonly SubjectKey[])[],
): Promise<Map<string, SessionStanding>> {
  const hmacs = [...new Set(keys.flat().map((k) => k.hmacHex))];
  const standing = async (h: string): Promise<SessionStanding> => {
    const [restriction, held, { withdrawn, objected }] = await Promise.all([
      restrictionOf(deps.directory, tenant.tenantId, [h]),
      subjectHeld(deps.directory, tenant.tenantId, [h]),
      refusalsFor(deps, tenant, [h]),
    ]);
    return { restriction, held, refused: standingRefusal(withdrawn, objected, 'storeContent') };
  };
  return new Map(await Promise.all(hmacs.map(async (h) => [h, await standing(h)] as const)));
}

/** The subject key of the session id, as the visitor id it is; none without a session id. */
function sessionKeys(tenant: TenantContext, sessionId: string | undefined, path: string): SubjectKey[] {
  try {
    return subjectKeysOf({ visitorId: sessionId }, tenant.subjectSecret, tenant.policy.defaultCallingCode);
  } catch (error) {
    if (!(error instanceof LetheError)) throw error;
    throw validationFailed(
      error.fields.map((f) => ({ ...f, path })),
      'The event batch is not valid.',
    );
  }
}

/** "This session was counted on this day": no session id in it, only its keyed hash. */
function sessionMarker(tenant: TenantContext, sessionId: string, day: string): StoredItem {
  const expires = dayStart(day, tenant.policy.timeZone).getTime() + MARKER_DAYS * 86_400_000;
  return {
    pk: `T#${tenant.tenantId}#SESSION#${sessionMarkerId(tenant.subjectSecret, sessionId)}`,
    sk: `DAY#${day}`,
    tenantId: tenant.tenantId,
    expiresAt: ttlEpochSeconds(new Date(expires)),
  };
}
