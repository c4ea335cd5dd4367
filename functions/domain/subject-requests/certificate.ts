import type { DataClass, IdentifierKind, LawfulBasis } from '../data-class';
import type { DeliveryLogEntry } from '../recipients/delivery';
import { LAWFUL_BASIS_IN_WORDS } from '../export/plain-words';
import type { Inventory, StoreCount, StoreName } from './inventory';
import type { JobOutcome } from './job-status';
import type { SubjectRequestType } from './request';

/**
 * The proof of a subject request, kept for the tenant's `subjectRequests.certificateRetention`:
 * per region and store what was found and what was done, what was retained and why, and a
 * verification re-scan through the subject index. It names records by class and count (and held
 * partitions by id), never the subject's identifiers.
 */
export interface CertificateLine {
  region: string;
  store: StoreName;
  dataClass?: DataClass;
  found: number;
  action: string;
  /** How many the action reached; absent when the request stopped before verifying it (cancelled). */
  done?: number;
}

export type RetainedReason = 'legal-hold' | 'litigation-archive';

export interface RetainedEntry {
  reason: RetainedReason;
  region: string;
  /** The held partition (interaction, event or consent id) or the litigation batch id. */
  id: string;
  classes: DataClass[];
  records: number;
  lawfulBasis: string;
  /** When it goes: an instant, or the event it waits for. */
  until: string;
  holdIds?: string[];
}

export interface Verification {
  method: 'subject-index re-scan';
  at: string;
  regions: string[];
  keysChecked: number;
  /** Records still found that the request should have reached (0 when it succeeded). */
  remaining: number;
  /** Records still found because they are retained (held). */
  retained: number;
  /** The type's own check, e.g. records still carrying the restriction, package records. */
  checked?: Record<string, number>;
  ok: boolean;
}

/** What an export package holds: records by count, files, size and digest (the package itself is in the exports bucket). */
export interface ExportSummary {
  key: string;
  records: number;
  files: number;
  bytes: number;
  sha256: string;
  /** Restricted records left out (only the legal role's exports include them). */
  withheldRestricted: number;
  /** What the package holds per region, store and class: the `done` of an export's certificate lines. */
  packaged?: StoreCount[];
}

export interface Certificate {
  format: 'lethe-subject-request-certificate';
  formatVersion: 1;
  requestId: string;
  tenantId: string;
  type: SubjectRequestType;
  round: number;
  outcome: JobOutcome;
  /** Why an erasure or anonymisation ended with records left (`verification.remaining` says how many). */
  incompleteBecause?: string;
  requestedAt: string;
  completedAt: string;
  searchedBy: IdentifierKind[];
  options: Record<string, string | boolean | string[]>;
  lines: CertificateLine[];
  retained: RetainedEntry[];
  /** Erasures a hold postponed: re-applied automatically when these holds are released. */
  deferred?: { holdIds: string[]; partitions: number };
  verification: Verification;
  cryptoShredding?: { dataKeysDestroyed: number; statement: string };
  export?: Omit<ExportSummary, 'key'>;
  keptUntil: string;
  /** The recipients told of this round (GDPR Art. 19) and how each notice stands: added from the delivery log when shown. */
  recipients?: DeliveryLogEntry[];
}

/** GDPR Art. 17(3)(e): erasure does not apply where data is needed for legal claims. */
export const LEGAL_HOLD_BASIS = 'establishment, exercise or defence of legal claims (GDPR Art. 17(3)(e))';
export const UNTIL_HOLD_RELEASED = 'until the legal hold is released; the request is then re-applied automatically';

const CONTENT_CLASSES: readonly DataClass[] = ['transcript', 'recording'];
const COPIES_DELETED = 'deleted, every version (links already issued stop working)';

/** What the request did to what it found in one store. */
export function actionOf(
  type: SubjectRequestType,
  options: Record<string, unknown>,
  store: StoreName,
  dataClass?: DataClass,
): string {
  const keepContent = options.content === 'keep';
  switch (type) {
    case 'erase':
      return {
        records: 'deleted',
        'subject-index': 'deleted',
        keys: 'destroyed (crypto-shredded)',
        content: 'deleted, every version',
        archive: 'deleted, every version',
        audit: 'tombstoned',
        copies: COPIES_DELETED,
      }[store];
    case 'anonymize':
      if (store === 'records')
        return dataClass && CONTENT_CLASSES.includes(dataClass)
          ? keepContent
            ? 'kept, no longer linked to the subject'
            : 'content deleted'
          : 'anonymised';
      if (store === 'keys' || store === 'content')
        return keepContent ? 'kept' : store === 'keys' ? 'destroyed (crypto-shredded)' : 'deleted, every version';
      return {
        'subject-index': 'deleted',
        archive: 'deleted, every version',
        audit: 'kept (names staff and interaction only)',
        copies: COPIES_DELETED,
      }[store];
    case 'export':
      return store === 'subject-index' || store === 'keys' ? 'read' : 'exported';
    case 'rectify':
      if (store === 'subject-index') return 're-keyed';
      // An archived copy of a root record is rewritten like the live one.
      return (store === 'records' || store === 'archive') && (dataClass === 'interaction' || dataClass === 'consent')
        ? 'rectified'
        : 'unchanged';
    case 'restrict':
      if (store !== 'records') return 'unchanged';
      return options.lift === true ? 'restriction lifted' : 'restricted';
    case 'object':
      // The objection is a new consent proof; what was found stays as it was.
      return 'unchanged';
  }
}

