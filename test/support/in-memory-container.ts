import { Logger } from '@aws-lambda-powertools/logger';
import { InMemoryKeyVault } from '../../functions/adapters/memory/key-vault';
import { InMemoryContentStore } from '../../functions/adapters/memory/content-store';
import { InMemoryRegionalStores } from '../../functions/adapters/memory/regional-stores';
import { InMemoryTenantDirectory } from '../../functions/adapters/memory/tenant-directory';
import { InMemoryMetrics } from '../../functions/adapters/metrics/in-memory-metrics';
import { type Clock, SettableClock } from '../../functions/domain/clock';
import { buildContainer, type Container } from '../../functions/shared/container';
import { parseRuntimeConfig } from '../../functions/shared/runtime-config';
import { createTenant } from '../../functions/usecases/tenants/create-tenant';

/** The regions of the in-memory deployment: the home region and the one the presets send SMS and calls to. */
export const HOME_REGION = 'eu-central-1';
const REGIONS = [HOME_REGION, 'us-east-1'];

/**
 * An endpoint nothing listens on: a local deployment's config needs one (it is what makes it local),
 * and every store here is a twin, so a call that still reached for the emulators fails loudly.
 */
const NO_EMULATOR = 'http://127.0.0.1:9';

/**
 * The production composition root (buildContainer) with every store, the directory and KMS held in
 * memory: use cases run exactly as wired in AWS, without an emulator, on a clock the test holds.
 * With `localTokenSecret` it is wired as the local runtime is: admin tokens signed with that
 * secret, subject requests and offboarding packages run as jobs in this process.
 */
export function inMemoryContainer<C extends Clock = SettableClock>(
  clock: C = new SettableClock('2026-03-02T09:00:00.000Z') as unknown as C,
  options: { localTokenSecret?: string } = {},
): Omit<Container, 'clock' | 'stores' | 'directory' | 'exports'> & {
  clock: C;
  stores: InMemoryRegionalStores;
  directory: InMemoryTenantDirectory;
  exports: InMemoryContentStore;
} {
  const stores = new InMemoryRegionalStores(REGIONS);
  const directory = new InMemoryTenantDirectory();
  const exports = new InMemoryContentStore('exports', HOME_REGION);
  const local = options.localTokenSecret
    ? { LETHE_DYNAMODB_ENDPOINT: NO_EMULATOR, LETHE_LOCAL_TOKEN_SECRET: options.localTokenSecret }
    : {};
  const config = parseRuntimeConfig({
    LETHE_ACCOUNT: '000000000000',
    LETHE_HOME_REGION: HOME_REGION,
    LETHE_REGIONS: REGIONS.join(','),
    ...local,
  });
  const container = buildContainer(
    {
      clock,
      logger: new Logger({ logLevel: 'SILENT' }),
      metrics: new InMemoryMetrics(),
      stores,
      directory,
      exports,
      keyVault: new InMemoryKeyVault(),
      ...(options.localTokenSecret ? {} : { adminTokens: undefined, tokenIssuer: undefined }),
    },
    config,
  );
  return { ...container, clock, stores, directory, exports };
}

/** A tenant opened through the create-tenant use case, on the preset given. */
export async function openTenant(c: Container, preset: 'puzzel' | 'iadvize' | 'inbenta'): Promise<string> {
  const created = await createTenant(
    { name: `tenant on ${preset}`, preset },
    { ...c, homeRegion: c.config.homeRegion, deployedRegions: c.config.regions },
  );
  return created.tenantId;
}

/** Legal counsel of the tenant, as the holds routes name the actor (the audit log shows who and from where). */
export const counselOf = (tenantId: string) => ({
  tenantId,
  userId: 'u-counsel',
  role: 'legal' as const,
  support: false,
  from: '203.0.113.0/24',
});
