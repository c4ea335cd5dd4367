import type { TenantPolicy } from '../domain/policy/schema';
import type { ItemCondition } from './item-condition';
import type { Page } from './page';
import type { ItemChanges } from './record-store';

export type TenantStatus = 'active' | 'terminated';

/** A tenant as the directory keeps it. Secrets are wrapped by the home region's data key. */
export interface TenantProfile {
  tenantId: string;
  name: string;
  preset: string;
  status: TenantStatus;
  /** ISO-8601 UTC. */
  createdAt: string;
  terminatedAt?: string;
  /** HMAC key of the subject index (32 bytes), wrapped with context {tenant, purpose: 'subject-index'}. */
  subjectSecretWrapped: Uint8Array;
  /** Key that signs audit tombstones (32 bytes), wrapped with context {tenant, purpose: 'audit'}. */
  auditKeyWrapped: Uint8Array;
}

/** One saved revision of a tenant's policy; old revisions stay for the audit trail. */
export interface PolicyRevision {
  tenantId: string;
  revision: number;
  policy: TenantPolicy;
  savedAt: string;
  /** Who saved it (staff user id or `system`). */
  savedBy: string;
}

/** An ingest API key: only the SHA-256 of the key is ever stored. */
export interface ApiKeyRecord {
  keyHash: string;
  tenantId: string;
  createdAt: string;
}

/**
 * A per-tenant item of the directory beside the profile and policies, by sort key: `HOLD#<id>`,
 * `JOB#<id>`, `SWEEP#<region>#<class>`, `AUDITHEAD`, … Attributes are the caller's plain data.
 */
export type TenantItem = { tenantId: string; sk: string } & Record<string, unknown>;

/**
 * Attribute that lists a tenant item in a sparse listing across tenants (`listListed`): set it to
 * the listing's name (on put or update) to list the item, remove it to take the item out. It is an
 * instruction to the directory, never read back as data.
 */
export const LISTED_UNDER = 'listedUnder';

/** Sort keys the directory manages itself; tenant items may not use them. */
export const RESERVED_TENANT_SORT_KEYS = ['PROFILE', 'POLICY#'] as const;

/**
 * The home region's directory table: who the tenants are, their policies and API keys, and the
 * small per-tenant state of holds, jobs, sweep checkpoints and the audit chain head.
 */
export interface TenantDirectory {
  /** Profile, first policy revision and first API key, all or nothing. WriteConflict if the tenant exists. */
  createTenant(profile: TenantProfile, policy: PolicyRevision, apiKey: ApiKeyRecord): Promise<void>;
  getProfile(tenantId: string): Promise<TenantProfile | undefined>;
  /** The profile and one tenant item read together (strongly consistent, one request): the authorizer's one read. */
  getProfileWithItem(tenantId: string, sk: string): Promise<{ profile?: TenantProfile; item?: TenantItem }>;
  /** Every tenant, by id. */
  listTenants(page?: { cursor?: string; limit?: number }): Promise<Page<TenantProfile>>;
  /** Changes status fields of an existing profile (WriteConflict when there is no such tenant). */
  updateProfile(
    tenantId: string,
    changes: Partial<Pick<TenantProfile, 'status' | 'terminatedAt' | 'name'>>,
  ): Promise<TenantProfile>;

  /** Saves revision `policy.revision`; WriteConflict when that revision exists (someone saved first). */
  savePolicy(revision: PolicyRevision): Promise<void>;
  currentPolicy(tenantId: string): Promise<PolicyRevision | undefined>;
  /** Revisions, newest first. */
  listPolicies(tenantId: string, page?: { cursor?: string; limit?: number }): Promise<Page<PolicyRevision>>;

  addApiKey(key: ApiKeyRecord): Promise<void>;
  apiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(tenantId: string): Promise<ApiKeyRecord[]>;
  deleteApiKey(keyHash: string): Promise<void>;

  putItem(item: TenantItem, condition?: ItemCondition): Promise<void>;
  getItem(tenantId: string, sk: string, options?: { consistent?: boolean }): Promise<TenantItem | undefined>;
  /** The items of `sks` that exist (strongly consistent), read together: one request per 100 keys. */
  getItems(tenantId: string, sks: readonly string[]): Promise<TenantItem[]>;
  /** Items whose sort key starts with `skPrefix` (e.g. `HOLD#`), in sort-key order (`newestFirst`: reversed). */
  queryItems(
    tenantId: string,
    skPrefix: string,
    page?: { cursor?: string; limit?: number; newestFirst?: boolean },
  ): Promise<Page<TenantItem>>;
  updateItem(tenantId: string, sk: string, changes: ItemChanges, condition?: ItemCondition): Promise<TenantItem>;
  deleteItem(tenantId: string, sk: string, condition?: ItemCondition): Promise<void>;
  /**
   * Tenant items of every tenant listed under `listing` (see LISTED_UNDER), by tenant id then sort
   * key. Only listed items are read, never the whole table; the listing is eventually consistent.
   */
  listListed(listing: string, page?: { cursor?: string; limit?: number }): Promise<Page<TenantItem>>;
}
