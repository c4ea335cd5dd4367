import { holdsOnBatch } from '../../domain/holds/coverage';
import type { SweepStep } from '../../domain/sweep/plan';
import { planSweepStep } from '../../domain/sweep/plan';
import type { DueRecord } from '../../domain/sweep/due-record';
import type { TallyColumn } from '../../domain/sweep/summary';
import { parsePartitionKey, ROOT_SORT_KEY } from '../../domain/record-keys';
import type { DueItem, StoredItem } from '../../ports/record-store';
import { unlistInteraction } from '../records/interaction-listing';
import { protectItem, protectPartition } from '../holds/hold-protection';
import { sealIntoBatch } from '../litigation/seal-batch';
import { settleBounded } from './bounded';
import { dueRecordOf } from '../records/item-facts';
import {
  anonymiseItem,
  archiveItem,
  deleteArchived,
  deleteItems,
  deletePartition,
  destroyBatch,
  settlePartition,
  type ActionScope,
} from './record-actions';
import { countIn, recordFailure, type UnitRun } from './unit-run';

/** Records read at once; partitions acted on at once (records of one partition go one after another). */
const READ_CONCURRENCY = 16;
const PARTITION_CONCURRENCY = 8;

interface Planned {
  item: StoredItem;
  record: DueRecord;
  step: Exclude<SweepStep, { kind: 'not-due' }>;
}

const COLUMN: Record<Planned['step']['kind'], TallyColumn> = {
  held: 'held',
  delete: 'deleted',
  anonymize: 'anonymised',
  archive: 'archived',
  'delete-archived': 'deleted',
  'delete-statistics': 'deleted',
  'destroy-batch': 'deleted',
};

/**
 * One page of a due bucket: read each record (the index holds keys only), decide, seal what must
 * be sealed first (one litigation batch per page), then act, partitions in parallel. Returns how
 * many records failed; the rest are done whatever happened to those.
 */
export async function sweepPage(run: UnitRun, due: readonly DueItem[]): Promise<number> {
  const records = run.deps.stores.storesFor(run.region).records;
  const failuresBefore = run.out.failures.length;
  const read = await settleBounded(due, READ_CONCURRENCY, (key) => records.get(key, { consistent: true }));
  const planned: Planned[] = [];
  read.forEach((result, index) => {
    if (result.status === 'rejected') {
      recordFailure(run, result.reason, due[index]);
      return;
    }
    const item = result.value;
    const record = item && dueRecordOf(item);
    if (!item || !record) return; // gone since the index was read (an earlier run, its partition's delete)
    const heldBy =
      record.tier === 'litigation-batch'
        ? holdsOnBatch(run.coverage, run.tenantId, item)
        : run.coverage.holdsOn(item.pk);
    const step = planSweepStep(record, {
      policy: run.policy.policy,
      now: run.now,
      heldBy,
      offboarding: run.offboarding !== undefined,
    });
    if (step.kind === 'not-due') return;
    countIn(run, 'due');
    planned.push({ item, record, step });
  });

  const sealed = await sealFirst(run, planned);
  const byPartition = new Map<string, Planned[]>();
  for (const p of sealed) byPartition.set(p.item.pk, [...(byPartition.get(p.item.pk) ?? []), p]);
  await settleBounded([...byPartition.values()], PARTITION_CONCURRENCY, (partition) => actOnPartition(run, partition));
  return run.out.failures.length - failuresBefore;
}

/** A record deleted alone, its partition staying (a chat-log line, a survey, a recording, …). */
const deletesItemOnly = ({ step }: Planned) =>
  (step.kind === 'delete' || step.kind === 'delete-statistics') && step.scope === 'item';

/**
 * The due records of one partition: those deleted alone go together (batched deletes, the
 * partition settled once: linear in the records, not quadratic), then the others one by one; a
 * partition whose records were anonymised is settled once at the end.
 */
