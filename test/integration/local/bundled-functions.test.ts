import { HANDLERS } from '../../../infra/config/handlers';
import { scheduledRules } from '../../../infra/local/runtime/scheduler';
import { startPrivateRuntime, type PrivateRuntime } from '../../support/private-runtime';
import type { Spec } from '../lifecycle/commands';
import { emulatorSystem, fixedSequence, newCounts, runSequence } from '../lifecycle/lifecycle';
import { httpGateway, LethePlatform } from '../lifecycle/system';

/**
 * Runs what is deployed: every function as the esbuild bundle `cdk synth` ships, each in a process
 * of its own with its template's environment (infra/local/runtime/bundled-host.ts). A bundling
 * fault — a file not copied, a dynamic require, an ESM/CJS mismatch, a missing external — fails
 * here, not first in AWS. The rest of the suite runs the same handlers from their sources.
 */
describe('the deployed bundles', () => {
  let runtime: PrivateRuntime;
  beforeAll(async () => {
    runtime = await startPrivateRuntime({ bundled: true });
  }, 60_000);
  afterAll(async () => {
    await runtime?.close();
  });

  it('keep every lifecycle invariant over a sequence that crosses ingest, reads, holds, copies, erasure and offboarding', async () => {
    // Prepare
    const specs: Spec[] = [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'message', tenant: 0, pick: 0 },
      { kind: 'record', tenant: 0, pick: 0 },
      { kind: 'play', tenant: 0, pick: 0 },
      { kind: 'bulkDownload', tenant: 0, pick: 0 },
      { kind: 'deleteTranscript', tenant: 0, pick: 0 },
      { kind: 'holdSubject', tenant: 0, subject: 0 },
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'release', tenant: 0, pick: 0 },
      { kind: 'ingest', tenant: 1, subject: 1 },
      { kind: 'export', tenant: 1, subject: 1 },
      { kind: 'erase', tenant: 1, subject: 1 },
      { kind: 'terminate', tenant: 1 },
      { kind: 'advance', days: 181 },
      { kind: 'sweep', tenant: 0 },
    ];
    const counts = newCounts();

    // Act
    const run = runSequence(emulatorSystem(runtime), fixedSequence(specs, counts), counts);

    // Assess
    await expect(run).resolves.toBeUndefined();
    expect(counts.steps).toBe(specs.length);
  }, 300_000);

  it('answer on the routes of the functions the sequence does not reach, and the scheduled ones for one tenant', async () => {
    // Prepare: the scheduled functions run here for this tenant only (a nightly run would sweep other suites' tenants)
    const platform = new LethePlatform(httpGateway(runtime));
    const tenant = await platform.createTenant('puzzel');
    const worker = scheduledRules(runtime.cloud).rules.find(
      (rule) => HANDLERS.find((h) => h.entry === rule.target.entry)?.name === 'subject-request-worker',
    );

    // Act
    const health = await fetch(`${runtime.url}/v1/health`);
    const console = await fetch(`${runtime.url}/console/`);
    const batches = await platform.asStaff(tenant, '/v1/litigation/batches', 'GET', undefined, 'legal');
    const archive = await platform.asStaff(tenant, '/v1/archive/interaction', 'GET');
    const staff = await platform.asStaff(tenant, '/v1/staff', 'GET');
    const swept = await platform.operatorCall('/v1/sweeps', 'POST', { tenantId: tenant.tenantId });
    const filed = worker
      ? await runtime.host.invoke(
          worker.target,
          { tenantId: tenant.tenantId, type: 'export', identifiers: { email: 'nobody@example.com' } },
          'bundled-worker',
        )
      : undefined;

    // Assess
    expect(health.status).toBe(200);
    expect(console.status).toBe(200);
    expect(await console.text()).toContain('<html');
    expect(batches.status).toBe(200);
    expect(archive.status).toBe(200);
    expect(staff.status).toBe(200);
    expect(swept.status).toBe(200);
    expect(filed).toMatchObject({ kind: 'result', value: { status: 'completed', type: 'export' } });
  }, 300_000);
});
