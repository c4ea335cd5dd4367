import { createHash } from 'node:crypto';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import JSZip from 'jszip';
import type { JobRunner } from '../../../functions/ports/job-runner';
import { buildTenantPackage } from '../../../functions/usecases/offboarding/build-package';
import type { FinalReport, Offboarding } from '../../../functions/usecases/offboarding/offboarding-record';
import { terminateTenant } from '../../../functions/usecases/offboarding/terminate-tenant';
import type { TerminationView } from '../../../functions/usecases/offboarding/termination-view';
import { callApi } from '../../support/api';
import { homeNames, localNames, rawDirectoryItems, regions, s3Client } from '../../support/emulators';
import { rawItems } from '../ingest/support';
import { asAdmin, chat, ingest, newTenant, SECOND, sweep, testContainer, type Tenant } from './support';

/** Every object of the tenant in every bucket of every region (a test-only listing by the tenant's prefixes). */
async function objectsOf(tenantId: string): Promise<string[]> {
  const found: string[] = [];
  for (const region of regions()) {
    const names = localNames(region);
    for (const bucket of [names.contentBucket, names.archiveBucket, names.litigationBucket]) {
      const out = await s3Client(region).send(new ListObjectsV2Command({ Bucket: bucket }));
      found.push(...(out.Contents ?? []).map((o) => o.Key as string).filter((k) => k.includes(tenantId)));
    }
  }
  return found;
}

/** The tenant's offboarding packages in the exports bucket. */
async function packagesOf(tenantId: string): Promise<string[]> {
  const out = await s3Client().send(
    new ListObjectsV2Command({ Bucket: homeNames().exportBucket, Prefix: `offboarding/${tenantId}/` }),
  );
  return (out.Contents ?? []).map((o) => o.Key as string);
}

const termination = (tenant: Tenant) =>
  callApi<TerminationView>(`/v1/tenants/${tenant.tenantId}/termination`, { operator: true });

