import { loadJSZip } from '../../domain/export/export-formats';
import { createHash } from 'node:crypto';
import type { DataClass, IdentifierKind } from '../../domain/data-class';
import { chatLogXml } from '../../domain/export/chat-log-xml';
import { generalInfoCsv } from '../../domain/export/general-info-csv';
import { packageManifest, type PackageFile } from '../../domain/export/package-manifest';
import { subjectSummaryMarkdown } from '../../domain/export/subject-summary';
import type { TenantPolicy } from '../../domain/policy/schema';
import type { InteractionInfo, Message } from '../../domain/records';
import type { ExportSummary } from '../../domain/subject-requests/certificate';
import { CountTally, holdingsOf } from '../../domain/subject-requests/inventory';
import { mayProcess } from '../../domain/subject-requests/restriction';
import type { SubjectKey } from '../../domain/subject/subject-key';
import { parseArchivedRecord } from '../../domain/sweep/archive-object';
import { isPartitionRoot } from '../../domain/record-keys';
import type { StoredItem } from '../../ports/record-store';
import { allPages } from '../records/pages';
import { SealedDataRejected } from '../../domain/crypto/envelope';
import { DataKeyGone } from '../personal-data/personal-data-vault';
import { playbackPrefix, subjectPackageKey } from '../../domain/copies/copy-keys';
import { newCopy } from '../../domain/copies/derived-copy';
import { registerCopy } from '../copies/copy-registry';
import { openedRecordOf } from '../records/item-facts';
import type { SubjectRequestDeps } from './deps';
import { findSubjectPartitions, partitionPieces, type PartitionPiece, type SubjectPartition } from './find-subject';
import { partitionObjects, type PartitionObject } from './partition-objects';
import { isSubjectIndexEntry } from '../records/subject-index';
import { isRecordingPointer } from '../records/recording-pointer-keys';

export interface ExportScope {
  tenantId: string;
  requestId: string;
  policy: TenantPolicy;
  keys: readonly SubjectKey[];
  searchedBy: IdentifierKind[];
  /** The requester's role: restricted records go only into the legal role's exports. */
  readerRole?: string;
  now: Date;
}

/** One record of the package's `records/<class>.json`: where it is, what it is, every field opened. */
interface ExportedRecord {
  dataClass: DataClass;
  region: string;
  tier: string;
  partitionId: string;
  recordKey: string;
  expiresAt?: string;
  fields: Record<string, unknown>;
}

const EXTENSION: Record<string, string> = { 'audio/mpeg': 'mp3', 'audio/wav': 'wav', 'audio/ogg': 'ogg' };

/**
 * The access / portability package of a subject (GDPR Art. 15 and 20) as one zip in the exports
 * bucket: `records/<class>.json` (every record, personal fields opened), `general-info.csv`, each chat log
 * as `transcripts/<interactionId>.xml`, recordings as audio files, `access-log.json` (who opened
 * the subject's conversations, by role), `summary.md` (what is held, why, for how long) and
 * `manifest.json` (what each file holds, with sizes and digests). Building it again gives the same
 * files under the same key, so a resumed job simply writes it again.
 */
export async function buildExportPackage(deps: SubjectRequestDeps, scope: ExportScope): Promise<ExportSummary> {
  const collected = new Collected();
  const held = new Map<string, DataClass[]>();
  for (const partition of await findSubjectPartitions(deps.stores, scope.tenantId, scope.keys)) {
    const pieces = await partitionPieces(deps.stores, partition.pk);
    const before = collected.records.length;
    await collectRecords(deps, scope, partition, pieces, collected);
    held.set(
      partition.pk,
      collected.records.slice(before).map((r) => r.dataClass),
    );
    if (partition.kind === 'interaction') {
      await collectObjects(deps, scope, partition, pieces, collected);
      const entries = await allPages((cursor) =>
        deps.auditLog.list(scope.tenantId, { interactionId: partition.id }, { cursor, limit: 500 }),
      );
      collected.accessLog.push(
        ...entries.map((e) => ({
          at: e.at,
          action: e.action,
          role: e.actor.role,
          support: e.actor.support,
          interactionId: partition.id,
        })),
      );
      collected.packaged.add(deps.homeRegion, 'audit', 'audit', entries.length);
    }
  }
  const files = await collected.files(scope);
  const zip = new (await loadJSZip())();
  for (const file of files) zip.file(file.path, file.content, { date: scope.now });
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  const key = subjectPackageKey(scope.tenantId, scope.requestId);
  // Registered against each partition it holds data of: erasing, anonymising or deleting that data deletes the package.
  for (const [pk, contains] of held)
    if (contains.length)
      await registerCopy(
        deps,
        scope.tenantId,
        [pk],
        newCopy(
          'subject-export',
          { bucket: 'exports', region: deps.exports.region, objectKey: key, contains },
          deps.clock.now(),
        ),
      );
  await deps.exports.put(key, bytes, { contentType: 'application/zip' });
  return {
    key,
    records: collected.records.length,
    files: files.length,
    bytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    withheldRestricted: collected.withheld,
    packaged: collected.packaged.list(),
  };
}

