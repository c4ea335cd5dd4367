import type { Page } from './page';

export interface StoredObject {
  bytes: Uint8Array;
  contentType?: string;
  versionId?: string;
}

/** Retention of one object version in an Object Lock bucket. */
export interface ObjectLockRetention {
  mode: 'COMPLIANCE';
  retainUntil: Date;
}

export interface ObjectVersion {
  key: string;
  /** `null` for the version of an unversioned object. */
  versionId: string;
  isLatest: boolean;
  /** A delete marker hides the object but is itself a version until deleted. */
  deleteMarker: boolean;
}

/**
 * One bucket of one region (content, archive, litigation, exports). Keys follow
 * docs/storage-layout.md and start with the class or tenant; what goes in is already sealed.
 */
export interface ContentStore {
  readonly region: string;
  readonly bucket: string;
  /**
   * `objectLock`: Object Lock retention of this object version (the litigation bucket): in
   * compliance mode nobody can delete or shorten it before `retainUntil`. `tags`: the object's tag
   * set, written with it (lifecycle rules may filter on them).
   */
  put(
    key: string,
    bytes: Uint8Array,
    options?: { contentType?: string; objectLock?: ObjectLockRetention; tags?: Readonly<Record<string, string>> },
  ): Promise<{ versionId?: string }>;
  /** Replaces the tag set of the current version of `key`; false when there is no such object. */
  setTags(key: string, tags: Readonly<Record<string, string>>): Promise<boolean>;
  /** The current version, or the given one; undefined when there is none. */
  get(key: string, versionId?: string): Promise<StoredObject | undefined>;
  /** Size and content type of the current version, without reading it (to refuse what is too large to read). */
  stat(key: string): Promise<{ bytes: number; contentType?: string } | undefined>;
  /** Keys under `prefix`, a page at a time. */
  listKeys(prefix: string, page?: { cursor?: string; limit?: number }): Promise<Page<string>>;
  /** Every version and delete marker of exactly `key`. */
  listVersions(key: string): Promise<ObjectVersion[]>;
  /** Deletes every version and delete marker of `key`; returns how many were deleted. */
  deleteAllVersions(key: string): Promise<number>;
  /** A short-lived URL that downloads `key` (seconds, at most 3600). */
  presignGet(key: string, expiresInSeconds: number, options?: { downloadName?: string }): Promise<string>;
  /** A short-lived URL that uploads `key` with exactly this content type. */
  presignPut(key: string, expiresInSeconds: number, contentType: string): Promise<string>;
}