/** GET termination until the package is no longer building (the local runtime builds it in its background). */
async function settledTermination(tenant: Tenant): Promise<TerminationView> {
  for (let tries = 0; tries < 120; tries++) {
    const res = await termination(tenant);
    if (res.status !== 200) throw new Error(`GET termination answered ${res.status}: ${JSON.stringify(res.body)}`);
    if (res.body.package.status !== 'building') return res.body;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the package was still building after 30 s');
}

async function zipAt(url: string): Promise<JSZip> {
  return JSZip.loadAsync(Buffer.from(await (await fetch(url)).arrayBuffer()));
}

/** A runner that only notes what it was asked to start: the build runs when the test says so. */
function heldRunner(): JobRunner & { started: string[][] } {
  const started: string[][] = [];
  return { started, start: async (tenantId, requestId) => void started.push([tenantId, requestId]) };
}

const OPERATOR = { user: 'operator', role: 'system', support: false } as const;

async function recordsLeft(tenantId: string): Promise<number> {
  return (await Promise.all(regions().map((r) => rawItems(r, 'recordsTable', tenantId)))).flat().length;
}

describe('tenant offboarding (Inbenta: deletion within two months of contract end)', () => {
  it('terminates: exports everything, revokes the keys; after the grace the sweep deletes everything and reports zero left', async () => {
    // Prepare: a chat, chatbot events and their KPI counters, a recipient's webhook secret
    const tenant = await newTenant('inbenta');
    await chat(tenant);
    const secret = await asAdmin(tenant, '/v1/recipient-secrets', { recipient: 'crm' });
    await ingest(tenant, '/v1/events', {
      events: [
        {
          id: 'q1',
          type: 'question',
          userType: 'visitor',
          source: 'web',
          environment: 'production',
          at: new Date().toISOString(),
          payload: { text: 'Where is my parcel?' },
        },
      ],
    });

    // Act: the contract ends; the package is built in the background
    const terminated = await callApi<TerminationView>(`/v1/tenants/${tenant.tenantId}/termination`, {
      method: 'POST',
      operator: true,
    });
    const settled = await settledTermination(tenant);

    // Assess: accepted at once, package under way; deletion is 60 days out
    expect(terminated.status).toBe(202);
    expect(terminated.body.package).toMatchObject({ status: 'building' });
    const purgeAfter = new Date(terminated.body.purgeAfter);
    expect(Math.round((purgeAfter.getTime() - Date.parse(terminated.body.terminatedAt)) / 86_400_000)).toBe(60);
    // Assess: the package holds every record, opened; the keys no longer work
    if (settled.package.status !== 'ready')
      throw new Error(`the package is ${settled.package.status}: ${JSON.stringify(settled.package)}`);
    expect(settled.package.records).toBe(5);
    const zip = await zipAt(settled.package.url);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      kind: string;
      recordsByClass: Record<string, number>;
    };
    expect(manifest.kind).toBe('tenant-offboarding');
    expect(manifest.recordsByClass).toMatchObject({ interaction: 1, transcript: 2, survey: 1, event: 1 });
    expect(await zip.file('records/eu-central-1/transcript.jsonl')!.async('string')).toContain(
      'My parcel never arrived.',
    );
    expect(await zip.file('records/eu-central-1/event.jsonl')!.async('string')).toContain('Where is my parcel?');
    expect(Object.keys(zip.files)).toContain('aggregates/eu-central-1.csv');
    const refused = await callApi('/v1/events', {
      method: 'POST',
      body: { events: [] },
      headers: { 'x-api-key': tenant.apiKey },
    });
    expect([401, 403]).toContain(refused.status);

    // Act: the night before the grace ends, then the night it ends
    const deps = testContainer();
    await sweep(deps, tenant.tenantId, new Date(purgeAfter.getTime() - SECOND));
    const stillThere = (await rawItems('eu-central-1', 'recordsTable', tenant.tenantId)).length;
    const run = await sweep(deps, tenant.tenantId, purgeAfter);

    // Assess: the final report, kept in the directory
    expect(stillThere).toBeGreaterThan(0);
    expect(run.failures).toEqual([]);
    const status = await callApi<Offboarding & { finalReport: FinalReport }>(
      `/v1/tenants/${tenant.tenantId}/termination`,
      { operator: true },
    );
    expect(status.body.status).toBe('purged');
    expect(status.body.finalReport.remaining).toEqual({
      records: 0,
      indexEntries: 0,
      otherItems: 0,
      dataKeys: 0,
      contentObjects: 0,
      archiveObjects: 0,
      exportObjects: 0,
      aggregates: 0,
    });
    expect(status.body.finalReport.retained).toEqual({ litigationBatches: 0, heldRecords: 0, heldObjects: 0 });
    // Assess: and independently, straight from the emulators: nothing of the tenant anywhere
    for (const region of regions())
      for (const table of ['recordsTable', 'keysTable', 'aggregatesTable'] as const)
        expect(await rawItems(region, table, tenant.tenantId)).toEqual([]);
    expect(await objectsOf(tenant.tenantId)).toEqual([]);
    expect(secret.status).toBe(201);
    expect(await rawDirectoryItems(tenant.tenantId, 'RECIPIENTSECRET#')).toEqual([]);
    expect(await rawDirectoryItems(tenant.tenantId, 'STANDING#')).toEqual([]); // no consent standing marker (keyed hashes of its people) either
  }, 180_000);

  it('answers the termination before the package exists; the build, run later, makes GET show it ready with a link to a zip and its manifest', async () => {
    // Prepare: a tenant with a chat; a runner that holds the build
    const tenant = await newTenant('inbenta');
    await chat(tenant);
    const deps = testContainer();
    const runner = heldRunner();

    // Act: terminate
    const answered = await terminateTenant(
      { ...deps, packageBuilds: runner },
      { tenantId: tenant.tenantId, actor: OPERATOR, from: 'test' },
    );
    const whileBuilding = await termination(tenant);

    // Assess: the termination is done, the build handed over, nothing built yet
    expect(answered.package).toEqual({
      status: 'building',
      requestId: expect.any(String),
      startedAt: deps.clock.now().toISOString(),
    });
    expect(runner.started).toEqual([[tenant.tenantId, answered.package.requestId]]);
    expect(whileBuilding.body).toMatchObject({
      status: 'terminated',
      package: { status: 'building', requestId: answered.package.requestId },
    });
    expect(whileBuilding.body.package).not.toHaveProperty('url');
    expect(await packagesOf(tenant.tenantId)).toEqual([]);

    // Act: the build runs, then runs again (a retried invocation)
    await buildTenantPackage(deps, tenant.tenantId, answered.package.requestId);
    const ready = await termination(tenant);
    await buildTenantPackage(deps, tenant.tenantId, answered.package.requestId);
    const again = await termination(tenant);

    // Assess: ready, with a fresh link to the zip whose manifest is the one recorded
    if (ready.body.package.status !== 'ready') throw new Error(`the package is ${ready.body.package.status}`);
    const key = `offboarding/${tenant.tenantId}/${answered.package.requestId}.zip`;
    expect(ready.body.package).toMatchObject({ key, records: 4, urlExpiresAt: expect.any(String) });
    const manifest = await (await zipAt(ready.body.package.url)).file('manifest.json')!.async('string');
    expect(JSON.parse(manifest)).toMatchObject({
      kind: 'tenant-offboarding',
      requestId: answered.package.requestId,
      recordsByClass: { interaction: 1, transcript: 2, survey: 1 },
    });
    expect(createHash('sha256').update(manifest).digest('hex')).toBe(ready.body.package.manifestSha256);
    // Assess: the second run saw it ready and stopped
    expect(again.body.package).toMatchObject({
      status: 'ready',
      builtAt: ready.body.package.builtAt,
      manifestSha256: ready.body.package.manifestSha256,
    });
    expect(await packagesOf(tenant.tenantId)).toEqual([key]);
  }, 120_000);

  it('a build still waiting when the grace ends is failed by the purge, and running it afterwards brings nothing back', async () => {
    // Prepare: terminated, the build held
    const tenant = await newTenant('inbenta');
    await chat(tenant);
    const deps = testContainer();
    const answered = await terminateTenant(
      { ...deps, packageBuilds: heldRunner() },
      { tenantId: tenant.tenantId, actor: OPERATOR, from: 'test' },
    );

    // Act: the grace ends and the sweep purges; then the build invocation arrives
    const run = await sweep(deps, tenant.tenantId, new Date(answered.purgeAfter));
    const after = await buildTenantPackage(deps, tenant.tenantId, answered.package.requestId);
    const status = await termination(tenant);

    // Assess: purged, the package failed with the reason, nothing built or re-recorded
    expect(run.failures).toEqual([]);
    expect(after.status).toBe('purged');
    expect(status.body).toMatchObject({
      status: 'purged',
      package: {
        status: 'failed',
        requestId: answered.package.requestId,
        reason: 'the grace ended before the package was ready; the purge has begun',
      },
    });
    expect(await packagesOf(tenant.tenantId)).toEqual([]);
    expect(await recordsLeft(tenant.tenantId)).toBe(0);
  }, 120_000);
});
