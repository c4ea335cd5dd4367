import { callApi } from '../../support/api';
import {
  DAY,
  ingest,
  keysOf,
  newTenant,
  objectsUnder,
  recordsOf,
  SECOND,
  sweep,
  tallyOf,
  testContainer,
} from './support';

const month = (d: Date) => d.toISOString().slice(0, 7);

describe('Inbenta preset: raw events kept 100 days, then archived, reachable only as CSV, deleted 2 years later', () => {
  it('moves expired events to the archive tier, exports them as CSV to admins only, and deletes them when the archive retention ends', async () => {
    // Prepare: two chatbot events of one session
    const tenant = await newTenant('inbenta');
    const at = new Date().toISOString();
    await ingest(tenant, '/v1/events', {
      events: [
        {
          id: 'q1',
          type: 'question',
          sessionId: 'session-1',
          userType: 'visitor',
          source: 'web',
          environment: 'production',
          at,
          payload: { text: 'Where is my parcel?' },
        },
        {
          id: 'r1',
          type: 'rating',
          sessionId: 'session-1',
          userType: 'visitor',
          source: 'web',
          environment: 'production',
          at,
          payload: { value: 4 },
        },
      ],
    });
    const deps = testContainer();
    const events = (await recordsOf(tenant.tenantId)).filter((i) => i.sk === 'EVENT');
    const expiry = new Date(Math.max(...events.map((e) => (e.expiresAt as number) * 1000)));
    expect(Math.round((expiry.getTime() - Date.now()) / DAY)).toBe(100);

    // Act: the night of the 100th day
    const early = await sweep(
      deps,
      tenant.tenantId,
      new Date(Math.min(...events.map((e) => (e.expiresAt as number) * 1000)) - SECOND),
    );
    const archived = await sweep(deps, tenant.tenantId, expiry);

    // Assess: the events left the records table for the archive bucket; a pointer stays per event
    expect(tallyOf(early, tenant.tenantId, 'event').due).toBe(0);
    expect(tallyOf(archived, tenant.tenantId, 'event')).toMatchObject({ due: 2, archived: 2, failed: 0 });
    const left = (await recordsOf(tenant.tenantId)).filter((i) => i.pk.includes('#E#'));
    const pointers = left.filter((i) => !i.sk.startsWith('SUBJ#'));
    expect(pointers.map((i) => i.sk).sort()).toEqual(['ARCHIVED#EVENT', 'ARCHIVED#EVENT']);
    // The session's index entries stay beside the pointers, so a subject request still finds the archived copies.
    expect(left.filter((i) => i.sk.startsWith('SUBJ#visitorId#'))).toHaveLength(2);
    expect(left.every((i) => !('sealed' in i))).toBe(true);
    const archiveKeys = await objectsUnder('archiveBucket', `event/${tenant.tenantId}/`);
    expect(archiveKeys.sort()).toEqual([
      `event/${tenant.tenantId}/${month(expiry).replace('-', '/')}/q1.json`,
      `event/${tenant.tenantId}/${month(expiry).replace('-', '/')}/r1.json`,
    ]);
    expect(JSON.stringify(archiveKeys)).not.toContain('parcel');

    // Act: the restricted CSV export
    const path = `/v1/archive/event?from=${month(expiry)}&to=${month(expiry)}`;
    const csv = await callApi<string>(path, { headers: { authorization: `Bearer ${tenant.adminToken}` } });
    const byChannel = await callApi(path, { headers: { 'x-api-key': tenant.apiKey } });

    // Assess: admins get CSV with the opened payloads; a channel's API key gets nothing (401: the route takes a staff token)
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('payload');
    expect(csv.body).toContain('Where is my parcel?');
    expect(csv.body).toContain('session-1');
    expect(byChannel.status).toBe(401);
    expect((await deps.auditLog.list(tenant.tenantId, { action: 'export' })).items).toHaveLength(1);

    // Act: two years after the transfer, the archive retention ends
    const pointer = pointers[0];
    const archiveEnd = new Date((pointer.expiresAt as number) * 1000);
    expect(new Date(archiveEnd).getUTCFullYear() - expiry.getUTCFullYear()).toBe(2);
    const deleted = await sweep(deps, tenant.tenantId, archiveEnd);

    // Assess: archived objects, pointers and data keys are gone
    expect(tallyOf(deleted, tenant.tenantId, 'event')).toMatchObject({ due: 2, deleted: 2, failed: 0 });
    expect(await objectsUnder('archiveBucket', `event/${tenant.tenantId}/`)).toEqual([]);
    expect((await recordsOf(tenant.tenantId)).filter((i) => i.pk.includes('#E#'))).toEqual([]);
    // Both events were sealed under their session's shared key: it went with the last of them.
    expect((await keysOf(tenant.tenantId)).filter((k) => /#K#(q1|r1|#session#.*)$/.test(k.pk))).toEqual([]);
  }, 180_000);
});
