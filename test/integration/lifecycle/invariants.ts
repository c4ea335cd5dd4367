import { verifyTenantAudit } from '../../../functions/cli/commands/audit';
import { presetPolicy } from '../../../functions/domain/policy/presets';
import { namePrefixKeysOf } from '../../../functions/domain/subject/name-prefixes';
import { subjectKeysOf } from '../../../functions/domain/subject/subject-key';
import type { Container } from '../../../functions/shared/container';
import { indexedHmacOf, isNamePrefixEntry } from '../../../functions/usecases/records/subject-index';
import {
  activeHolds,
  indexedByNameStart,
  isExpired,
  isHeld,
  livePieces,
  type LifecycleModel,
  type SubjectModel,
} from './model';
import { whereFound, type RawThing } from './raw-storage';
import type { LifecyclePlatform, TenantHandle } from './system';

/**
 * The lifecycle invariants, one small named function each: what must hold in raw storage and
 * through the API after every step, given the model. Each returns its problems (empty: holds).
 */
export interface Observed {
  model: LifecycleModel;
  /** Raw storage of the tenants checked (scoped after a step, everything at the end). */
  things: readonly RawThing[];
  /** Tenant indexes whose raw storage `things` covers. */
  tenants: readonly number[];
  handles: readonly TenantHandle[];
  platform: LifecyclePlatform;
  container: Container;
}

export type Invariant = (o: Observed) => Promise<string[]>;

const subjectsOf = (o: Observed) =>
  o.tenants.flatMap((t) => o.model.tenants[t].subjects.map((s, index) => ({ t, s, index })));

/** The tenant's subject-index secret, undefined once it is gone (offboarded): no hash is computable, none can be looked up. */
const subjectSecretOf = (o: Observed, t: number) =>
  o.container.tenantSecrets.subjectIndexSecret(o.handles[t].tenantId).catch(() => undefined);

async function keyedHashes(o: Observed, t: number, s: SubjectModel): Promise<string[]> {
  const secret = await subjectSecretOf(o, t);
  if (!secret) return [];
  return subjectKeysOf(
    { email: s.email, phone: s.phone, name: s.name },
    secret,
    presetPolicy(o.model.tenants[t].preset).defaultCallingCode,
  ).map((k) => k.hmacHex);
}

/** The records that must name the subject's keyed hashes to prove what was done: request jobs and holds, with a hold's markers while it lasts (never identifiers). */
const PROOF_RECORD = / (JOB|JOBQUEUE|JOBDEFER|HOLD|HELDSUBJECT)#/;
/**
 * The litigation archive's batches and subject links (sealed, 5 years under Object Lock by policy) are
 * kept by law (GDPR Art. 17(3)(b)): an erasure reports them as retained and leaves them, so a later
 * request still finds the batch (docs/storage-layout.md, litigation subject link); an offboarding purge
 * leaves them too. They go with their batch.
 */
const LITIGATION_RECORD = /#L (BATCH|LINK)#/;

/** Nothing of a subject whose erasure (or anonymisation) completed: no identifier in clear or opened, no keyed hash outside proof records. */
export const erasedSubjectLeavesNoTrace: Invariant = async (o) => {
  const problems: string[] = [];
  for (const { t, s, index } of subjectsOf(o).filter((x) => x.s.forgotten)) {
    const lawfulKeep = (where: string) => PROOF_RECORD.test(where) || LITIGATION_RECORD.test(where);
    for (const value of [s.email, s.phone, s.name])
      for (const where of whereFound(o.things, value))
        problems.push(`tenant ${t} subject ${index}: "${value}" in ${where}`);
    for (const hash of await keyedHashes(o, t, s))
      for (const where of whereFound(o.things, hash).filter((w) => !lawfulKeep(w)))
        problems.push(`tenant ${t} subject ${index}: keyed hash in ${where}`);
  }
  return problems;
};

/** Content deleted, erased, anonymised or swept leaves no copy: its token is nowhere, zips and playback copies included. */
export const goneContentLeavesNoCopy: Invariant = async (o) =>
  o.model.interactions
    .filter((i) => o.tenants.includes(i.tenant))
    .flatMap((i) =>
      i.pieces
        .filter((p) => p.gone)
        .flatMap((p) =>
          whereFound(o.things, p.token).map((w) => `${p.kind} ${p.token} of ${i.interactionId} (gone) still in ${w}`),
        ),
    );

