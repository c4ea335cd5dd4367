import { randomBytes } from 'node:crypto';
import { open, seal } from './envelope';

/**
 * A partition's data key wrapped locally under the tenant's key-encryption key of a region
 * (AES-256-GCM, the envelope of envelope.ts), with tenant, region and key id as additional data:
 * a wrapped key copied to another tenant's, region's or partition's entry no longer unwraps.
 */
const wrappingAad = (tenantId: string, region: string, dekId: string) => `dek|${tenantId}|${region}|${dekId}`;

export function wrapDataKey(kek: Uint8Array, dek: Uint8Array, tenantId: string, region: string, dekId: string) {
  return new Uint8Array(Buffer.from(seal(kek, dek, wrappingAad(tenantId, region, dekId)), 'base64'));
}

/** Throws SealedDataRejected when `wrapped` was altered or belongs to another key-encryption key or entry. */
export function unwrapDataKey(kek: Uint8Array, wrapped: Uint8Array, tenantId: string, region: string, dekId: string) {
  return new Uint8Array(open(kek, Buffer.from(wrapped).toString('base64'), wrappingAad(tenantId, region, dekId)));
}

/** A fresh AES-256 data key, made locally (no KMS call): it is only ever stored wrapped. */
export const newDataKey = () => new Uint8Array(randomBytes(32));
