import { Logger } from '@aws-lambda-powertools/logger';
import { CognitoAdminTokens } from '../adapters/auth/cognito-admin-tokens';
import { LocalAdminTokens } from '../adapters/auth/local-admin-tokens';
import { AwsClients } from '../adapters/aws-clients';
import { FetchHttpSender } from '../adapters/http/fetch-http-sender';
import { DynamoTenantDirectory } from '../adapters/dynamodb/tenant-directory';
import { KmsKeyVault } from '../adapters/kms/key-vault';
import { InMemoryMetrics } from '../adapters/metrics/in-memory-metrics';
import { PowertoolsBusinessMetrics } from '../adapters/metrics/powertools-metrics';
import { AwsRegionalStores } from '../adapters/regional-stores';
import { S3ContentStore } from '../adapters/s3/content-store';
import { DekCache } from '../domain/crypto/dek-cache';
import type { AdminTokenIssuer, AdminTokenVerifier } from '../ports/admin-tokens';
import type { AuditLog } from '../ports/audit-log';
import type { Clock } from '../ports/clock';
import type { ContentStore } from '../ports/content-store';
import type { HttpSender } from '../ports/http-sender';
import type { KeyVault } from '../ports/key-vault';
import type { Metrics } from '../ports/metrics';
import type { RegionalStores } from '../ports/regional-stores';
import type { TenantDirectory } from '../ports/tenant-directory';
import { RecordStoreAuditLog } from '../usecases/audit/record-store-audit-log';
import { KeyEncryptionKeys } from '../usecases/personal-data/key-encryption-keys';
import { PersonalDataVault } from '../usecases/personal-data/personal-data-vault';
import { TenantSecrets } from '../usecases/tenants/tenant-secrets';
import { clock as sharedClock } from './clock-source';
import { runtimeConfig, type RuntimeConfig } from './runtime-config';

/**
 * The composition root: every adapter a handler may need, built once per cold start from the
 * runtime configuration. Handlers call `container()` inside the handler function (never at import
 * time) and pass what they need to their use case; tests and the local runtime build their own
 * with `buildContainer(overrides)` and install it with `useContainer`.
 */
export interface Container {
  config: RuntimeConfig;
  /** The process clock (clock-source.ts), so POST /_local/clock moves every handler's time. */
  clock: Clock;
  logger: Logger;
  /** Business metrics: CloudWatch (Powertools) in AWS, kept in memory locally. */
  metrics: Metrics;
  /** Per-region records, keys, aggregates, content, archive and litigation stores. */
  stores: RegionalStores;
  /** The home region's tenant directory. */
  directory: TenantDirectory;
  /** The home region's export packages bucket. */
  exports: ContentStore;
  keyVault: KeyVault;
  /** Seals and opens personal data under per-partition keys; shreds them. */
  vault: PersonalDataVault;
  /** The tenants' subject-index HMAC secrets and audit keys. */
  tenantSecrets: TenantSecrets;
  /** Each tenant's tamper-evident access log (home region). */
  auditLog: AuditLog;
  /** Sends the webhooks that tell a tenant's recipients what a subject request did. */
  httpSender: HttpSender;
  /** Verifies admin tokens: Cognito in AWS, the local signing secret locally; absent: no admin access. */
  adminTokens?: AdminTokenVerifier;
  /** Signs admin tokens: only locally, where Lethe holds the signing secret. */
  tokenIssuer?: AdminTokenIssuer;
}

/** How long an unwrapped data key stays in memory, and how many are kept. */
const KEY_CACHE = { maxEntries: 1000, ttlMs: 60_000 };
/**
 * How long a tenant's unwrapped key-encryption key of a region, or tenant secret, stays in memory:
 * KMS is called once per tenant and region per warm container and period, and a change of the KMS
 * key's policy or state reaches a warm container within it.
 */
const KEK_CACHE = { maxEntries: 1000, ttlMs: 15 * 60_000 };

export function buildContainer(
  overrides: Partial<Container> = {},
  config: RuntimeConfig = overrides.config ?? runtimeConfig(),
): Container {
  const clients = new AwsClients(config);
  const clock = overrides.clock ?? sharedClock;
  const logger = overrides.logger ?? new Logger({ serviceName: config.app });
  const metrics =
    overrides.metrics ?? (config.local ? new InMemoryMetrics() : new PowertoolsBusinessMetrics(config.app));
  const stores = overrides.stores ?? new AwsRegionalStores(config, clients);
  const directory =
    overrides.directory ?? new DynamoTenantDirectory(clients.dynamoFor(config.homeRegion), config.home.directoryTable);
  const exports =
    overrides.exports ??
    new S3ContentStore(clients.s3For(config.homeRegion), config.home.exportBucket, config.homeRegion);
  const keyVault =
    overrides.keyVault ??
    new KmsKeyVault(
      (region) => clients.kmsFor(region),
      (region, key) => {
        const names = config.regional[region];
        if (!names) throw new RangeError(`region ${region} is not served by this deployment`);
        return key === 'data' ? names.dataKeyAlias : names.litigationKeyAlias;
      },
    );
  const keyEncryptionKeys = new KeyEncryptionKeys({ keyVault, stores, cache: new DekCache(clock, KEK_CACHE), clock });
  const vault =
    overrides.vault ??
    new PersonalDataVault({ keyVault, stores, cache: new DekCache(clock, KEY_CACHE), keyEncryptionKeys, clock });
  const tenantSecrets =
    overrides.tenantSecrets ??
    new TenantSecrets({ directory, keyVault, cache: new DekCache(clock, KEK_CACHE), homeRegion: config.homeRegion });
  const auditLog =
    overrides.auditLog ??
    new RecordStoreAuditLog({
      records: stores.storesFor(config.homeRegion).records,
      stores,
      directory,
      auditKey: (t) => tenantSecrets.auditKey(t),
      clock,
    });
  const localTokens =
    config.local && config.localTokenSecret ? new LocalAdminTokens(config.localTokenSecret, clock) : undefined;
  const adminTokens =
    'adminTokens' in overrides
      ? overrides.adminTokens
      : config.userPool
        ? new CognitoAdminTokens(config.userPool, clock)
        : localTokens;
  const httpSender = overrides.httpSender ?? new FetchHttpSender();
  const tokenIssuer = 'tokenIssuer' in overrides ? overrides.tokenIssuer : localTokens;
  return {
    config,
    clock,
    logger,
    metrics,
    stores,
    directory,
    exports,
    keyVault,
    vault,
    tenantSecrets,
    auditLog,
    httpSender,
    adminTokens,
    tokenIssuer,
  };
}

let current: Container | undefined;

/** This process's container, built on first use (the cold start). */
export function container(): Container {
  current ??= buildContainer();
  return current;
}

/** Installs another container (tests, local runtime); `undefined` makes the next call build afresh. */
export function useContainer(next: Container | undefined): void {
  current = next;
}
