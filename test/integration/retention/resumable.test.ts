import type { RecordStore } from '../../../functions/ports/record-store';
import type { RegionalStores } from '../../../functions/ports/regional-stores';
import { runSweep } from '../../../functions/usecases/nightly-sweep/run-sweep';
import { listBatches } from '../../../functions/usecases/litigation/list-batches';
import { ANNA, chat, newTenant, recordsOf, testContainer, type Tenant } from './support';

const WRITES = new Set(['transactWrite', 'put', 'update', 'deleteItems', 'deletePartition']);

/**
 * The stores, except that the records tables stop after `writes` writes: the write after that
 * `fault` decides (`hang`: never returns, as when the Lambda is killed there; `fail`: throws).
 */
function faultyStores(
  stores: RegionalStores,
  writes: number,
  fault: 'hang' | 'fail',
  onFault: () => void,
): RegionalStores {
  let count = 0;
  const wrap = (records: RecordStore): RecordStore =>
    new Proxy(records, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (typeof value !== 'function' || !WRITES.has(String(name)))
          return typeof value === 'function' ? value.bind(target) : value;
        return (...args: unknown[]) => {
          if (++count <= writes) return (value as (...a: unknown[]) => unknown).apply(target, args);
          onFault();
          return fault === 'hang'
            ? new Promise(() => undefined)
            : Promise.reject(new Error('injected: the table refused the write'));
        };
      },
    });
  return {
    regions: stores.regions,
    storesFor: (region) => ({ ...stores.storesFor(region), records: wrap(stores.storesFor(region).records) }),
  };
}

/** Three iAdvize calls (sealed, then anonymised at 12 months) and when they are all due. */
async function threeCalls(): Promise<{ tenant: Tenant; due: Date }> {
  const tenant = await newTenant('iadvize');
  for (let i = 0; i < 3; i++) await chat(tenant, { ...ANNA, email: `caller${i}@example.com` }, 'call');
  const expiries = (await recordsOf(tenant.tenantId))
    .filter((r) => typeof r.class === 'string' && !r.sk.startsWith('SUBJ#'))
    .map((r) => (r.expiresAt as number) * 1000);
  return { tenant, due: new Date(Math.max(...expiries)) };
}

/** What is physically left of a tenant, with its own ids taken out, so two tenants compare. */
async function endState(tenant: Tenant): Promise<unknown> {
  const deps = testContainer();
  // Records only (interactions, events, consents): batches group records by index page, and index
  // pages differ between two tenants, so batches are compared by the records they hold.
  const records = (await recordsOf(tenant.tenantId)).filter((i) => ['I', 'E', 'C'].includes(i.pk.split('#')[2]));
  const items = records.map((i) => ({
    kind: i.pk.split('#')[2],
    sk: i.sk.replace(/#.*/, ''),
    tier: i.tier,
    personal: 'sealed' in i,
    indexed: i.sk.startsWith('SUBJ#'),
  }));
  const batches = await listBatches(deps.stores, tenant.tenantId);
  const sealed = (c: string) => batches.filter((b) => b.sealedClass === c).reduce((n, b) => n + b.records, 0);
  return {
    items: items.map((i) => JSON.stringify(i)).sort(),
    sealed: { interaction: sealed('interaction'), transcript: sealed('transcript') },
  };
}

describe('a sweep stopped half-way', () => {
  it('killed after a few writes and run again, ends in the same state as a sweep that was never interrupted', async () => {
    // Prepare: twin tenants with the same conversations
    const control = await threeCalls();
    const victim = await threeCalls();
    const deps = testContainer();
    await runSweep(deps, { tenantId: control.tenant.tenantId, now: control.due });

    // Act: the victim's sweep dies at its 5th write (inside sealing or acting), then runs again
    let killed!: () => void;
    const death = new Promise<void>((resolve) => (killed = resolve));
    void runSweep(
      { ...deps, stores: faultyStores(deps.stores, 4, 'hang', () => killed()) },
      { tenantId: victim.tenant.tenantId, now: victim.due },
    );
    await death;
    const halfway = await endState(victim.tenant);
    const rerun = await runSweep(deps, { tenantId: victim.tenant.tenantId, now: victim.due });

    // Assess
    expect(halfway).not.toEqual(await endState(control.tenant));
    expect(rerun.failures).toEqual([]);
    expect(await endState(victim.tenant)).toEqual(await endState(control.tenant));
  }, 120_000);

  it('reports the records it could not finish, keeps its checkpoint, and finishes them on the next run', async () => {
    // Prepare
    const { tenant, due } = await threeCalls();
    const deps = testContainer();

    // Act: every records-table write after the 6th fails
    const failing = await runSweep(
      { ...deps, stores: faultyStores(deps.stores, 6, 'fail', () => undefined) },
      { tenantId: tenant.tenantId, now: due },
    );
    const retried = await runSweep(deps, { tenantId: tenant.tenantId, now: due });

    // Assess
    expect(failing.complete).toBe(false);
    expect(failing.failures.length).toBeGreaterThan(0);
    expect(failing.failures.every((f) => f.reason.includes('injected') && f.tenantId === tenant.tenantId)).toBe(true);
    expect(failing.rows.reduce((n, r) => n + r.tally.failed, 0)).toBe(failing.failures.length);
    expect(retried.failures).toEqual([]);
    expect(retried.complete).toBe(true);
    const left = await recordsOf(tenant.tenantId);
    expect(left.filter((i) => 'sealed' in i || i.sk.startsWith('SUBJ#'))).toEqual([]);
  }, 120_000);
});