async function collectRecords(
  deps: SubjectRequestDeps,
  scope: ExportScope,
  partition: SubjectPartition,
  pieces: readonly PartitionPiece[],
  out: Collected,
): Promise<void> {
  for (const { region, items } of pieces)
    for (const item of items) {
      if (isSubjectIndexEntry(item) || typeof item.class !== 'string') continue;
      if (!mayProcess(item, scope.readerRole)) {
        out.withheld++;
        continue;
      }
      if (item.tier === 'archived') await collectArchived(deps, scope, partition, region, item, out);
      else {
        out.add(await exported(deps, partition, region, item));
        out.packaged.add(region, 'records', item.class as DataClass);
      }
    }
}

async function exported(
  deps: SubjectRequestDeps,
  partition: SubjectPartition,
  region: string,
  item: StoredItem,
  tier?: string,
): Promise<ExportedRecord> {
  const opened = await openedRecordOf(deps.vault, region, item, item.class as DataClass);
  const expiresAt = Number.isFinite(opened.expiresAt) ? new Date(opened.expiresAt * 1000).toISOString() : undefined;
  return {
    dataClass: opened.dataClass,
    region,
    tier: tier ?? (typeof item.tier === 'string' ? item.tier : 'live'),
    partitionId: partition.id,
    recordKey: item.sk,
    ...(expiresAt ? { expiresAt } : {}),
    fields: opened.fields,
  };
}

/** An archive pointer: the archived record it stands for (restored from the archive tier), and its content copies. */
async function collectArchived(
  deps: SubjectRequestDeps,
  scope: ExportScope,
  partition: SubjectPartition,
  region: string,
  pointer: StoredItem,
  out: Collected,
): Promise<void> {
  const archive = deps.stores.storesFor(region).archive;
  const keys = Array.isArray(pointer.archiveKeys)
    ? pointer.archiveKeys.filter((k): k is string => typeof k === 'string')
    : [];
  for (const key of keys) {
    const object = await archive.get(key);
    if (!object) continue;
    const archived = parseArchivedRecord(object.bytes);
    if (archived) out.add(await exported(deps, partition, region, archived.item as StoredItem, 'archived'));
    else {
      const scopeOfCopy = {
        region,
        tenantId: scope.tenantId,
        dataClass: pointer.class as DataClass,
        partitionId: partition.id,
      };
      const plain = await openedOrUndefined(() =>
        deps.vault.open(scopeOfCopy, Buffer.from(object.bytes).toString('utf8')),
      );
      if (!plain) continue;
      out.objects.push({
        path: `archive/${partition.id}/${key.split('/').pop()}`,
        mediaType: object.contentType ?? 'application/octet-stream',
        content: plain,
      });
    }
    out.packaged.add(region, 'archive', pointer.class as DataClass);
  }
}

/** What a sealed value opens to; undefined when its key was destroyed or it is not sealed data. */
async function openedOrUndefined(open: () => Promise<Uint8Array>): Promise<Uint8Array | undefined> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof DataKeyGone || error instanceof SealedDataRejected) return undefined;
    throw error;
  }
}

async function collectObjects(
  deps: SubjectRequestDeps,
  scope: ExportScope,
  partition: SubjectPartition,
  pieces: readonly PartitionPiece[],
  out: Collected,
): Promise<void> {
  const mediaTypes = new Map<string, string>();
  const restrictedRecordings = new Set<string>();
  for (const { items } of pieces)
    for (const item of items)
      if (isRecordingPointer(item)) {
        mediaTypes.set(String(item.recordingId), String(item.mediaType));
        if (!mayProcess(item, scope.readerRole)) restrictedRecordings.add(String(item.recordingId));
      }
  for (const object of await partitionObjects(deps.stores, scope.tenantId, partition, pieces)) {
    // Playback copies are short-lived plain copies of recordings the package holds already.
    if (object.bucket !== 'content' || object.key.startsWith(playbackPrefix(scope.tenantId))) continue;
    const name = object.key.split('/').pop() ?? object.key;
    if (restrictedRecordings.has(name)) continue;
    const bytes = await readObject(deps, scope.tenantId, partition.id, object);
    if (!bytes) continue;
    const pending = object.key.startsWith('upload/');
    const extension = EXTENSION[mediaTypes.get(name) ?? ''] ?? 'bin';
    const folder = object.dataClass === 'transcript' ? 'transcripts' : 'recordings';
    out.objects.push({
      path: `${folder}/${partition.id}/${name}${pending ? '.pending' : ''}.${extension}`,
      mediaType: mediaTypes.get(name) ?? 'application/octet-stream',
      content: bytes,
    });
    out.packaged.add(object.region, 'content', object.dataClass);
  }
}

/**
 * An object's plaintext: content objects are sealed under the interaction's data key; pending
 * uploads are raw until ingest seals them. Undefined for what cannot be read (its key destroyed).
 */
