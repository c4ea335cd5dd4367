import { Logger } from '@aws-lambda-powertools/logger';
import { InMemoryKeyVault } from '../../functions/adapters/memory/key-vault';
import { InMemoryContentStore } from '../../functions/adapters/memory/content-store';
import { InMemoryRegionalStores } from '../../functions/adapters/memory/regional-stores';
import { InMemoryTenantDirectory } from '../../functions/adapters/memory/tenant-directory';
import { InMemoryMetrics } from '../../functions/adapters/metrics/in-memory-metrics';
import { SettableClock } from '../../functions/domain/clock';
import { buildContainer, type Container } from '../../functions/shared/container';
import { parseRuntimeConfig } from '../../functions/shared/runtime-config';
import { createTenant } from '../../functions/usecases/tenants/create-tenant';

/** The regions of the in-memory deployment: the home region and the one the presets send SMS and calls to. */
export const HOME_REGION = 'eu-central-1';
const REGIONS = [HOME_REGION, 'us-east-1'];

/**
 * The production composition root (buildContainer) with every store, the directory and KMS held in
 * memory: use cases run exactly as wired in AWS, without an emulator, on a clock the test holds.
 */
export function inMemoryContainer(clock = new SettableClock('2026-03-02T09:00:00.000Z')): Container & {
  clock: SettableClock;
  stores: InMemoryRegionalStores;
} {
  const stores = new InMemoryRegionalStores(REGIONS);
  const config = parseRuntimeConfig({
    LETHE_ACCOUNT: '000000000000',
    LETHE_HOME_REGION: HOME_REGION,
    LETHE_REGIONS: REGIONS.join(','),
  });
  const container = buildContainer(
    {
      clock,
      logger: new Logger({ logLevel: 'SILENT' }),
      metrics: new InMemoryMetrics(),
      stores,
      directory: new InMemoryTenantDirectory(),
      exports: new InMemoryContentStore('exports', HOME_REGION),
      keyVault: new InMemoryKeyVault(),
      adminTokens: undefined,
      tokenIssuer: undefined,
    },
    config,
  );
  return { ...container, clock, stores };
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
