import type { TenantPolicy } from '../../../functions/domain/policy/schema';
import { EXPIRY_MARGIN_SECONDS } from '../../../functions/usecases/maintenance/backfill-interaction';

/**
 * The lifecycle model: plain TypeScript, no I/O. What must exist, what must be gone and what must
 * stay readable after any sequence of commands, for two tenants and a few subjects each. The
 * commands update it with the outcome the rules demand; the invariants compare it with raw storage.
 */
export const DAY_MS = 86_400_000;

export type Preset = 'puzzel' | 'iadvize';

/** A person of the pool: unique strings that mark everything stored about them. */
export interface SubjectModel {
  email: string;
  phone: string;
  name: string;
  /** Erased (or anonymised) with nothing held: none of their identifiers or keyed hashes may remain. */
  forgotten: boolean;
  /** The holds an erasure met (deferrals, subject-requests/deferrals.ts): it applies again when one of them goes. */
  erasurePending: string[];
  /** An anonymisation a hold postponed: its request, re-applied when one of the holds that postponed it goes. */
  anonymisationPending?: { requestId: string; holdIds: string[] };
  /** Processing restricted (GDPR Art. 18): content for the legal role only. */
  restricted: boolean;
}

/** One piece of content, marked by a token found nowhere else. */
export interface PieceModel {
  token: string;
  kind: 'message' | 'recording';
  recordingId?: string;
  /** Gone by a delete, an erasure, an anonymisation or a sweep past its expiry: the token may exist nowhere. */
  gone: boolean;
  /** Epoch ms of its expiry, as stored when written (re-read after a policy change). */
  expiresAt: number;
  /** Epoch ms of its stored `createdAt`, from which a policy change re-dates it. */
  createdAt?: number;
}

export interface InteractionModel {
  interactionId: string;
  tenant: number;
  subject: number;
  startedAt: number;
  infoExpiresAt: number;
  pieces: PieceModel[];
  gone: boolean;
  anonymised: boolean;
  restricted: boolean;
  /** Audited accesses to it (play, download, delete): its trail must live as long as it does. */
  audited: number;
  /**
   * Its name-prefix entries are filed (by ingest, or by a backfill); false while it is stored as
   * before search by name start (forgetPrefixes), when nothing but a backfill files them.
   */
  prefixesFiled: boolean;
}

export interface HoldModel {
  holdId: string;
  tenant: number;
  interactionId?: string;
  subject?: number;
  /** Epoch ms it was placed: a hold keeps what exists, it does not bring back what had expired. */
  placedAt: number;
  released: boolean;
}

export interface TenantModel {
  preset: Preset;
  subjects: SubjectModel[];
  terminated: boolean;
  purgeAfter?: number;
  /**
   * The policy last saved: the next sweep re-dates existing records by it, also when it was saved
   * before the tenant's first sweep (retention/rebucket.ts starts from the first revision).
   */
  policy?: TenantPolicy;
}

export interface LifecycleModel {
  now: number;
  tenants: TenantModel[];
  interactions: InteractionModel[];
  holds: HoldModel[];
  /** Tenants a step wrote to or deleted from: the invariants scan only those (and everything at the end). */
  touched: Set<number>;
  /** Steps run so far, and the most a sequence runs (commands that do not apply are not counted). */
  steps: number;
  maxSteps: number;
}

export function newModel(now: number, tenants: TenantModel[], maxSteps = Infinity): LifecycleModel {
  return { now, tenants, interactions: [], holds: [], touched: new Set(), steps: 0, maxSteps };
}

export const activeHolds = (m: LifecycleModel) => m.holds.filter((h) => !h.released);

/**
 * A hold covers an interaction placed on it, or on its subject (interactions written later
 * included), whatever its expiry: what still exists when a hold is placed is preserved, even past
 * its retention if the sweep has not reached it yet (the caller filters out what is gone).
 */
export const isHeld = (m: LifecycleModel, i: InteractionModel) => activeHolds(m).some((h) => isHeldBy(h, i));

/** The active holds that keep one of `interactions`. */
const holdsOn = (m: LifecycleModel, interactions: InteractionModel[]) =>
  activeHolds(m)
    .filter((h) => interactions.some((i) => isHeldBy(h, i)))
    .map((h) => h.holdId);

/** The active holds that keep one of the subject's interactions. */
export const holdsKeeping = (m: LifecycleModel, tenant: number, subject: number) =>
  holdsOn(m, ofSubject(m, tenant, subject));

