import { assertStaff, type Caller } from '../../domain/access/subject-request-access';
import { DeskQuerySchema, type DeskQuery } from '../../domain/subject-requests/desk-query';
import { parseOrThrow } from '../../domain/validation';
import type { SubjectRequestDeps } from './deps';
import { queryJobs } from './job-store';
import { summaryOf, timeZoneOf, type SubjectRequestSummary } from './view-request';

/** Jobs one call reads at most while looking for matches: a narrow filter answers a short page with a nextToken. */
const READ_BUDGET = 500;

export interface DeskPage {
  items: SubjectRequestSummary[];
  /** Absent on the last page; a page may hold fewer items than the limit. */
  nextToken?: string;
}

const matches = (q: DeskQuery, item: SubjectRequestSummary) =>
  (!q.type || item.type === q.type) &&
  (!q.status || item.status === q.status) &&
  (!q.filedBy || item.filedBy === q.filedBy) &&
  (!q.overdue || String(item.overdue) === q.overdue);

/**
 * GET /v1/subject-requests (staff): the tenant's requests in filing order, with their deadlines, filtered.
 * A Query on the tenant's `JOB#` items (never a scan); each read asks for no more than the page
 * still needs, so the cursor it hands back never skips a request.
 */
export async function listSubjectRequests(
  deps: SubjectRequestDeps,
  tenantId: string,
  caller: Caller,
  rawQuery: Record<string, string | undefined>,
): Promise<DeskPage> {
  assertStaff(caller);
  const q = parseOrThrow(DeskQuerySchema, rawQuery, 'The subject-request query');
  const timeZone = await timeZoneOf(deps, tenantId);
  const now = deps.clock.now();
  const items: SubjectRequestSummary[] = [];
  let cursor = q.nextToken;
  let read = 0;
  do {
    const page = await queryJobs(deps.directory, tenantId, { cursor, limit: q.limit - items.length });
    read += page.items.length;
    for (const job of page.items) {
      const summary = summaryOf(job, timeZone, now);
      if (matches(q, summary)) items.push(summary);
    }
    cursor = page.cursor;
  } while (cursor && items.length < q.limit && read < READ_BUDGET);
  return { items, ...(cursor ? { nextToken: cursor } : {}) };
}