const withoutKey = ({ key: _key, packaged: _packaged, ...rest }: ExportSummary) => rest;

/** An export did to a line what its package holds of it: found is not exported until it is in the zip. */
function exportedCount(
  exported: ExportSummary | undefined,
  line: Pick<StoreCount, 'region' | 'store' | 'dataClass'>,
): number {
  const same = (c: StoreCount) => c.region === line.region && c.store === line.store && c.dataClass === line.dataClass;
  return exported?.packaged?.filter(same).reduce((n, c) => n + c.count, 0) ?? 0;
}
const acted = (action: string) => !['unchanged', 'read', 'kept'].includes(action) && !action.startsWith('kept');

export interface CertificateInput {
  requestId: string;
  tenantId: string;
  type: SubjectRequestType;
  round: number;
  requestedAt: string;
  searchedBy: IdentifierKind[];
  options: Record<string, string | boolean | string[]>;
  inventory: Inventory;
  verification: Verification;
  outcome: JobOutcome;
  incompleteBecause?: string;
  completedAt: Date;
  keptUntil: Date;
  /** Lawful basis of the litigation class: why sealed batches outlive the erasure. */
  litigationBasis: LawfulBasis;
  /** The keys table's point-in-time recovery window: how long a backup of a destroyed key lives. */
  keyBackupDays: number;
  exported?: ExportSummary;
}

/** The certificate of a finished (or cancelled) request from its inventory and verification. */
export function buildCertificate(input: CertificateInput): Certificate {
  const { type, options, inventory, verification } = input;
  // Every pass acted on all it inventoried: an incomplete request did what it counted; what came after is `verification.remaining`.
  const finished = (input.outcome === 'completed' && verification.ok) || input.outcome === 'incomplete';
  const lines = inventory.counts.map((c): CertificateLine => {
    const action = actionOf(type, options, c.store, c.dataClass);
    const done = !acted(action) ? 0 : type === 'export' ? Math.min(c.count, exportedCount(input.exported, c)) : c.count;
    return {
      region: c.region,
      store: c.store,
      ...(c.dataClass ? { dataClass: c.dataClass } : {}),
      found: c.count,
      action,
      ...(finished ? { done } : {}),
    };
  });
  const removes = type === 'erase' || type === 'anonymize';
  const retained: RetainedEntry[] = removes
    ? [
        ...inventory.held.map((h) => ({
          reason: 'legal-hold' as const,
          region: h.regions.join(', '),
          id: h.partitionId,
          classes: h.classes,
          records: h.records,
          lawfulBasis: LEGAL_HOLD_BASIS,
          until: h.retentionEndsAt
            ? `${UNTIL_HOLD_RELEASED} (its retention ends ${h.retentionEndsAt})`
            : UNTIL_HOLD_RELEASED,
          holdIds: h.holdIds,
        })),
        ...inventory.litigation.map((b) => ({
          reason: 'litigation-archive' as const,
          region: b.region,
          id: b.batchId,
          classes: [b.dataClass],
          records: b.records,
          lawfulBasis: LAWFUL_BASIS_IN_WORDS[input.litigationBasis],
          until: b.retainUntil ?? 'the end of the litigation retention',
        })),
      ]
    : [];
  const holdIds = [...new Set(inventory.held.flatMap((h) => h.holdIds))].sort();
  const keysDestroyed = lines
    .filter((l) => l.store === 'keys' && l.action.startsWith('destroyed'))
    .reduce((n, l) => n + l.found, 0);
  return {
    format: 'lethe-subject-request-certificate',
    formatVersion: 1,
    requestId: input.requestId,
    tenantId: input.tenantId,
    type,
    round: input.round,
    outcome: input.outcome,
    ...(input.incompleteBecause ? { incompleteBecause: input.incompleteBecause } : {}),
    requestedAt: input.requestedAt,
    completedAt: input.completedAt.toISOString(),
    searchedBy: input.searchedBy,
    options,
    lines,
    retained,
    ...(removes && input.outcome !== 'cancelled' && holdIds.length
      ? { deferred: { holdIds, partitions: inventory.held.length } }
      : {}),
    verification,
    ...(keysDestroyed
      ? {
          cryptoShredding: {
            dataKeysDestroyed: keysDestroyed,
            statement:
              `The data keys of the subject's records were destroyed: every copy that could not be rewritten ` +
              `(old object versions, archive-tier objects, point-in-time backups of the records table) can no longer be decrypted. ` +
              `Backups of the keys table itself age out within ${input.keyBackupDays} days.`,
          },
        }
      : {}),
    ...(input.exported ? { export: withoutKey(input.exported) } : {}),
    keptUntil: input.keptUntil.toISOString(),
  };
}