/**
 * A subject hold reaches the subject's interactions through the subject index, which anonymisation
 * empties: an anonymised interaction names nobody, so only a hold on it by id keeps it (held
 * interactions are never anonymised, so no subject hold ever kept one that is anonymised now).
 */
const isHeldBy = (h: HoldModel, i: InteractionModel) =>
  h.tenant === i.tenant && (h.interactionId === i.interactionId || (h.subject === i.subject && !i.anonymised));

export const liveInteractions = (m: LifecycleModel, tenant?: number) =>
  m.interactions.filter((i) => !i.gone && (tenant === undefined || i.tenant === tenant));

export const ofSubject = (m: LifecycleModel, tenant: number, subject: number) =>
  liveInteractions(m, tenant).filter((i) => i.subject === subject);

/**
 * Interactions whose name-prefix entries must be stored: live, not anonymised, filed (at ingest or
 * by a backfill), and within retention or held (what the sweep has not reached yet may be anything).
 */
export const indexedByNameStart = (m: LifecycleModel, tenant: number) =>
  liveInteractions(m, tenant).filter((i) => !i.anonymised && i.prefixesFiled && (!isExpired(m, i) || isHeld(m, i)));

/** Past its general-info expiry: ordinary reads must treat it as absent. */
export const isExpired = (m: LifecycleModel, i: InteractionModel) => i.infoExpiresAt <= m.now;

export const livePieces = (i: InteractionModel) => i.pieces.filter((p) => !p.gone);

/** The pieces the system may still serve: live and within their own retention. */
export const readablePieces = (m: LifecycleModel, i: InteractionModel) =>
  livePieces(i).filter((p) => p.expiresAt > m.now);

export function forgetPieces(i: InteractionModel): void {
  for (const p of i.pieces) p.gone = true;
}

/**
 * Erasure as the rules say: held interactions stay and the erasure waits for them; the rest goes.
 * Anonymised interactions name nobody any more: they are not the subject's, and stay.
 */
export function applyErasure(m: LifecycleModel, tenant: number, subject: number): void {
  const s = m.tenants[tenant].subjects[subject];
  const mine = ofSubject(m, tenant, subject).filter((i) => !i.anonymised);
  for (const i of mine.filter((x) => !isHeld(m, x))) {
    i.gone = true;
    forgetPieces(i);
  }
  s.erasurePending = holdsOn(m, mine);
  s.forgotten = s.erasurePending.length === 0;
}

/** What a sweep at `m.now` must do: expired content goes, expired general info goes (or is anonymised), nothing held. */
export function applySweep(m: LifecycleModel, tenant: number): void {
  const t = m.tenants[tenant];
  const purged = t.terminated && t.purgeAfter !== undefined && t.purgeAfter <= m.now;
  if (purged && !liveInteractions(m, tenant).some((x) => isHeld(m, x))) for (const s of t.subjects) s.forgotten = true;
  for (const i of liveInteractions(m, tenant).filter((x) => !isHeld(m, x))) {
    for (const p of livePieces(i)) if (p.expiresAt <= m.now || purged) p.gone = true;
    if (purged || (isExpired(m, i) && t.preset === 'puzzel')) {
      i.gone = true;
      forgetPieces(i);
    } else if (isExpired(m, i)) {
      i.anonymised = true;
    }
  }
}

/**
 * What a completed name-prefix backfill of a tenant does (maintenance/backfill-interaction.ts):
 * each interaction without its entries gets them if it is live, not anonymised, and held or more
 * than the backfill's margin from its expiry as of `startedAt`. Every subject of the pool has a
 * name, and the model's interactions are Puzzel and iAdvize chats: never in an in-flight region
 * (calls only) nor archived (their general info is deleted or anonymised at expiry), the
 * backfill's other skips. Returns those whose expiry the margin reached while the pass ran
 * (between `startedAt` and `endedAt`): either outcome is lawful for them.
 */
export function applyBackfill(
  m: LifecycleModel,
  tenant: number,
  startedAt: number,
  endedAt: number,
): InteractionModel[] {
  const margin = EXPIRY_MARGIN_SECONDS * 1000;
  const undecided: InteractionModel[] = [];
  for (const i of liveInteractions(m, tenant).filter((x) => !x.anonymised && !x.prefixesFiled)) {
    if (isHeld(m, i) || i.infoExpiresAt > endedAt + margin) i.prefixesFiled = true;
    else if (i.infoExpiresAt > startedAt + margin) undecided.push(i);
  }
  return undecided;
}