async function actOnPartition(run: UnitRun, partition: readonly Planned[]): Promise<void> {
  const scope: ActionScope = { deps: run.deps, region: run.region, tenantId: run.tenantId, now: run.now };
  const together = partition.filter(deletesItemOnly);
  await handled(run, together, () =>
    deleteItems(
      scope,
      together.map((p) => p.item),
    ),
  );
  for (const p of partition.filter((q) => !deletesItemOnly(q))) await handled(run, [p], () => act(run, p));
  const anonymised = partition.filter((p) => p.step.kind === 'anonymize');
  if (anonymised.length && !run.dryRun)
    await settlePartition(scope, anonymised[0].item.pk).catch((error: unknown) =>
      recordFailure(run, error, anonymised[0].item),
    );
}

/** Runs one action for `planned` (unless a dry run) and counts each record done, or failed with the action's error. */
async function handled(run: UnitRun, planned: readonly Planned[], action: () => Promise<void>): Promise<void> {
  if (!planned.length) return;
  try {
    if (!run.dryRun) await action();
    for (const p of planned) countIn(run, COLUMN[p.step.kind]);
  } catch (error) {
    for (const p of planned) recordFailure(run, error, p.item);
  }
  for (const _ of planned) run.onRecord?.();
}

/** Seals the records that need it in one batch; if sealing fails, none of them is acted on. */
async function sealFirst(run: UnitRun, planned: Planned[]): Promise<Planned[]> {
  const toSeal = planned.filter((p) => 'sealFirst' in p.step && p.step.sealFirst);
  if (!toSeal.length) return planned;
  try {
    if (!run.dryRun) {
      const batch = await sealIntoBatch(run.deps, {
        tenantId: run.tenantId,
        policy: run.policy.policy,
        sourceRegion: run.region,
        dataClass: run.dataClass,
        items: toSeal.map((p) => p.item),
        now: run.now,
      });
      for (const p of toSeal) p.item.sealedIn = batch.batchId;
    }
    countIn(run, 'sealed', toSeal.length);
    return planned;
  } catch (error) {
    for (const p of toSeal) recordFailure(run, error, p.item);
    return planned.filter((p) => !toSeal.includes(p));
  }
}

async function act(run: UnitRun, { item, record, step }: Planned): Promise<void> {
  const scope: ActionScope = { deps: run.deps, region: run.region, tenantId: run.tenantId, now: run.now };
  const records = run.deps.stores.storesFor(run.region).records;
  await unlistLeaving(run, item, step);
  switch (step.kind) {
    case 'held':
      // Out of TTL's reach until the hold is released (a batch alone: its partition holds every batch of the tenant).
      if (record.tier === 'litigation-batch') await protectItem(records, item);
      else await protectPartition(run.deps.stores, run.region, item.pk);
      return;
    case 'delete':
      if (step.scope === 'partition') await deletePartition(scope, item.pk);
      else await deleteItems(scope, [item]);
      return;
    case 'anonymize':
      return anonymiseItem(scope, item, step.statisticsExpireAt);
    case 'archive':
      return archiveItem(scope, item, step.archiveExpiresAt);
    case 'delete-archived':
      return deleteArchived(scope, item, step.scope === 'partition');
    case 'delete-statistics':
      if (step.scope === 'partition') await deletePartition(scope, item.pk);
      else await deleteItems(scope, [item]);
      return;
    case 'destroy-batch':
      return destroyBatch(scope, item);
  }
}

/**
 * An interaction's listing entry (admin search) goes with its general info when the sweep deletes
 * or archives it: neither is searched any more (search confirms every hit against the live general
 * info), and an entry left behind would still name the interaction until its TTL. An anonymised
 * interaction stays listed (`anonymiseItem` re-dates its entry). Removed first, so a run stopped half-way leaves a due record that the
 * next run redoes, never an entry nobody comes back for. Offboarding drops the listing partitions
 * whole (purge-tenant).
 */
async function unlistLeaving(run: UnitRun, item: StoredItem, step: Planned['step']): Promise<void> {
  if (run.offboarding || !(step.kind === 'delete' || step.kind === 'archive' || step.kind === 'delete-statistics'))
    return;
  const partition = parsePartitionKey(item.pk);
  if (partition?.kind !== 'interaction' || item.sk !== ROOT_SORT_KEY.interaction || typeof item.startedAt !== 'string')
    return;
  await unlistInteraction(run.deps, run.tenantId, { interactionId: partition.id, startedAt: item.startedAt });
}
