import { createHash } from 'node:crypto';
import type { DataClass } from '../data-class';

export interface PackageFile {
  /** Relative path inside the package, e.g. `transcripts/01HV….xml`. */
  path: string;
  mediaType: string;
  dataClass?: DataClass;
  /** How many records the file holds (rows, messages, …), when it holds records. */
  records?: number;
  content: Uint8Array | string;
}

export interface PackageManifestInput {
  kind: 'subject-export' | 'tenant-offboarding';
  requestId: string;
  tenantId: string;
  createdAt: Date;
  files: readonly PackageFile[];
}

/** A path that stays inside the package wherever it is unpacked (no absolute paths, no `..`). */
const isSafePath = (path: string) =>
  path.length > 0 &&
  !path.startsWith('/') &&
  !path.includes('\\') &&
  path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');

/**
 * The machine-readable manifest of an export package: what each file is, how many records of which
 * class it holds, and its size and SHA-256, so a recipient can check the package is complete.
 */
export function packageManifest(input: PackageManifestInput): string {
  const seen = new Set<string>();
  for (const { path } of input.files) {
    if (!isSafePath(path)) throw new RangeError(`package path "${path}" would leave the package`);
    if (seen.has(path)) throw new RangeError(`package path "${path}" appears twice`);
    seen.add(path);
  }
  const files = input.files.map((f) => {
    const bytes = typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content;
    return {
      path: f.path,
      mediaType: f.mediaType,
      ...(f.dataClass ? { class: f.dataClass } : {}),
      ...(f.records !== undefined ? { records: f.records } : {}),
      bytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  });
  const recordsByClass: Partial<Record<DataClass, number>> = {};
  for (const f of input.files)
    if (f.dataClass) recordsByClass[f.dataClass] = (recordsByClass[f.dataClass] ?? 0) + (f.records ?? 0);
  const manifest = {
    format: 'lethe-export',
    formatVersion: 1,
    kind: input.kind,
    requestId: input.requestId,
    tenantId: input.tenantId,
    createdAt: input.createdAt.toISOString(),
    recordsByClass,
    files,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
