import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3ServiceException,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ContentStore, ObjectLockRetention, ObjectVersion, StoredObject } from '../../ports/content-store';
import type { Page } from '../../ports/page';

/** The longest a presigned URL lives: URLs are handed to browsers and channels, so keep them short. */
export const MAX_PRESIGN_SECONDS = 3600;
/** DeleteObjects takes at most 1000 keys. */
const DELETE_BATCH = 1000;

const isMissing = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404);
/** A store that keeps no versions (the local emulator) answers ListObjectVersions with one of these. */
const keepsNoVersions = (error: unknown) =>
  error instanceof S3ServiceException && (error.name === 'NotImplemented' || error.name === 'MethodNotAllowed');

function assertPresignTtl(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGN_SECONDS)
    throw new RangeError(`a presigned URL lives 1 to ${MAX_PRESIGN_SECONDS} seconds, not ${seconds}`);
}

/** One bucket of one region through the S3 client. */
export class S3ContentStore implements ContentStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    readonly region: string,
  ) {}

  async put(
    key: string,
    bytes: Uint8Array,
    options: { contentType?: string; objectLock?: ObjectLockRetention; tags?: Readonly<Record<string, string>> } = {},
  ): Promise<{ versionId?: string }> {
    const lock = options.objectLock
      ? { ObjectLockMode: options.objectLock.mode, ObjectLockRetainUntilDate: options.objectLock.retainUntil }
      : {};
    // Tags go with the object in the same request, so no version ever exists without them.
    const tagging = options.tags ? { Tagging: new URLSearchParams(Object.entries(options.tags)).toString() } : {};
    const out = await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentType: options.contentType,
        ...lock,
        ...tagging,
      }),
    );
    return out.VersionId ? { versionId: out.VersionId } : {};
  }

  async setTags(key: string, tags: Readonly<Record<string, string>>): Promise<boolean> {
    try {
      const TagSet = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
      await this.client.send(new PutObjectTaggingCommand({ Bucket: this.bucket, Key: key, Tagging: { TagSet } }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async get(key: string, versionId?: string): Promise<StoredObject | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, VersionId: versionId }));
      const bytes = out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
      return {
        bytes,
        ...(out.ContentType ? { contentType: out.ContentType } : {}),
        ...(out.VersionId ? { versionId: out.VersionId } : {}),
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async stat(key: string): Promise<{ bytes: number; contentType?: string } | undefined> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { bytes: out.ContentLength ?? 0, ...(out.ContentType ? { contentType: out.ContentType } : {}) };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async listKeys(prefix: string, page: { cursor?: string; limit?: number } = {}): Promise<Page<string>> {
    const out = await this.client.send(
      new ListObjectsV2Command({
        Bucket: this.bucket,
        Prefix: prefix,
        ContinuationToken: page.cursor,
        MaxKeys: page.limit,
      }),
    );
    const items = (out.Contents ?? []).map((o) => o.Key as string);
    return { items, ...(out.IsTruncated && out.NextContinuationToken ? { cursor: out.NextContinuationToken } : {}) };
  }

  async listVersions(key: string): Promise<ObjectVersion[]> {
    try {
      return await this.listStoredVersions(key);
    } catch (error) {
      if (!keepsNoVersions(error)) throw error;
      // An unversioned store holds at most the current object: that is its only version.
      const current = await this.stat(key);
      return current ? [{ key, versionId: 'null', isLatest: true, deleteMarker: false }] : [];
    }
  }

  async deleteAllVersions(key: string): Promise<number> {
    const versions = await this.listVersions(key);
    for (let i = 0; i < versions.length; i += DELETE_BATCH) {
      const Objects = versions.slice(i, i + DELETE_BATCH).map((v) => ({ Key: v.key, VersionId: v.versionId }));
      const out = await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects, Quiet: true } }),
      );
      if (out.Errors?.length)
        throw new Error(
          `${this.bucket}: ${out.Errors.length} version(s) of an object could not be deleted (${out.Errors[0].Code}: ${out.Errors[0].Message})`,
        );
    }
    return versions.length;
  }

  async presignGet(key: string, expiresInSeconds: number, options: { downloadName?: string } = {}): Promise<string> {
    assertPresignTtl(expiresInSeconds);
    const disposition = options.downloadName
      ? `attachment; filename="${options.downloadName.replace(/["\\\r\n]/g, '_')}"`
      : undefined;
    return getSignedUrl(
      this.client,
      new GetObjectCommand({ Bucket: this.bucket, Key: key, ResponseContentDisposition: disposition }),
      {
        expiresIn: expiresInSeconds,
      },
    );
  }

  async presignPut(key: string, expiresInSeconds: number, contentType: string): Promise<string> {
    assertPresignTtl(expiresInSeconds);
    return getSignedUrl(
      this.client,
      new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }),
      {
        expiresIn: expiresInSeconds,
        signableHeaders: new Set(['content-type']),
      },
    );
  }

  /** Versions and delete markers whose key is exactly `key` (the listing is by prefix). */
  private async listStoredVersions(key: string): Promise<ObjectVersion[]> {
    const versions: ObjectVersion[] = [];
    let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
    for (;;) {
      const out = await this.client.send(
        new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix: key, ...markers }),
      );
      for (const v of out.Versions ?? [])
        if (v.Key === key)
          versions.push({ key, versionId: v.VersionId ?? 'null', isLatest: Boolean(v.IsLatest), deleteMarker: false });
      for (const m of out.DeleteMarkers ?? [])
        if (m.Key === key)
          versions.push({ key, versionId: m.VersionId ?? 'null', isLatest: Boolean(m.IsLatest), deleteMarker: true });
      if (!out.IsTruncated) return versions;
      markers = { KeyMarker: out.NextKeyMarker, VersionIdMarker: out.NextVersionIdMarker };
    }
  }
}
