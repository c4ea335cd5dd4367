import { listingScope, readerOf, withinScope, type ListingScope } from '../../domain/access/authorize';
import { requireAccess } from '../../domain/access/require-access';
import { LetheError, validationFailed } from '../../domain/errors';
import type { TenantPolicy } from '../../domain/policy/schema';
import { namePrefixKey, searchedNamePrefixes } from '../../domain/subject/name-prefixes';
import { subjectKeysOf } from '../../domain/subject/subject-key';
import { parsePartitionKey } from '../../domain/record-keys';
import type { Reader } from '../../domain/retention/visibility';
import { typedQuery } from '../../domain/typed-query';
import { parseOrThrow } from '../../domain/validation';
import type { RecordStore, StoredItem, SubjectHit } from '../../ports/record-store';
import { heldInteractionIds, holdsOnPartitions } from '../holds/hold-guard';
import {
  interactionFactsOf,
  locateInteraction,
  type InfoAttributes,
  type LocatedInteraction,
} from '../ingest/interaction-info';
import { holdsStoredContent } from '../readback/stored-content';
import { tenantAccess, type AdminRequest } from './admin-request';
import { interactionScopeOf } from './archived-interaction';
import { recordSupportRead } from './audit-trail';
import type { AdminDeps } from './deps';
import { retentionOf } from './interaction-detail';
import { listingPartition } from '../records/interaction-listing';
import { walkDay } from './listing-walk';
import type { InteractionSummary, SearchResult } from './responses';
import {
  decodeToken,
  encodeToken,
  hasIdentifier,
  searchesByIds,
  searchRange,
  SearchQuerySchema,
  type SearchPosition,
  type SearchQuery,
  type SearchRange,
} from './search-query';
import { entriesOfNamePrefix, entriesOfSubject } from '../records/subject-index';

/** Listing entries one request reads at most before answering with a token to go on. */
const SCAN_BUDGET = 2000;
/** Day partitions one request reads at most. */
const DAY_BUDGET = 92;
/** Interactions one person may be found in; more is refused rather than read without bound. */
const MAX_SUBJECT_HITS = 1000;

interface Criteria {
  query: SearchQuery;
  range: SearchRange;
  scope: ListingScope;
  /** The tenant's calling code: national phone numbers are searched as ingest normalised them. */
  defaultCallingCode: string;
  /** Legal and admins also find what a legal hold keeps past its expiry. */
  reader: Reader;
}

/** Whether clear attributes (a listing entry or the general info) match the criteria. */
function matches(c: Criteria, facts: Record<string, unknown>): boolean {
  const { query: q, range } = c;
  const startedAt = String(facts.startedAt);
  if ((range.from && startedAt < range.from) || (range.to && startedAt > range.to)) return false;
  if (q.channel && facts.channel !== q.channel) return false;
  if (q.queue && facts.queue !== q.queue) return false;
  if (q.agent && facts.agent !== q.agent) return false;
  if (q.group && facts.group !== q.group) return false;
  return withinScope(c.scope, interactionScopeOf(facts as StoredItem));
}

export async function summaryOf(
  deps: Pick<AdminDeps, 'stores' | 'clock'>,
  located: LocatedInteraction,
  holds: string[],
  timeline: { policy: TenantPolicy; reader: Reader },
): Promise<InteractionSummary> {
  const info: InfoAttributes = located.info;
  // The partition read for the timeline answers the content check too: one Query per region.
  const { retention, items } = await retentionOf(deps, located, timeline.policy, timeline.reader);
  return {
    ...interactionFactsOf(located),
    contentStored: holdsStoredContent(items, deps.clock.now()),
    flags: info.flags ?? [],
    restricted: interactionScopeOf(located.item).restricted === true,
    expiresAt: new Date(info.expiresAt * 1000).toISOString(),
    holds,
    retention,
  };
}

/**
 * The live general info of each id that still matches, in the order given. Anonymised interactions
 * are found too (Puzzel: by time, queue or agent; they carry no participant any more).
 */
async function liveMatches(
  deps: Pick<AdminDeps, 'stores' | 'clock'>,
  tenantId: string,
  ids: readonly string[],
  c: Criteria,
): Promise<LocatedInteraction[]> {
  const located = await Promise.all(
    ids.map((id) =>
      locateInteraction(deps, tenantId, id, c.reader).catch((error: unknown) => {
        if (error instanceof LetheError && error.code === 'NOT_FOUND') return undefined;
        throw error;
      }),
    ),
  );
  return located.filter((l): l is LocatedInteraction => l !== undefined && matches(c, l.item));
}

