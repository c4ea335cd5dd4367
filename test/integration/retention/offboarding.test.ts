import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import JSZip from 'jszip';
import type { FinalReport, Offboarding } from '../../../functions/usecases/offboarding/offboarding-record';
import type { TerminationResult } from '../../../functions/usecases/offboarding/terminate-tenant';
import { callApi } from '../../support/api';
import { localNames, regions, s3Client } from '../../support/emulators';
import { rawItems } from '../ingest/support';
import { chat, ingest, newTenant, SECOND, sweep, testContainer } from './support';

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

describe('tenant offboarding (Inbenta: deletion within two months of contract end)', () => {
  it('terminates: exports everything, revokes the keys; after the grace the sweep deletes everything and reports zero left', async () => {
    // Prepare: a chat, chatbot events and their KPI counters
    const tenant = await newTenant('inbenta');
    await chat(tenant);
    await ingest(tenant, '/v1/events', { events: [{ id: 'q1', type: 'question', userType: 'visitor', source: 'web', environment: 'production', at: new Date().toISOString(), payload: { text: 'Where is my parcel?' } }] });

    // Act: the contract ends
    const terminated = await callApi<TerminationResult>(`/v1/tenants/${tenant.tenantId}/termination`, { method: 'POST', operator: true });

    // Assess: the package holds every record, opened; the keys no longer work; deletion is 60 days out
    expect(terminated.status).toBe(200);
    const purgeAfter = new Date(terminated.body.purgeAfter);
    expect(Math.round((purgeAfter.getTime() - Date.parse(terminated.body.terminatedAt)) / 86_400_000)).toBe(60);
    const zip = await JSZip.loadAsync(Buffer.from(await (await fetch(terminated.body.package.url)).arrayBuffer()));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { kind: string; recordsByClass: Record<string, number> };
    expect(manifest.kind).toBe('tenant-offboarding');
    expect(manifest.recordsByClass).toMatchObject({ interaction: 1, transcript: 2, survey: 1, event: 1 });
    expect(await zip.file('records/eu-central-1/transcript.jsonl')!.async('string')).toContain('My parcel never arrived.');
    expect(await zip.file('records/eu-central-1/event.jsonl')!.async('string')).toContain('Where is my parcel?');
    expect(Object.keys(zip.files)).toContain('aggregates/eu-central-1.csv');
    const refused = await callApi('/v1/events', { method: 'POST', body: { events: [] }, headers: { 'x-api-key': tenant.apiKey } });
    expect([401, 403]).toContain(refused.status);

    // Act: the night before the grace ends, then the night it ends
    const deps = testContainer();
    await sweep(deps, tenant.tenantId, new Date(purgeAfter.getTime() - SECOND));
    const stillThere = (await rawItems('eu-central-1', 'recordsTable', tenant.tenantId)).length;
    const run = await sweep(deps, tenant.tenantId, purgeAfter);

    // Assess: the final report, kept in the directory
    expect(stillThere).toBeGreaterThan(0);
    expect(run.failures).toEqual([]);
    const status = await callApi<Offboarding & { finalReport: FinalReport }>(`/v1/tenants/${tenant.tenantId}/termination`, { operator: true });
    expect(status.body.status).toBe('purged');
    expect(status.body.finalReport.remaining).toEqual({ records: 0, indexEntries: 0, contentObjects: 0, archiveObjects: 0, aggregates: 0 });
    expect(status.body.finalReport.retained).toEqual({ litigationBatches: 0, heldRecords: 0 });
    // Assess: and independently, straight from the emulators: nothing of the tenant anywhere
    for (const region of regions())
      for (const table of ['recordsTable', 'keysTable', 'aggregatesTable'] as const) expect(await rawItems(region, table, tenant.tenantId)).toEqual([]);
    expect(await objectsOf(tenant.tenantId)).toEqual([]);
  }, 180_000);
});