async function readObject(
  deps: SubjectRequestDeps,
  tenantId: string,
  interactionId: string,
  object: PartitionObject,
): Promise<Uint8Array | undefined> {
  const stored = await deps.stores.storesFor(object.region).content.get(object.key);
  if (!stored) return undefined;
  if (object.key.startsWith('upload/')) return stored.bytes;
  return openedOrUndefined(() =>
    deps.vault.open(
      { region: object.region, tenantId, dataClass: object.dataClass, partitionId: interactionId },
      Buffer.from(stored.bytes).toString('utf8'),
    ),
  );
}

/** What the package gathers, and the files it becomes. */
class Collected {
  readonly records: ExportedRecord[] = [];
  readonly objects: PackageFile[] = [];
  readonly accessLog: Record<string, unknown>[] = [];
  /** What went into the package, counted like the inventory counts what was found. */
  readonly packaged = new CountTally();
  withheld = 0;

  add(record: ExportedRecord): void {
    this.records.push(record);
  }

  async files(scope: ExportScope): Promise<PackageFile[]> {
    const records = [...this.records].sort((a, b) =>
      a.partitionId + a.recordKey < b.partitionId + b.recordKey ? -1 : 1,
    );
    const infos = records.filter(
      (r) =>
        r.dataClass === 'interaction' &&
        r.tier !== 'archived' &&
        isPartitionRoot(`T#${scope.tenantId}#I#${r.partitionId}`, r.recordKey),
    );
    const messages = new Map<string, Message[]>();
    for (const r of records.filter((x) => x.dataClass === 'transcript' && typeof x.fields.text === 'string')) {
      const list = messages.get(r.partitionId) ?? [];
      list.push({
        interactionId: r.partitionId,
        seq: Number(r.fields.seq),
        from: r.fields.from as Message['from'],
        text: String(r.fields.text),
        at: String(r.fields.at),
      });
      messages.set(r.partitionId, list);
    }
    const classes = [...new Set(records.map((r) => r.dataClass))].sort();
    const files: PackageFile[] = [
      // One JSON file per class: the manifest's record counts per class come from these alone.
      ...classes.map((c): PackageFile => {
        const ofClass = records.filter((r) => r.dataClass === c);
        return {
          path: `records/${c}.json`,
          mediaType: 'application/json',
          dataClass: c,
          records: ofClass.length,
          content: `${JSON.stringify(ofClass, null, 2)}\n`,
        };
      }),
      {
        path: 'general-info.csv',
        mediaType: 'text/csv',
        records: infos.length,
        content: generalInfoCsv(infos.map((r) => interactionInfoOf(scope.tenantId, r))),
      },
      ...(await Promise.all(
        [...messages].map(
          async ([interactionId, lines]): Promise<PackageFile> => ({
            path: `transcripts/${interactionId}.xml`,
            mediaType: 'application/xml',
            records: lines.length,
            content: await chatLogXml(interactionId, lines),
          }),
        ),
      )),
      ...this.objects,
      {
        path: 'access-log.json',
        mediaType: 'application/json',
        records: this.accessLog.length,
        content: `${JSON.stringify(this.accessLog, null, 2)}\n`,
      },
      {
        path: 'summary.md',
        mediaType: 'text/markdown',
        content: subjectSummaryMarkdown({
          policy: scope.policy,
          requestId: scope.requestId,
          generatedAt: scope.now,
          searchedBy: scope.searchedBy,
          holdings: holdingsOf(
            records.map((r) => ({
              dataClass: r.dataClass,
              region: r.region,
              expiresAt: r.expiresAt ? Date.parse(r.expiresAt) / 1000 : undefined,
            })),
          ).map((h) => ({
            ...h,
            firstExpiry: h.firstExpiry ? new Date(h.firstExpiry) : undefined,
            lastExpiry: h.lastExpiry ? new Date(h.lastExpiry) : undefined,
          })),
        }),
      },
    ];
    return [
      ...files,
      {
        path: 'manifest.json',
        mediaType: 'application/json',
        content: packageManifest({
          kind: 'subject-export',
          requestId: scope.requestId,
          tenantId: scope.tenantId,
          createdAt: scope.now,
          files,
        }),
      },
    ];
  }
}

function interactionInfoOf(tenantId: string, record: ExportedRecord): InteractionInfo {
  const f = record.fields;
  return {
    tenantId,
    interactionId: record.partitionId,
    channel: f.channel as InteractionInfo['channel'],
    queue: f.queue as string | undefined,
    agent: f.agent as string | undefined,
    group: f.group as string | undefined,
    startedAt: String(f.startedAt),
    endedAt: f.endedAt as string | undefined,
    waitSeconds: f.waitSeconds as number | undefined,
    talkSeconds: f.talkSeconds as number | undefined,
    participant: f.participant as InteractionInfo['participant'],
    consent: (f.consent as InteractionInfo['consent']) ?? { content: 'not-asked', recording: 'not-asked' },
    externalId: f.externalId as string | undefined,
    anonymisedAt: f.anonymisedAt as string | undefined,
  };
}
