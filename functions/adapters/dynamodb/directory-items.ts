import type { ItemChanges } from '../../ports/record-store';
import {
  LISTED_UNDER,
  RESERVED_TENANT_SORT_KEYS,
  type ApiKeyRecord,
  type PolicyRevision,
  type TenantItem,
  type TenantProfile,
} from '../../ports/tenant-directory';

/** Keys of the directory table (docs/storage-layout.md, "Home region only"). */
export const GSI1 = 'gsi1';
export const tenantPk = (tenantId: string) => `TENANT#${tenantId}`;
export const policySk = (revision: number) => `POLICY#${String(revision).padStart(8, '0')}`;
export const apiKeyPk = (keyHash: string) => `APIKEY#${keyHash}`;
export const apiKeysOf = (tenantId: string) => `TENANT#${tenantId}#APIKEYS`;
export const listedPk = (listing: string) => `LISTED#${listing}`;
/** gsi1 keys of a tenant item listed under `listing` (LISTED_UNDER): the sparse listing across tenants. */
export const listedKeys = (listing: string, tenantId: string, sk: string) => ({
  gsi1pk: listedPk(listing),
  gsi1sk: `${tenantId}#${sk}`,
});
export const tenantOfPk = (pk: string) => pk.slice('TENANT#'.length);
export const TENANTS = 'TENANTS';

export type Item = Record<string, unknown>;
/** Drops the key attributes, leaving the port's plain data. */
export const strip = ({ pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, ...rest }: Item) => rest;

export const profileItem = (p: TenantProfile) => ({
  pk: tenantPk(p.tenantId),
  sk: 'PROFILE',
  gsi1pk: TENANTS,
  gsi1sk: p.tenantId,
  ...p,
});
export const policyItem = (r: PolicyRevision) => ({ pk: tenantPk(r.tenantId), sk: policySk(r.revision), ...r });
export const apiKeyItem = (k: ApiKeyRecord) => ({
  pk: apiKeyPk(k.keyHash),
  sk: 'APIKEY',
  gsi1pk: apiKeysOf(k.tenantId),
  gsi1sk: k.createdAt,
  ...k,
});

export function assertTenantItemKey(sk: string): void {
  if (!sk || RESERVED_TENANT_SORT_KEYS.some((reserved) => sk.startsWith(reserved)))
    throw new RangeError(
      `"${sk}" is not a sort key for a tenant item (${RESERVED_TENANT_SORT_KEYS.join(', ')} are the directory's own)`,
    );
}

/** A tenant item as the table stores it: under its tenant's partition, LISTED_UNDER turned into the gsi1 keys. */
export function storedTenantItem(item: TenantItem): Item & { pk: string; sk: string } {
  const { [LISTED_UNDER]: listing, ...plain } = item;
  const listed = typeof listing === 'string' ? listedKeys(listing, item.tenantId, item.sk) : {};
  return { ...plain, ...listed, pk: tenantPk(item.tenantId), sk: item.sk };
}

/** Changes to a tenant item as the table takes them: setting LISTED_UNDER lists it (gsi1 keys), removing it unlists it. */
export function storedTenantChanges(tenantId: string, sk: string, changes: ItemChanges): ItemChanges {
  const { [LISTED_UNDER]: listing, ...set } = changes.set ?? {};
  const unlist = changes.remove?.includes(LISTED_UNDER) ? ['gsi1pk', 'gsi1sk'] : [];
  const remove = [...(changes.remove ?? []).filter((a) => a !== LISTED_UNDER), ...unlist];
  const listed = typeof listing === 'string' ? listedKeys(listing, tenantId, sk) : {};
  return { ...changes, set: { ...set, ...listed, tenantId }, remove };
}
