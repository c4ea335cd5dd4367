import { createHash } from 'node:crypto';
import * as z from 'zod';
import { CHANNELS } from '../../domain/data-class';
import { validationFailed } from '../../domain/errors';
import { IsoInstantSchema } from '../../domain/instant';
import { decodePageToken, encodePageToken } from '../../domain/paging/page-token';
import type { DayPosition } from './listing-walk';

/** Longest time range one search reads day by day. */
export const SEARCH_MAX_DAYS = 366;
/** The range searched when none is given: the last 30 days. */
export const SEARCH_DEFAULT_DAYS = 30;
export const SEARCH_MAX_LIMIT = 200;

const Instant = IsoInstantSchema;
const Label = z.string().trim().min(1).max(200);

/**
 * `GET /v1/interactions?…`: identifiers (phone, e-mail, name; all given must match, through the
 * keyed-hash index), the start of the name's words (`namePrefix`, e.g. `ann ber`), time range,
 * queue, agent, group, channel, whether a legal hold keeps it (`held`); `limit` and `nextToken` page.
 */
export const SearchQuerySchema = z
  .object({
    phone: z.string().trim().min(1).max(100).optional(),
    email: z.string().trim().min(1).max(320).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    namePrefix: z.string().trim().min(1).max(200).optional(),
    from: Instant.optional(),
    to: Instant.optional(),
    channel: z.enum(CHANNELS, { error: `must be one of ${CHANNELS.join(', ')}` }).optional(),
    queue: Label.optional(),
    agent: Label.optional(),
    group: Label.optional(),
    held: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
    limit: z.coerce.number().int().min(1).max(SEARCH_MAX_LIMIT).default(50),
    nextToken: z.string().max(4000).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from && q.to && Date.parse(q.from) > Date.parse(q.to))
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  });
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export const hasIdentifier = (q: SearchQuery) => Boolean(q.phone || q.email || q.name || q.namePrefix);
/** Searches that start from a set of interaction ids (identifier hits, held interactions) rather than from the days. */
export const searchesByIds = (q: SearchQuery) => hasIdentifier(q) || q.held === 'true';

/** Where a search resumes: in the identifier hits (an offset), or in the day partitions (a day and per-region positions). */
export type SearchPosition = { kind: 'subject'; offset: number } | { kind: 'days'; day: string; position: DayPosition };

/** A fingerprint of what is searched: a token only continues the search it came from. */
function fingerprint(q: SearchQuery): string {
  const { limit: _limit, nextToken: _token, ...criteria } = q;
  return createHash('sha256').update(JSON.stringify(criteria)).digest('hex').slice(0, 16);
}

export type SearchRange = { from: string; to: string };

/** A time range a search may read day by day: two instants, in order, at most SEARCH_MAX_DAYS apart. */
const boundedRange = (r: SearchRange) => {
  const [from, to] = [Date.parse(r.from), Date.parse(r.to)];
  return Number.isFinite(from) && Number.isFinite(to) && from <= to && to - from <= SEARCH_MAX_DAYS * 86_400_000;
};

const RegionPositionSchema = z
  .object({ cursor: z.string().max(4000).optional(), skip: z.number().int().min(0), done: z.literal(true).optional() })
  .strict();
const TokenRangeSchema = z.object({ from: z.string(), to: z.string() }).strict();
const SearchTokenSchema = z.discriminatedUnion('kind', [
  z
    .object({
      v: z.literal(1),
      q: z.string(),
      range: TokenRangeSchema,
      kind: z.literal('subject'),
      offset: z.number().int().min(0),
    })
    .strict(),
  z
    .object({
      v: z.literal(1),
      q: z.string(),
      range: TokenRangeSchema.refine(boundedRange),
      kind: z.literal('days'),
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      position: z.record(z.string(), RegionPositionSchema),
    })
    .strict(),
]);

/** A token holds where to resume and the range the first page searched (its default `to` was "now" then). */
export function encodeToken(q: SearchQuery, range: SearchRange, position: SearchPosition): string {
  return encodePageToken({ v: 1, q: fingerprint(q), range, ...position });
}

/** Where a search resumes, from a token of this very search (same criteria), every part of it checked. */
export function decodeToken(q: SearchQuery): { range: SearchRange; position: SearchPosition } | undefined {
  if (!q.nextToken) return undefined;
  return decodePageToken(
    q.nextToken,
    (parsed) => {
      const token = SearchTokenSchema.safeParse(parsed);
      if (!token.success || token.data.q !== fingerprint(q)) return undefined;
      const { range } = token.data;
      if (token.data.kind === 'subject')
        return { range, position: { kind: 'subject' as const, offset: token.data.offset } };
      return {
        range,
        position: { kind: 'days' as const, day: token.data.day, position: token.data.position as DayPosition },
      };
    },
    'this search',
  );
}

/**
 * The time range searched. With identifiers or `held=true`, none unless given (a person's whole history, every held interaction);
 * otherwise `to` defaults to now and `from` to 30 days before it, and at most 366 days are read.
 */
export function searchRange(q: SearchQuery, now: Date): SearchRange {
  if (searchesByIds(q))
    return { from: q.from ? new Date(q.from).toISOString() : '', to: q.to ? new Date(q.to).toISOString() : '' };
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - SEARCH_DEFAULT_DAYS * 86_400_000);
  if (to.getTime() - from.getTime() > SEARCH_MAX_DAYS * 86_400_000)
    throw validationFailed([{ path: 'from', message: `must be at most ${SEARCH_MAX_DAYS} days before to` }]);
  return { from: from.toISOString(), to: to.toISOString() };
}
