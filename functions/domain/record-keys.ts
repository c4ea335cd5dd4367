/**
 * Partition keys of the records table (docs/storage-layout.md) as far as retention needs them:
 * which partition a record lives in, and whether an item is the root record that owns its partition
 * (general info, chatbot event, consent proof), so that deleting it deletes the whole partition.
 */
export type PartitionKind = 'interaction' | 'event' | 'consent';

const KIND_CODE: Record<PartitionKind, string> = { interaction: 'I', event: 'E', consent: 'C' };
const KIND_OF_CODE = Object.fromEntries(Object.entries(KIND_CODE).map(([k, c]) => [c, k])) as Record<
  string,
  PartitionKind
>;

/** The sort key of each partition's root record. */
export const ROOT_SORT_KEY: Record<PartitionKind, string> = { interaction: 'INFO', event: 'EVENT', consent: 'CONSENT' };

export const partitionKey = (tenantId: string, kind: PartitionKind, id: string): string =>
  `T#${tenantId}#${KIND_CODE[kind]}#${id}`;
export const interactionPartition = (tenantId: string, interactionId: string): string =>
  partitionKey(tenantId, 'interaction', interactionId);
/** The key of an interaction's general info, its partition's root record. */
export const infoKey = (tenantId: string, interactionId: string): { pk: string; sk: string } => ({
  pk: interactionPartition(tenantId, interactionId),
  sk: ROOT_SORT_KEY.interaction,
});

/** The tenant, kind and id of a partition key; undefined for a key of another shape. */
export function parsePartitionKey(pk: string): { tenantId: string; kind: PartitionKind; id: string } | undefined {
  const match = /^T#([^#]+)#([A-Z])#([^#]+)$/.exec(pk);
  const kind = match && KIND_OF_CODE[match[2]];
  return match && kind ? { tenantId: match[1], kind, id: match[3] } : undefined;
}

/** Deleting this item means deleting its partition: it is the record everything else in it belongs to. */
export function isPartitionRoot(pk: string, sk: string): boolean {
  const parsed = parsePartitionKey(pk);
  return parsed !== undefined && ROOT_SORT_KEY[parsed.kind] === sk;
}

/**
 * Subject-index entries sit in the partition of the record they point to. Their keys are built and
 * read only by functions/usecases/records/subject-index.ts; the prefix lives here so the domain can
 * tell them from records.
 */
export const SUBJECT_ENTRY_PREFIX = 'SUBJ#';
