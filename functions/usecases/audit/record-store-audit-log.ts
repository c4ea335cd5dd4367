import { GENESIS_HASH, chainEntry } from '../../domain/audit/chain';
import type { AuditDraft, AuditEntry, AuditHead, AuditRecord } from '../../domain/audit/entry';
import { tombstoneOf } from '../../domain/audit/tombstone';
import { expiryOf } from '../../domain/retention/record-expiry';
import { interactionPartition, ROOT_SORT_KEY } from '../../domain/record-keys';
import type { AuditChainBounds, AuditFilter, AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { Page } from '../../ports/page';
import type { RecordStore, StoredItem, WriteOperation } from '../../ports/record-store';
import type { RegionalStores } from '../../ports/regional-stores';
import type { TenantDirectory } from '../../ports/tenant-directory';
import { WriteConflict } from '../../ports/write-conflict';

/**
 * The audit chain of every tenant lives in the home region's records table:
 * - `T#<t>#AUDIT` / `HEAD`: the last link (seq, hash) and the anchor (the link before the oldest
 *   entry still stored, moved forward when old entries are pruned);
 * - `T#<t>#AUDIT` / `AUDIT#<seq>`: entries and tombstones, in chain order;
 * - `T#<t>#AUDITIDX#<interactionId>` / `<seq>`: which entries name an interaction, so deleting the
 *   interaction tombstones exactly those entries without reading the whole log.
 * Entries carry `auditExpiresAt`, not the TTL attribute: DynamoDB TTL must not punch holes in the
 * chain; `pruneExpired` removes them in order and moves the anchor.
 * Puzzel: entries about an interaction go with it, not before it. `auditExpiresAt` (the tenant's
 * audit retention) governs tenant-level entries and tombstones only; an entry naming an
 * interaction stays while the interaction is stored (kept or held) and is tombstoned when it goes.
 */
const chainPk = (tenantId: string) => `T#${tenantId}#AUDIT`;
const refsPk = (tenantId: string, interactionId: string) => `T#${tenantId}#AUDITIDX#${interactionId}`;
const seqKey = (seq: number) => String(seq).padStart(12, '0');
const HEAD_SK = 'HEAD';
const ENTRY_PREFIX = 'AUDIT#';
const MAX_APPEND_ATTEMPTS = 20;

interface HeadItem {
  seq: number;
  hash: string;
  anchorSeq: number;
  anchorHash: string;
}

export interface AuditLogDeps {
  /** The home region's records table. */
  records: RecordStore;
  /** Every region's stores: whether an interaction named by an entry is still stored anywhere. */
  stores: RegionalStores;
  directory: TenantDirectory;
  auditKey: (tenantId: string) => Promise<Uint8Array>;
  clock: Clock;
}

export class RecordStoreAuditLog implements AuditLog {
  constructor(private readonly deps: AuditLogDeps) {}

  async append(tenantId: string, draft: AuditDraft): Promise<AuditEntry> {
    const expiresAt = await this.expiryOfEntry(tenantId, draft.at);
    for (let attempt = 1; ; attempt++) {
      const head = await this.head(tenantId);
      const entry = chainEntry(head && { seq: head.seq, hash: head.hash }, draft);
      const operations: WriteOperation[] = [
        head
          ? {
              kind: 'update',
              key: { pk: chainPk(tenantId), sk: HEAD_SK },
              changes: { set: { seq: entry.seq, hash: entry.hash } },
              condition: { kind: 'matches', attributes: { seq: head.seq } },
            }
          : {
              kind: 'put',
              item: {
                pk: chainPk(tenantId),
                sk: HEAD_SK,
                tenantId,
                seq: entry.seq,
                hash: entry.hash,
                anchorSeq: 0,
                anchorHash: GENESIS_HASH,
              },
              condition: { kind: 'absent' },
            },
        { kind: 'put', item: { ...toItem(tenantId, entry), auditExpiresAt: expiresAt }, condition: { kind: 'absent' } },
      ];
      if (entry.interactionId)
        operations.push({
          kind: 'put',
          item: {
            pk: refsPk(tenantId, entry.interactionId),
            sk: seqKey(entry.seq),
            tenantId,
            class: 'audit',
            seq: entry.seq,
          },
        });
      try {
        await this.deps.records.transactWrite(operations);
        return entry;
      } catch (error) {
        // Another writer took this seq first: chain onto its entry instead.
        if (!(error instanceof WriteConflict) || attempt >= MAX_APPEND_ATTEMPTS) throw error;
      }
    }
  }

  async list(
    tenantId: string,
    filter: AuditFilter = {},
    page: { cursor?: string; limit?: number } = {},
  ): Promise<Page<AuditEntry>> {
    const limit = Math.min(page.limit ?? 50, 500);
    const now = this.nowSeconds();
    const found: AuditEntry[] = [];
    let cursor = page.cursor;
    // Filters are applied page by page; the partition is read newest first and stops once enough match.
    do {
      const batch = filter.interactionId
        ? await this.entriesOfInteraction(tenantId, filter.interactionId, cursor)
        : await this.deps.records.queryPartition(chainPk(tenantId), {
            skPrefix: ENTRY_PREFIX,
            descending: true,
            cursor,
            limit: 200,
          });
      for (const item of batch.items) {
        if (item.kind !== 'entry' || (!item.interactionId && Number(item.auditExpiresAt) <= now)) continue;
        const entry = fromItem(item) as AuditEntry;
        if (matches(entry, filter)) found.push(entry);
        if (found.length === limit) break;
      }
      cursor = batch.cursor;
      if (found.length === limit) break;
    } while (cursor);
    return { items: found, cursor: found.length === limit ? cursor : undefined };
  }

  async readChain(tenantId: string, page: { cursor?: string; limit?: number } = {}): Promise<Page<AuditRecord>> {
    const batch = await this.deps.records.queryPartition(chainPk(tenantId), {
      skPrefix: ENTRY_PREFIX,
      cursor: page.cursor,
      limit: page.limit ?? 500,
      consistent: true,
    });
    return { items: batch.items.map(fromItem), cursor: batch.cursor };
  }

  async bounds(tenantId: string): Promise<AuditChainBounds> {
    const head = await this.head(tenantId);
    if (!head) return { anchor: { seq: 0, hash: GENESIS_HASH } };
    return { anchor: { seq: head.anchorSeq, hash: head.anchorHash }, head: { seq: head.seq, hash: head.hash } };
  }

  async forgetInteraction(tenantId: string, interactionId: string): Promise<number> {
    const key = await this.deps.auditKey(tenantId);
    const now = this.deps.clock.now();
    let count = 0;
    let cursor: string | undefined;
    do {
      const refs = await this.deps.records.queryPartition(refsPk(tenantId, interactionId), {
        cursor,
        limit: 100,
        consistent: true,
      });
      for (const ref of refs.items) {
        const stored = await this.deps.records.get(
          { pk: chainPk(tenantId), sk: `${ENTRY_PREFIX}${seqKey(Number(ref.seq))}` },
          { consistent: true },
        );
        if (stored?.kind !== 'entry') continue; // already tombstoned or pruned: nothing left to forget
        await this.tombstone(tenantId, stored, key, now);
        count++;
      }
      cursor = refs.cursor;
    } while (cursor);
    await this.deps.records.deletePartition(refsPk(tenantId, interactionId));
    return count;
  }

  async pruneExpired(tenantId: string): Promise<number> {
    const head = await this.head(tenantId);
    if (!head) return 0;
    const now = this.deps.clock.now();
    const nowSeconds = this.nowSeconds();
    const stored = new Map<string, boolean>();
    let key: Uint8Array | undefined;
    let pruned = 0;
    let anchor: AuditHead = { seq: head.anchorSeq, hash: head.anchorHash };
    // Only records at the front of the chain may be deleted, so it stays contiguous; behind an
    // entry still kept by its interaction, a record whose time is up is tombstoned instead.
    let atFront = true;
    let cursor: string | undefined;
    outer: do {
      const batch = await this.deps.records.queryPartition(chainPk(tenantId), {
        skPrefix: ENTRY_PREFIX,
        cursor,
        limit: 100,
        consistent: true,
      });
      for (const item of batch.items) {
        // The audit retention runs in chain order: the first record within it ends the pass.
        if (Number(item.auditExpiresAt) > nowSeconds) break outer;
        const record = fromItem(item);
        if (record.kind === 'entry' && record.interactionId) {
          const id = record.interactionId;
          if (!stored.has(id)) stored.set(id, await this.interactionStored(tenantId, id));
          if (stored.get(id)) {
            atFront = false;
            continue;
          }
          // Its interaction went without telling the chain (DynamoDB TTL, a crash before forgetInteraction).
          await this.deps.records.deleteItems([{ pk: refsPk(tenantId, id), sk: seqKey(record.seq) }]);
        }
        if (atFront) {
          await this.deps.records.transactWrite([
            {
              kind: 'update',
              key: { pk: chainPk(tenantId), sk: HEAD_SK },
              changes: { set: { anchorSeq: record.seq, anchorHash: record.hash } },
              condition: { kind: 'matches', attributes: { anchorSeq: anchor.seq } },
            },
            { kind: 'delete', key: { pk: item.pk, sk: item.sk } },
          ]);
          anchor = { seq: record.seq, hash: record.hash };
          pruned++;
        } else if (record.kind === 'entry') {
          key ??= await this.deps.auditKey(tenantId);
          await this.tombstone(tenantId, item, key, now);
          pruned++;
        }
      }
      cursor = batch.cursor;
    } while (cursor);
    return pruned;
  }

  async destroy(tenantId: string): Promise<number> {
    let deleted = 0;
    let cursor: string | undefined;
    do {
      const batch = await this.deps.records.queryPartition(chainPk(tenantId), {
        skPrefix: ENTRY_PREFIX,
        cursor,
        limit: 100,
      });
      for (const item of batch.items)
        if (item.kind === 'entry' && typeof item.interactionId === 'string')
          deleted += await this.deps.records.deletePartition(refsPk(tenantId, item.interactionId));
      cursor = batch.cursor;
    } while (cursor);
    return deleted + (await this.deps.records.deletePartition(chainPk(tenantId)));
  }

  private async head(tenantId: string): Promise<HeadItem | undefined> {
    const item = await this.deps.records.get({ pk: chainPk(tenantId), sk: HEAD_SK }, { consistent: true });
    return (
      item && {
        seq: Number(item.seq),
        hash: String(item.hash),
        anchorSeq: Number(item.anchorSeq),
        anchorHash: String(item.anchorHash),
      }
    );
  }

  /** Replaces a stored entry by its signed tombstone, unless someone changed it meanwhile. */
  private async tombstone(tenantId: string, stored: StoredItem, key: Uint8Array, now: Date): Promise<void> {
    const tombstone = tombstoneOf(fromItem(stored) as AuditEntry, key, now);
    await this.deps.records.put(
      {
        pk: chainPk(tenantId),
        sk: stored.sk,
        tenantId,
        class: 'audit',
        ...tombstone,
        auditExpiresAt: stored.auditExpiresAt,
      },
      { kind: 'matches', attributes: { hash: tombstone.hash, kind: 'entry' } },
    );
  }

  /** Whether any region still stores the interaction's general info, kept, held or not yet swept. */
  private async interactionStored(tenantId: string, interactionId: string): Promise<boolean> {
    const key = { pk: interactionPartition(tenantId, interactionId), sk: ROOT_SORT_KEY.interaction };
    const found = await Promise.all(
      this.deps.stores.regions.map((region) =>
        this.deps.stores.storesFor(region).records.get(key, { consistent: true }),
      ),
    );
    return found.some((item) => item !== undefined);
  }

  private async entriesOfInteraction(
    tenantId: string,
    interactionId: string,
    cursor?: string,
  ): Promise<Page<StoredItem>> {
    const refs = await this.deps.records.queryPartition(refsPk(tenantId, interactionId), {
      cursor,
      descending: true,
      limit: 100,
    });
    const items: StoredItem[] = [];
    for (const ref of refs.items) {
      const item = await this.deps.records.get({
        pk: chainPk(tenantId),
        sk: `${ENTRY_PREFIX}${seqKey(Number(ref.seq))}`,
      });
      if (item) items.push(item);
    }
    return { items, cursor: refs.cursor };
  }

  private async expiryOfEntry(tenantId: string, at: string): Promise<number> {
    const current = await this.deps.directory.currentPolicy(tenantId);
    if (!current) throw new RangeError(`tenant ${tenantId} has no policy: cannot date its audit entries`);
    return Math.ceil(expiryOf({ dataClass: 'audit', createdAt: new Date(at) }, current.policy).getTime() / 1000);
  }

  private nowSeconds(): number {
    return Math.floor(this.deps.clock.now().getTime() / 1000);
  }
}

function toItem(tenantId: string, entry: AuditEntry): StoredItem {
  return { pk: chainPk(tenantId), sk: `${ENTRY_PREFIX}${seqKey(entry.seq)}`, tenantId, class: 'audit', ...entry };
}

function fromItem(item: StoredItem): AuditRecord {
  if (item.kind === 'tombstone') {
    const { seq, prevHash, hash, tombstonedAt, signature } = item as unknown as Extract<
      AuditRecord,
      { kind: 'tombstone' }
    >;
    return { kind: 'tombstone', seq: Number(seq), prevHash, hash, tombstonedAt, signature };
  }
  const { seq, prevHash, hash, at, actor, action, interactionId, from, details } = item as unknown as AuditEntry;
  return {
    kind: 'entry',
    seq: Number(seq),
    prevHash,
    hash,
    at,
    actor,
    action,
    ...(interactionId ? { interactionId } : {}),
    from,
    details,
  };
}

function matches(entry: AuditEntry, filter: AuditFilter): boolean {
  if (filter.from && entry.at < filter.from) return false;
  if (filter.to && entry.at > filter.to) return false;
  if (filter.action && entry.action !== filter.action) return false;
  if (filter.user && entry.actor.user !== filter.user) return false;
  if (filter.support !== undefined && entry.actor.support !== filter.support) return false;
  return true;
}