const inRecordsOrContent = (things: readonly RawThing[], token: string) =>
  whereFound(
    things.filter((x) => x.table?.endsWith('-records') || /^recording\//.test(x.key)),
    token,
  );

/** What a hold keeps is never missing: general info and every piece that was there when it was held. */
export const heldNeverMissing: Invariant = async (o) => {
  const problems: string[] = [];
  for (const i of o.model.interactions.filter((x) => o.tenants.includes(x.tenant) && !x.gone && isHeld(o.model, x))) {
    if (!o.things.some((x) => x.table?.endsWith('-records') && x.key.includes(`#I#${i.interactionId} INFO`)))
      problems.push(`held ${i.interactionId}: general info missing`);
    for (const p of livePieces(i))
      if (inRecordsOrContent(o.things, p.token).length === 0)
        problems.push(`held ${i.interactionId}: ${p.kind} ${p.token} missing`);
  }
  return problems;
};

/** What is live and within its retention is stored (no path deletes too much). */
export const liveDataPresent: Invariant = async (o) => {
  const problems: string[] = [];
  for (const i of o.model.interactions.filter(
    (x) => o.tenants.includes(x.tenant) && !x.gone && !isExpired(o.model, x),
  )) {
    if (!o.things.some((x) => x.table?.endsWith('-records') && x.key.includes(`#I#${i.interactionId} INFO`)))
      problems.push(`live ${i.interactionId}: general info missing`);
    for (const p of livePieces(i).filter((x) => x.expiresAt > o.model.now))
      if (inRecordsOrContent(o.things, p.token).length === 0)
        problems.push(`live ${i.interactionId}: ${p.kind} ${p.token} missing`);
  }
  return problems;
};

/** Gone, or past its expiry and not held: every ordinary read is a 404. */
export const expiredNotReadable: Invariant = async (o) => {
  const problems: string[] = [];
  for (const i of o.model.interactions.filter(
    (x) => o.tenants.includes(x.tenant) && !o.model.tenants[x.tenant].terminated,
  )) {
    if (!(i.gone || (isExpired(o.model, i) && !isHeld(o.model, i)))) continue;
    const view = await o.platform.asStaff(o.handles[i.tenant], `/v1/interactions/${i.interactionId}`);
    if (view.status !== 404)
      problems.push(`${i.gone ? 'gone' : 'expired'} ${i.interactionId}: GET answered ${view.status}`);
  }
  return problems;
};

/** A chat log shows exactly its lines within their own retention (not held: held lines are the legal role's). */
export const transcriptShowsOnlyUnexpiredLines: Invariant = async (o) => {
  const problems: string[] = [];
  const shown = o.model.interactions.filter(
    (x) =>
      o.tenants.includes(x.tenant) &&
      !x.gone &&
      !x.restricted &&
      !isExpired(o.model, x) &&
      !isHeld(o.model, x) &&
      !o.model.tenants[x.tenant].terminated,
  );
  for (const i of shown.filter((x) => x.pieces.some((p) => p.kind === 'message'))) {
    const res = await o.platform.asStaff(o.handles[i.tenant], `/v1/interactions/${i.interactionId}/transcript`);
    const readAt = o.platform.now();
    const text = JSON.stringify(res.body);
    for (const p of i.pieces.filter((x) => x.kind === 'message')) {
      // The clock flows while a step runs: a line expiring between the step's start and the read may be either.
      if (!p.gone && p.expiresAt > o.model.now && p.expiresAt <= readAt) continue;
      const due = !p.gone && p.expiresAt > o.model.now;
      if (due !== text.includes(p.token))
        problems.push(
          `${i.interactionId}: line ${p.token} ${due ? 'missing from' : 'still shown in'} its chat log (${res.status})`,
        );
    }
  }
  return problems;
};

/** Held data stays readable by the legal role past its normal expiry: its general info and every line of its chat log. */
export const heldReadableByLegal: Invariant = async (o) => {
  const problems: string[] = [];
  for (const i of o.model.interactions.filter(
    (x) => o.tenants.includes(x.tenant) && !x.gone && isHeld(o.model, x) && !o.model.tenants[x.tenant].terminated,
  )) {
    const view = await o.platform.asStaff(
      o.handles[i.tenant],
      `/v1/interactions/${i.interactionId}`,
      'GET',
      undefined,
      'legal',
    );
    if (view.status !== 200)
      problems.push(
        `held ${i.interactionId}${isExpired(o.model, i) ? ' (past its expiry)' : ''}: GET as legal answered ${view.status}`,
      );
    const lines = livePieces(i).filter((p) => p.kind === 'message');
    if (!lines.length) continue;
    const log = await o.platform.asStaff(
      o.handles[i.tenant],
      `/v1/interactions/${i.interactionId}/transcript`,
      'GET',
      undefined,
      'legal',
    );
    const text = JSON.stringify(log.body);
    for (const p of lines.filter((x) => !text.includes(x.token)))
      problems.push(`held ${i.interactionId}: line ${p.token} missing from its chat log as legal (${log.status})`);
  }
  return problems;
};

/** Tables, content and archive hold identifiers only inside sealed values (export packages and bulk zips are the subject's or staff's copies). */
export const noClearIdentifierOutsideSealed: Invariant = async (o) => {
  const stored = o.things.filter((x) => x.table || !/-exports$/.test(x.bucket ?? ''));
  const problems: string[] = [];
  for (const { t, s, index } of subjectsOf(o))
    for (const value of [s.email, s.phone, s.name])
      for (const x of stored.filter((y) => y.clear.includes(value)))
        problems.push(`tenant ${t} subject ${index}: "${value}" in clear in ${x.where}`);
  return problems;
};

/** Every tenant's audit chain verifies. */
export const auditChainVerifies: Invariant = async (o) => {
  const problems: string[] = [];
  for (const t of o.tenants.filter((x) => !o.model.tenants[x].terminated)) {
    const verdict = await verifyTenantAudit(o.container, o.handles[t].tenantId);
    if (!verdict.ok) problems.push(`tenant ${t}: audit chain ${verdict.problem} at seq ${verdict.firstBadSeq}`);
  }
  return problems;
};

/** The trail of an interaction lives as long as it does (entries go with their inquiry, not before). */
export const auditTrailLivesWithItsInquiry: Invariant = async (o) => {
  const problems: string[] = [];
  for (const i of o.model.interactions.filter(
    (x) => o.tenants.includes(x.tenant) && !x.gone && x.audited > 0 && !o.model.tenants[x.tenant].terminated,
  )) {
    const entries = (
      await o.container.auditLog.list(o.handles[i.tenant].tenantId, { interactionId: i.interactionId }, { limit: 1000 })
    ).items;
    if (entries.length < i.audited)
      problems.push(`${i.interactionId}: ${entries.length} audit entries left of ${i.audited}`);
  }
  return problems;
};

/** Nothing no sweep or lifecycle rule would ever reach: record items keep an expiry, partitions their general info, audio its pointer. */
export const noOrphans: Invariant = async (o) => {
  const problems: string[] = [];
  const mine = o.tenants.map((t) => o.handles[t].tenantId);
  const records = o.things.filter(
    (x) => x.table?.endsWith('-records') && /#I#/.test(x.key) && mine.some((t) => x.key.includes(t)),
  );
  const infos = new Set(records.filter((x) => x.key.endsWith(' INFO')).map((x) => x.key.split(' ')[0]));
  for (const x of records) {
    const pk = x.key.split(' ')[0];
    if (!infos.has(pk)) problems.push(`${x.where}: no general info in its partition`);
    if (x.item?.expiresAt === undefined && x.item?.heldExpiresAt === undefined) problems.push(`${x.where}: no expiry`);
  }
  const pointers = new Set(
    records
      .filter((x) => / REC#/.test(x.key))
      .map((x) => `${x.key.split('#')[1]}/${x.key.split('#')[3].split(' ')[0]}/${x.key.split('REC#')[1]}`),
  );
  for (const x of o.things.filter((y) => /^recording\//.test(y.key) && y.bucket && mine.some((t) => y.key.includes(t))))
    if (!pointers.has(x.key.slice('recording/'.length))) problems.push(`${x.where}: audio without its pointer`);
  return problems;
};

/**
 * A name-prefix entry (read by search only) never outlives its partition's whole-name entry: erasure,
 * anonymisation, the sweep and rectification take them together, so a forgotten person cannot be
 * found by the start of their name.
 */
export const namePrefixesOnlyBesideTheirName: Invariant = async (o) => {
  const mine = o.tenants.map((t) => o.handles[t].tenantId);
  const entries = o.things.filter(
    (x) => x.table?.endsWith('-records') && / SUBJ#name/.test(x.key) && mine.some((t) => x.key.includes(t)),
  );
  const named = new Set(entries.filter((x) => / SUBJ#name#/.test(x.key)).map((x) => x.key.split(' ')[0]));
  return entries
    .filter((x) => / SUBJ#namePrefix#/.test(x.key) && !named.has(x.key.split(' ')[0]))
    .map((x) => `${x.where}: a name-prefix entry without its name entry`);
};

/**
 * Search by name start finds what it must and nothing it must not: an interaction whose entries
 * were filed (at ingest, or by a backfill) has one for every word prefix of its name; one stored
 * as before search by name start that no backfill reached has none; an erased or anonymised one
 * never regains one.
 */
export const namePrefixesAsFiled: Invariant = async (o) => {
  const filedOf = new Map<string, Set<string>>();
  for (const x of o.things.filter((y) => y.table?.endsWith('-records'))) {
    const [pk, sk] = x.key.split(' ');
    const interactionId = /#I#([0-9A-Z]+)$/.exec(pk)?.[1];
    if (!interactionId || !isNamePrefixEntry({ sk })) continue;
    filedOf.set(interactionId, (filedOf.get(interactionId) ?? new Set()).add(indexedHmacOf({ sk })));
  }
  const problems: string[] = [];
  for (const t of o.tenants) {
    const secret = await subjectSecretOf(o, t);
    const due = new Set(indexedByNameStart(o.model, t));
    for (const i of o.model.interactions.filter((x) => x.tenant === t)) {
      const filed = filedOf.get(i.interactionId) ?? new Set<string>();
      if (due.has(i) && secret) {
        const missing = namePrefixKeysOf(o.model.tenants[t].subjects[i.subject].name, secret).filter(
          (k) => !filed.has(k.hmacHex),
        );
        if (missing.length) problems.push(`${i.interactionId}: ${missing.length} of its name's prefixes not filed`);
      } else if ((i.gone || i.anonymised || !i.prefixesFiled) && filed.size) {
        const state = i.gone ? 'gone' : i.anonymised ? 'anonymised' : 'never backfilled';
        problems.push(`${state} ${i.interactionId}: ${filed.size} name-prefix entries`);
      }
    }
  }
  return problems;
};

/** Nothing stays out of TTL's reach without a hold: an item kept as held belongs to an interaction an active hold names. */
export const heldOnlyWhileAHoldNamesIt: Invariant = async (o) => {
  const named = (interactionId: string) => {
    const i = o.model.interactions.find((x) => x.interactionId === interactionId);
    return activeHolds(o.model).some(
      (h) => i && h.tenant === i.tenant && (h.interactionId === i.interactionId || h.subject === i.subject),
    );
  };
  return o.things
    .filter((x) => x.table?.endsWith('-records') && x.item?.heldExpiresAt !== undefined)
    .map((x) => ({ x, interactionId: /#I#([0-9A-Z]+)/.exec(x.key)?.[1] }))
    .filter(
      ({ interactionId }) =>
        interactionId !== undefined && o.model.interactions.some((i) => i.interactionId === interactionId),
    )
    .filter(({ interactionId }) => !named(interactionId as string))
    .map(({ x }) => `${x.where}: held with no active hold naming its interaction`);
};

/** An anonymised interaction still shows in a search by time (only without its participant). */
export const anonymisedFindableByTime: Invariant = async (o) => {
  const problems: string[] = [];
  for (const i of o.model.interactions.filter(
    (x) =>
      o.tenants.includes(x.tenant) &&
      x.anonymised &&
      !x.gone &&
      !isExpired(o.model, x) &&
      !o.model.tenants[x.tenant].terminated,
  )) {
    const range = `from=${new Date(i.startedAt - 3_600_000).toISOString()}&to=${new Date(i.startedAt + 3_600_000).toISOString()}&limit=200`;
    const found = await o.platform.asStaff<{ items: Array<{ interactionId: string }> }>(
      o.handles[i.tenant],
      `/v1/interactions?${range}`,
    );
    if (!found.body.items?.some((x) => x.interactionId === i.interactionId))
      problems.push(`anonymised ${i.interactionId}: not found by time (${found.status})`);
  }
  return problems;
};

export const INVARIANTS: Record<string, Invariant> = {
  erasedSubjectLeavesNoTrace,
  goneContentLeavesNoCopy,
  heldNeverMissing,
  liveDataPresent,
  expiredNotReadable,
  transcriptShowsOnlyUnexpiredLines,
  heldReadableByLegal,
  noClearIdentifierOutsideSealed,
  auditChainVerifies,
  auditTrailLivesWithItsInquiry,
  noOrphans,
  namePrefixesOnlyBesideTheirName,
  namePrefixesAsFiled,
  heldOnlyWhileAHoldNamesIt,
  anonymisedFindableByTime,
};
