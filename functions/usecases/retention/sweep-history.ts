import { ulid } from 'ulid';
import {
  historyEntryOf,
  SWEEP_HISTORY_PREFIX,
  sweepHistorySortKey,
  type SweepHistoryEntry,
} from '../../domain/sweep/history';
import { TALLY_COLUMNS, type SweepReport, type Tally } from '../../domain/sweep/summary';
import { expiryOf } from '../../domain/retention/record-expiry';
import type { Clock } from '../../ports/clock';
import type { TenantDirectory } from '../../ports/tenant-directory';

/** A tenant a sweep run worked on, and whether the run got through every unit of it. */
export interface SweptTenant {
  tenantId: string;
  reached: boolean;
}

/**
 * Keeps what a (not dry) run did to each tenant it worked on as one entry of the tenant's sweep
 * history in the directory (`SWEEPLOG#<sweptAt>#<run>`): a run stopped and resumed the same night
 * leaves one entry per call, each with the counts of its own units. An entry is an accountability
 * record like the audit log, kept as long as the tenant's policy keeps the audit class, counted from
 * the night swept (`expiresAt`: DynamoDB's TTL removes it, reads skip it the moment it is due).
 */
export async function recordSweepHistory(
  deps: { directory: TenantDirectory; clock: Clock },
  report: Pick<SweepReport, 'now' | 'rows' | 'failures'>,
  tenants: readonly SweptTenant[],
): Promise<void> {
  const recordedAt = deps.clock.now();
  const runId = ulid(recordedAt.getTime());
  for (const { tenantId, reached } of tenants) {
    const entry = historyEntryOf(report, tenantId, reached, recordedAt);
    const current = await deps.directory.currentPolicy(tenantId);
    // A tenant purged by this very run has no policy left: its history went with it.
    if (!current) continue;
    const expiresAt = expiryOf({ dataClass: 'audit', createdAt: new Date(entry.sweptAt) }, current.policy);
    await deps.directory.putItem({
      tenantId,
      sk: sweepHistorySortKey(entry.sweptAt, runId),
      ...entry,
      expiresAt: Math.ceil(expiresAt.getTime() / 1000),
    });
  }
}

/** A tenant's sweep history, newest night first, without the entries past their retention at `now`. */
export async function readSweepHistory(
  directory: TenantDirectory,
  tenantId: string,
  page: { limit: number; nextToken?: string },
  now: Date,
): Promise<{ items: SweepHistoryEntry[]; nextToken?: string }> {
  const found = await directory.queryItems(tenantId, SWEEP_HISTORY_PREFIX, {
    limit: page.limit,
    cursor: page.nextToken,
    newestFirst: true,
  });
  const live = found.items.filter(
    (item) => typeof item.expiresAt !== 'number' || item.expiresAt * 1000 > now.getTime(),
  );
  const items = live.map((item) => {
    const { sweptAt, recordedAt, complete, rows, failures } = item as unknown as SweepHistoryEntry;
    // The store keeps no key order: the counts are answered in the summary's column order.
    const ordered = rows.map((r) => ({ ...r, tally: tallyInOrder(r.tally) }));
    return { sweptAt, recordedAt, complete, rows: ordered, failures };
  });
  return { items, ...(found.cursor ? { nextToken: found.cursor } : {}) };
}

const tallyInOrder = (tally: Tally): Tally => Object.fromEntries(TALLY_COLUMNS.map((c) => [c, tally[c] ?? 0])) as Tally;
