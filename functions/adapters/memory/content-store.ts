import type { ContentStore, ObjectLockRetention, ObjectVersion, StoredObject } from '../../ports/content-store';
import type { Page } from '../../ports/page';
import { decodePageToken, encodePageToken } from '../../domain/paging/page-token';
import { compareKeys } from './stored-values';

interface StoredVersion {
  versionId: string;
  bytes: Uint8Array;
  contentType?: string;
  tags: Record<string, string>;
  objectLock?: ObjectLockRetention;
}

/**
 * One bucket held in memory: the twin of S3ContentStore for fast tests. Every put is a new
 * version; presigned URLs are `memory://` addresses that name the bucket, key and expiry (nothing
 * can fetch them: a test reads the object through the store).
 */
export class InMemoryContentStore implements ContentStore {
  private readonly objects = new Map<string, StoredVersion[]>();
  private nextVersion = 0;

  constructor(
    readonly bucket: string,
    readonly region: string,
  ) {}

  async put(
    key: string,
    bytes: Uint8Array,
    options: { contentType?: string; objectLock?: ObjectLockRetention; tags?: Readonly<Record<string, string>> } = {},
  ): Promise<{ versionId?: string }> {
    const versionId = String(++this.nextVersion).padStart(12, '0');
    const version = {
      versionId,
      bytes: new Uint8Array(bytes),
      contentType: options.contentType,
      tags: { ...options.tags },
      objectLock: options.objectLock,
    };
    this.objects.set(key, [...(this.objects.get(key) ?? []), version]);
    return { versionId };
  }

  async setTags(key: string, tags: Readonly<Record<string, string>>): Promise<boolean> {
    const current = this.objects.get(key)?.at(-1);
    if (!current) return false;
    current.tags = { ...tags };
    return true;
  }

  async get(key: string, versionId?: string): Promise<StoredObject | undefined> {
    const versions = this.objects.get(key) ?? [];
    const version = versionId === undefined ? versions.at(-1) : versions.find((v) => v.versionId === versionId);
    return (
      version && {
        bytes: new Uint8Array(version.bytes),
        versionId: version.versionId,
        ...(version.contentType ? { contentType: version.contentType } : {}),
      }
    );
  }

  async stat(key: string): Promise<{ bytes: number; contentType?: string } | undefined> {
    const current = this.objects.get(key)?.at(-1);
    return (
      current && { bytes: current.bytes.length, ...(current.contentType ? { contentType: current.contentType } : {}) }
    );
  }

  async listKeys(prefix: string, page: { cursor?: string; limit?: number } = {}): Promise<Page<string>> {
    const after =
      page.cursor === undefined
        ? undefined
        : decodePageToken(page.cursor, (k) => (typeof k === 'string' && k.startsWith(prefix) ? k : undefined));
    const keys = [...this.objects.keys()]
      .filter((k) => k.startsWith(prefix) && (after === undefined || compareKeys(k, after) > 0))
      .sort(compareKeys);
    const items = page.limit === undefined ? keys : keys.slice(0, page.limit);
    const more = items.length < keys.length;
    return { items, cursor: more ? encodePageToken(items[items.length - 1]) : undefined };
  }

  async listVersions(key: string): Promise<ObjectVersion[]> {
    const versions = this.objects.get(key) ?? [];
    return versions.map((v, i) => ({
      key,
      versionId: v.versionId,
      isLatest: i === versions.length - 1,
      deleteMarker: false,
    }));
  }

  async deleteAllVersions(key: string): Promise<number> {
    const versions = this.objects.get(key) ?? [];
    const locked = versions.find((v) => v.objectLock && v.objectLock.retainUntil.getTime() > Date.now());
    if (locked) throw new Error(`${this.bucket}/${key}: version ${locked.versionId} is under Object Lock`);
    this.objects.delete(key);
    return versions.length;
  }

  /** Every object's current version, as listing and reading the bucket gives them: for tests that check raw storage. */
  rawObjects(): Array<{ key: string; bytes: Uint8Array }> {
    return [...this.objects].flatMap(([key, versions]) => {
      const current = versions.at(-1);
      return current ? [{ key, bytes: new Uint8Array(current.bytes) }] : [];
    });
  }

  async presignGet(key: string, expiresInSeconds: number, options: { downloadName?: string } = {}): Promise<string> {
    const name = options.downloadName ? `&download=${encodeURIComponent(options.downloadName)}` : '';
    return `memory://${this.bucket}/${encodeURIComponent(key)}?method=GET&expires=${expiresInSeconds}${name}`;
  }

  async presignPut(key: string, expiresInSeconds: number, contentType: string): Promise<string> {
    return `memory://${this.bucket}/${encodeURIComponent(key)}?method=PUT&expires=${expiresInSeconds}&type=${encodeURIComponent(contentType)}`;
  }
}
