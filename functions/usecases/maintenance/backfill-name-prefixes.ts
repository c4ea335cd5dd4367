import { conflict, notFound } from '../../domain/errors';
import { infoKey, parsePartitionKey, ROOT_SORT_KEY } from '../../domain/record-keys';
import { archivePointerSortKey } from '../../domain/sweep/plan';
import { regionsOfClass } from '../../domain/sweep/units';
import type { Clock } from '../../ports/clock';
import type { DueItem } from '../../ports/record-store';
import type { RegionalStores } from '../../ports/regional-stores';
import type { TenantDirectory } from '../../ports/tenant-directory';
import { heldInteractionIds } from '../holds/hold-guard';
import { tenantBuckets } from '../offboarding/tenant-buckets';
import type { PersonalDataVault } from '../personal-data/personal-data-vault';
import { allPolicies } from '../retention/policy-revisions';
import type { TenantSecrets } from '../tenants/tenant-secrets';
import {
  backfillInteraction,
  type InteractionBackfill,
  type Outcome,
  SKIP_REASONS,
  type SkipReason,
} from './backfill-interaction';

/**
 * Interactions stored before search by name start have no name-prefix entries. This job files
 * them for one tenant, in every region: it walks the tenant's interactions as offboarding does
 * (the `byExpiry` buckets that can hold one, tenant-buckets.ts), then those legal holds keep (out
 * of those buckets), and backfills each (backfill-interaction.ts). Resumable like the sweep's
 * policy re-dating: the position and the counts are saved in the directory after every page, and
 * a call goes on from there until `shouldStop`; once complete, the next call starts a new pass,
 * which writes nothing where the first one finished. Counts only, never a name or a hash.
 */
export interface BackfillDeps {
  stores: RegionalStores;
  directory: TenantDirectory;
  vault: PersonalDataVault;
  tenantSecrets: Pick<TenantSecrets, 'subjectIndexSecret'>;
  clock: Clock;
}

export interface BackfillCounts {
  scanned: number;
  backfilled: number;
  /** Entries written over all backfilled interactions. */
  entriesWritten: number;
  upToDate: number;
  skipped: Record<SkipReason, number>;
}

/** Where a pass stands: a page of one bucket of one region, then the held interactions after `heldAfter`. */
interface BackfillPosition {
  region?: string;
  bucket?: string;
  cursor?: string;
  held?: true;
  heldAfter?: string;
}

export interface NamePrefixBackfill {
  tenantId: string;
  /** When this pass began (a resumed pass keeps it). */
  startedAt: string;
  complete: boolean;
  counts: BackfillCounts;
}

interface Checkpoint {
  startedAt: string;
  completedAt?: string;
  position: BackfillPosition;
  counts: BackfillCounts;
}

const CHECKPOINT_SK = 'BACKFILL#namePrefix';
const PAGE_SIZE = 100;

const noCounts = (): BackfillCounts => ({
  scanned: 0,
  backfilled: 0,
  entriesWritten: 0,
  upToDate: 0,
  skipped: Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>,
});

function tally(counts: BackfillCounts, outcome: Outcome): void {
  counts.scanned++;
  if (outcome.kind === 'backfilled') {
    counts.backfilled++;
    counts.entriesWritten += outcome.entries;
  } else if (outcome.kind === 'upToDate') counts.upToDate++;
  else counts.skipped[outcome.reason]++;
}

export interface BackfillOptions {
  /** Asked before each page and each held interaction: true saves the position and answers `complete: false`. */
  shouldStop: () => boolean;
  pageSize?: number;
  /** Test seam: runs between an interaction's reads and its write. */
  beforeWrite?: (interactionId: string) => Promise<void>;
}

