import * as z from 'zod';
import { readerOf } from '../../domain/access/authorize';
import { requireAccess } from '../../domain/access/require-access';
import { forbidden, notFound } from '../../domain/errors';
import { ChatbotEventSchema } from '../../domain/ingest/schemas';
import { isRestricted, mayProcess } from '../../domain/subject-requests/restriction';
import { partitionKey, ROOT_SORT_KEY } from '../../domain/record-keys';
import { expirySecondsOf, visibilityAt } from '../../domain/retention/visibility';
import { parseOrThrow } from '../../domain/validation';
import type { StoredItem } from '../../ports/record-store';
import { subjectKeysAt } from '../ingest/participant';
import { loadTenant } from '../ingest/tenant-context';
import { openedFields } from '../records/record-items';
import { tenantAccess, type AdminRequest } from './admin-request';
import { recordAccess } from './audit-trail';
import type { AdminDeps } from './deps';
import { entriesOfSubject } from '../records/subject-index';

/** `GET /v1/chatbot-events?sessionId=…`: the events of one bot session (its visitor id). */
export const ChatbotEventQuerySchema = z
  .object({ sessionId: z.string({ error: 'is required: the bot session (visitor id) to look up' }).min(1).max(128) })
  .strict();

const EventFactsSchema = z.object({
  eventId: z.string(),
  type: ChatbotEventSchema.shape.type,
  at: z.string(),
  userType: z.string().optional(),
  source: z.string().optional(),
  environment: z.string().optional(),
  region: z.string(),
  expiresAt: z.string().describe('when its retention ends'),
  restricted: z.boolean().describe('processing restricted (GDPR Art. 18): the content is for the legal role only'),
  contentRefused: z.string().optional().describe('the visitor refused content storage: kept without payload'),
  anonymisedAt: z.string().optional(),
});

/** One event as the search lists it: its clear facts, never its payload or session id. */
export const ChatbotEventSummarySchema = EventFactsSchema.meta({ id: 'ChatbotEventSummary' });
export const ChatbotEventListSchema = z
  .object({ events: z.array(ChatbotEventSummarySchema).describe('newest first') })
  .meta({ id: 'ChatbotEventList' });

/** One event with its opened content: the session id and the (redacted at ingest) payload. */
export const ChatbotEventDetailSchema = EventFactsSchema.extend({
  sessionId: z.string().optional(),
  payload: z.record(z.string(), z.unknown()).optional(),
}).meta({ id: 'ChatbotEventDetail' });

type Summary = z.infer<typeof ChatbotEventSummarySchema>;
type Detail = z.infer<typeof ChatbotEventDetailSchema>;

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

function summaryOf(item: StoredItem, region: string): Summary {
  const optional = {
    userType: text(item.userType),
    source: text(item.source),
    environment: text(item.environment),
    contentRefused: text(item.contentRefused),
    anonymisedAt: text(item.anonymisedAt),
  };
  return {
    eventId: String(item.id),
    type: item.type as Summary['type'],
    at: String(item.at),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    region,
    expiresAt: new Date((expirySecondsOf(item) ?? 0) * 1000).toISOString(),
    restricted: isRestricted(item),
  };
}

/**
 * GET /v1/chatbot-events?sessionId: the retained events of one bot session, found through the
 * subject index (the session id is indexed as the visitor id, by keyed hash) in every region,
 * newest first (admin, legal). Events past their retention are not shown, swept or not.
 */
export async function searchChatbotEvents(
  deps: AdminDeps,
  request: AdminRequest,
  rawQuery: Record<string, string | undefined>,
): Promise<z.infer<typeof ChatbotEventListSchema>> {
  const { actor } = request;
  const access = await tenantAccess(deps, actor);
  const granted = requireAccess(actor, 'event.view', { tenant: access.scope }, `Tenant ${actor.tenantId}`);
  const { sessionId } = parseOrThrow(ChatbotEventQuerySchema, rawQuery, 'The chatbot event query');
  const tenant = await loadTenant(deps, actor.tenantId);
  const [key] = subjectKeysAt(tenant, { visitorId: sessionId }, 'query');
  const now = deps.clock.now();
  const reader = readerOf(actor);
  const perRegion = await Promise.all(
    deps.stores.regions.map(async (region) => {
      const records = deps.stores.storesFor(region).records;
      const hits = await entriesOfSubject(records, actor.tenantId, key.hmacHex);
      const partitions = [...new Set(hits.filter((h) => h.class === 'event').map((h) => h.pk))];
      const items = await Promise.all(partitions.map((pk) => records.get({ pk, sk: ROOT_SORT_KEY.event })));
      return items
        .filter((i): i is StoredItem => i !== undefined && visibilityAt(i, now, reader) !== 'gone')
        .map((i) => summaryOf(i, region));
    }),
  );
  const events = perRegion.flat().sort((a, b) => b.at.localeCompare(a.at) || a.eventId.localeCompare(b.eventId));
  await recordAccess(deps, request, granted, 'event.view', { details: { events: events.length, search: true } });
  return { events };
}

/**
 * GET /v1/chatbot-events/{id}: one retained event with its payload and session id opened (admin,
 * legal); a restricted event's content is for the legal role only. Every read is audited.
 */
export async function viewChatbotEvent(
  deps: AdminDeps,
  request: AdminRequest,
  rawId: string | undefined,
): Promise<Detail> {
  const { actor } = request;
  const access = await tenantAccess(deps, actor);
  const granted = requireAccess(actor, 'event.view', { tenant: access.scope }, `Tenant ${actor.tenantId}`);
  const eventId = parseOrThrow(ChatbotEventSchema.shape.id, rawId ?? '', 'The event id');
  const pk = partitionKey(actor.tenantId, 'event', eventId);
  const now = deps.clock.now();
  const reader = readerOf(actor);
  const found = (
    await Promise.all(
      deps.stores.regions.map(async (region) => ({
        region,
        item: await deps.stores.storesFor(region).records.get({ pk, sk: ROOT_SORT_KEY.event }, { consistent: true }),
      })),
    )
  ).find(({ item }) => item !== undefined && visibilityAt(item, now, reader) !== 'gone');
  if (!found?.item) throw notFound(`Chatbot event ${eventId}`);
  const { region, item } = found;
  if (!mayProcess(item, actor.role))
    throw forbidden(
      'Not allowed: processing of this event is restricted (GDPR Art. 18); only the legal role may read it.',
    );
  const opened = await openedFields(deps.vault, region, eventId, item);
  await recordAccess(deps, request, granted, 'event.view', { details: { eventId } });
  const payload = opened.payload as Record<string, unknown> | undefined;
  return {
    ...summaryOf(item, region),
    ...(typeof opened.sessionId === 'string' ? { sessionId: opened.sessionId } : {}),
    ...(payload ? { payload } : {}),
  };
}