/** One look-up in the index of a region; `capped` ones stop reading past MAX_SUBJECT_HITS, so more is refused. */
interface IndexLookup {
  read: (records: RecordStore) => Promise<SubjectHit[]>;
  capped: boolean;
}

/**
 * By identifier: the keyed hash of each identifier (normalised as at ingest), and of each word
 * typed as the start of a name, looked up in the `bySubject` index of every region; only
 * interactions named by all of them, and never an anonymised one (it left the index: it no longer
 * names anyone). Newest first, paged by offset. A name start that more than MAX_SUBJECT_HITS
 * interactions share is refused before the rest of its entries is read.
 */
async function idsOfSubject(deps: AdminDeps, tenantId: string, c: Criteria): Promise<string[]> {
  const prefixes = c.query.namePrefix === undefined ? [] : searchedNamePrefixes(c.query.namePrefix);
  const secret = await deps.tenantSecrets.subjectIndexSecret(tenantId);
  const keys = subjectKeysOf(
    { phone: c.query.phone, email: c.query.email, name: c.query.name },
    secret,
    c.defaultCallingCode,
  );
  const lookups: IndexLookup[] = [
    ...keys.map((key) => ({
      read: (records: RecordStore) => entriesOfSubject(records, tenantId, key.hmacHex),
      capped: false,
    })),
    ...prefixes.map((prefix) => ({
      read: (records: RecordStore) =>
        entriesOfNamePrefix(records, tenantId, namePrefixKey(secret, prefix), MAX_SUBJECT_HITS),
      capped: true,
    })),
  ];
  let ids: string[] | undefined;
  for (const lookup of lookups) {
    const hits = (
      await Promise.all(deps.stores.regions.map((r) => lookup.read(deps.stores.storesFor(r).records)))
    ).flat();
    const named = new Set(
      hits.filter((h) => h.class === 'interaction').flatMap((h) => parsePartitionKey(h.pk)?.id ?? []),
    );
    if (lookup.capped && named.size > MAX_SUBJECT_HITS) throw tooManyHits();
    ids = ids ? ids.filter((id) => named.has(id)) : [...named];
  }
  return ids ?? [];
}

const tooManyHits = () =>
  new LetheError(
    'PAYLOAD_TOO_LARGE',
    `More than ${MAX_SUBJECT_HITS} interactions match; add a time range or another criterion.`,
  );

/**
 * By ids: the identifier hits and/or, with `held=true`, the interactions active legal holds keep
 * (found through the holds, not the day listing, whose entries expire with the interaction), each
 * confirmed against its general info. Newest first, paged by offset.
 */
async function searchByIds(
  deps: AdminDeps,
  tenantId: string,
  c: Criteria,
  offset: number,
): Promise<{ found: LocatedInteraction[]; next?: SearchPosition }> {
  let ids = hasIdentifier(c.query) ? await idsOfSubject(deps, tenantId, c) : undefined;
  if (c.query.held === 'true') {
    const held = await heldInteractionIds(deps, tenantId);
    ids = ids ? ids.filter((id) => held.includes(id)) : held;
  }
  if ((ids ?? []).length > MAX_SUBJECT_HITS) throw tooManyHits();
  const found = (await liveMatches(deps, tenantId, ids ?? [], c)).sort((a, b) =>
    a.info.startedAt < b.info.startedAt ? 1 : -1,
  );
  const page = found.slice(offset, offset + c.query.limit);
  return {
    found: page,
    next: offset + c.query.limit < found.length ? { kind: 'subject', offset: offset + c.query.limit } : undefined,
  };
}

const previousDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * By time and labels: the day partitions of the range, newest first, each merged across regions;
 * entries are matched on their clear attributes, then confirmed against the live general info.
 * Stops at `limit` candidates or after reading SCAN_BUDGET entries, with a token to go on.
 */