export async function backfillNamePrefixes(
  deps: BackfillDeps,
  tenantId: string,
  options: BackfillOptions,
): Promise<NamePrefixBackfill> {
  const profile = await deps.directory.getProfile(tenantId);
  if (!profile) throw notFound(`Tenant ${tenantId}`);
  if (profile.status !== 'active')
    throw conflict(`Tenant ${tenantId} is ${profile.status}: its data is being deleted, nothing is added to it.`);
  const now = deps.clock.now();
  const saved = (await deps.directory.getItem(tenantId, CHECKPOINT_SK, { consistent: true })) as
    | (Checkpoint & { tenantId: string; sk: string })
    | undefined;
  const pass: Checkpoint =
    saved && !saved.completedAt
      ? { startedAt: saved.startedAt, position: saved.position, counts: saved.counts }
      : { startedAt: now.toISOString(), position: {}, counts: noCounts() };
  const save = (position: BackfillPosition, completedAt?: string) =>
    deps.directory.putItem({
      tenantId,
      sk: CHECKPOINT_SK,
      ...pass,
      position,
      ...(completedAt ? { completedAt } : {}),
    });
  const report = (complete: boolean): NamePrefixBackfill => ({
    tenantId,
    startedAt: pass.startedAt,
    complete,
    counts: pass.counts,
  });

  const policies = await allPolicies(deps.directory, tenantId);
  const base = {
    tenantId,
    secret: await deps.tenantSecrets.subjectIndexSecret(tenantId),
    vault: deps.vault,
    now,
  };
  const backfillIn = (region: string, key: DueItem | { pk: string; sk: string }, interactionId: string) => {
    const b: InteractionBackfill = {
      ...base,
      region,
      records: deps.stores.storesFor(region).records,
      beforeWrite: async () => options.beforeWrite?.(interactionId),
    };
    return backfillInteraction(b, key);
  };

  // The interactions the buckets list: general info, live or anonymised, and archive pointers.
  let position = pass.position;
  if (!position.held) {
    const regions = regionsOfClass(policies, 'interaction').filter((r) => deps.stores.regions.includes(r));
    const buckets = tenantBuckets(profile, policies, 'interaction', now);
    const firstRegion = Math.max(0, regions.indexOf(position.region ?? ''));
    for (let r = firstRegion; r < regions.length; r++) {
      const region = regions[r];
      const resumed = region === position.region ? position : {};
      const firstBucket = Math.max(0, buckets.indexOf(resumed.bucket ?? ''));
      for (let i = firstBucket; i < buckets.length; i++) {
        let cursor = buckets[i] === resumed.bucket ? resumed.cursor : undefined;
        do {
          if (options.shouldStop()) {
            await save({ region, bucket: buckets[i], cursor });
            return report(false);
          }
          const page = await deps.stores
            .storesFor(region)
            .records.queryDue(buckets[i], Number.MAX_SAFE_INTEGER, { cursor, limit: options.pageSize ?? PAGE_SIZE });
          for (const hit of page.items) {
            const interactionId = parsePartitionKey(hit.pk)?.id ?? '';
            if (hit.sk === archivePointerSortKey(ROOT_SORT_KEY.interaction))
              tally(pass.counts, { kind: 'skipped', reason: 'archived' });
            else if (hit.sk === ROOT_SORT_KEY.interaction)
              tally(pass.counts, await backfillIn(region, hit, interactionId));
          }
          cursor = page.cursor;
          const next = cursor ? { region, bucket: buckets[i], cursor } : { region, bucket: buckets[i + 1] };
          await save(next.bucket ? next : { region: regions[r + 1] });
        } while (cursor);
      }
    }
    position = { held: true };
  }

  // The interactions legal holds keep: out of the buckets while held; their general info is in one region.
  const held = (await heldInteractionIds(deps, tenantId)).sort().filter((id) => id > (position.heldAfter ?? ''));
  for (const interactionId of held) {
    if (options.shouldStop()) {
      await save(position);
      return report(false);
    }
    const key = infoKey(tenantId, interactionId);
    const found = await Promise.all(
      deps.stores.regions.map(async (region) => ({
        region,
        item: await deps.stores.storesFor(region).records.get(key, { consistent: true }),
      })),
    );
    const at = found.find((f) => f.item !== undefined);
    tally(pass.counts, at ? await backfillIn(at.region, key, interactionId) : { kind: 'skipped', reason: 'gone' });
    position = { held: true, heldAfter: interactionId };
    await save(position);
  }
  await save(position, now.toISOString());
  return report(true);
}