async function searchByDays(
  deps: AdminDeps,
  tenantId: string,
  c: Criteria,
  start?: Extract<SearchPosition, { kind: 'days' }>,
): Promise<{ found: LocatedInteraction[]; next?: SearchPosition }> {
  const firstDay = c.range.from.slice(0, 10);
  const candidates: string[] = [];
  let scanned = 0;
  let days = 0;
  for (let day = start?.day ?? c.range.to.slice(0, 10); day >= firstDay; day = previousDay(day)) {
    for await (const { item, position } of walkDay(
      deps.stores,
      listingPartition(tenantId, day),
      day === start?.day ? start.position : {},
    )) {
      scanned++;
      if (matches(c, item)) candidates.push(String(item.interactionId));
      if (candidates.length === c.query.limit || scanned >= SCAN_BUDGET) {
        const more = Object.values(position).some((p) => !p.done) || day > firstDay;
        const next: SearchPosition | undefined = more ? { kind: 'days', day, position } : undefined;
        return { found: await liveMatches(deps, tenantId, candidates, c), next };
      }
    }
    // Quiet days cost a query per region each: a long empty range is read over several requests.
    if (++days >= DAY_BUDGET && previousDay(day) >= firstDay)
      return {
        found: await liveMatches(deps, tenantId, candidates, c),
        next: { kind: 'days', day: previousDay(day), position: {} },
      };
  }
  return { found: await liveMatches(deps, tenantId, candidates, c) };
}

/**
 * One page of a search, already narrowed to what the actor may see: the interactions found, and
 * their search hits built on demand (the export needs only the interactions, not each one's
 * content check and retention timeline).
 */
export async function searchPage(
  deps: AdminDeps,
  request: AdminRequest,
  rawQuery: Record<string, string | undefined>,
): Promise<{ located: LocatedInteraction[]; summaries: () => Promise<InteractionSummary[]>; nextToken?: string }> {
  const { actor } = request;
  const query = parseOrThrow(SearchQuerySchema, typedQuery(rawQuery), 'The search');
  const tenant = await tenantAccess(deps, actor);
  const granted = requireAccess(actor, 'interaction.search', { tenant: tenant.scope }, `Tenant ${actor.tenantId}`);
  const resumed = decodeToken(query);
  const range = resumed?.range ?? searchRange(query, deps.clock.now());
  const position = resumed?.position;
  if (position && (position.kind === 'subject') !== searchesByIds(query))
    throw validationFailed([{ path: 'nextToken', message: 'is not a token this search handed out' }]);
  const criteria: Criteria = {
    query,
    range,
    scope: listingScope(actor, granted.reach),
    defaultCallingCode: tenant.policy.defaultCallingCode,
    reader: readerOf(actor),
  };
  const page = searchesByIds(query)
    ? await searchByIds(deps, actor.tenantId, criteria, position?.kind === 'subject' ? position.offset : 0)
    : await searchByDays(deps, actor.tenantId, criteria, position?.kind === 'days' ? position : undefined);
  const holds = await holdsOnPartitions(
    deps,
    actor.tenantId,
    page.found.map((l) => l.item),
  );
  const found =
    query.held === undefined ? page.found : page.found.filter((l) => holds.has(l.item.pk) === (query.held === 'true'));
  const heldPastExpiry = found.some((l) => l.heldPastExpiry);
  await recordSupportRead(
    deps,
    request,
    granted,
    'interaction.search',
    { details: { by: searchedBy(query), results: found.length } },
    heldPastExpiry,
  );
  return {
    summaries: () =>
      Promise.all(
        found.map((l) =>
          summaryOf(deps, l, holds.get(l.item.pk) ?? [], { policy: tenant.policy, reader: criteria.reader }),
        ),
      ),
    located: found,
    ...(page.next ? { nextToken: encodeToken(query, range, page.next) } : {}),
  };
}

/** GET /v1/interactions: one page of matching interactions. */
export async function searchInteractions(
  deps: AdminDeps,
  request: AdminRequest,
  rawQuery: Record<string, string | undefined>,
): Promise<SearchResult> {
  const { summaries, nextToken } = await searchPage(deps, request, rawQuery);
  return { items: await summaries(), ...(nextToken ? { nextToken } : {}) };
}

/** What a search was by, for the audit log: criteria names only, never their values. */
export function searchedBy(q: SearchQuery): string {
  const names = (
    ['phone', 'email', 'name', 'namePrefix', 'from', 'to', 'channel', 'queue', 'agent', 'group', 'held'] as const
  ).filter((k) => q[k] !== undefined);
  return names.length ? names.join(',') : 'time';
}
