import { getInteraction } from '../../../functions/usecases/readback/get-interaction';
import { getTranscript } from '../../../functions/usecases/readback/get-transcript';
import type { RecordingUpload } from '../../../functions/domain/ingest/responses';
import {
  chat,
  DAY,
  ingest,
  keysOf,
  newTenant,
  objectsUnder,
  recordedCall,
  recordsOf,
  SECOND,
  sortKeys,
  sweep,
  tallyOf,
  testContainer,
} from './support';

describe('Puzzel preset: retention per category, enforced nightly', () => {
  it("chat logs are hidden the second their 30 days end and physically gone after that night's sweep; general info stays", async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const conversation = await chat(tenant);
    const deps = testContainer();
    const messages = (await recordsOf(tenant.tenantId)).filter(
      (i) => i.pk === conversation.pk && i.sk.startsWith('MSG#'),
    );
    const expiry = new Date(Math.max(...messages.map((m) => m.expiresAt as number)) * 1000);
    expect(expiry.getTime() - Date.now()).toBeGreaterThan(29 * DAY);

    // Assess: one second before, the chat log is there; at the expiry instant it is not
    deps.clock.set(new Date(expiry.getTime() - SECOND));
    expect((await getTranscript(deps, tenant.tenantId, conversation.interactionId)).messages).toHaveLength(2);
    deps.clock.set(expiry);
    expect((await getTranscript(deps, tenant.tenantId, conversation.interactionId)).messages).toHaveLength(0);

    // Act: that night's sweep
    const run = await sweep(deps, tenant.tenantId, expiry);

    // Assess: the lines are gone from DynamoDB Local; general info, survey and index entries are not
    expect(tallyOf(run, tenant.tenantId, 'transcript')).toMatchObject({ due: 2, deleted: 2, failed: 0 });
    expect(run.failures).toEqual([]);
    const left = sortKeys(await recordsOf(tenant.tenantId), conversation.pk);
    expect(left.filter((sk) => sk.startsWith('MSG#'))).toEqual([]);
    expect(left).toEqual(
      expect.arrayContaining(['INFO', expect.stringMatching(/^SURVEY#/), expect.stringMatching(/^SUBJ#email#/)]),
    );
    expect((await getInteraction(deps, tenant.tenantId, conversation.interactionId)).interactionId).toBe(
      conversation.interactionId,
    );
  });

  it('general info goes at 180 days with everything of its interaction: survey, index entries, data key and audit entries', async () => {
    // Prepare: an admin viewed the interaction, which wrote an audit entry about it
    const tenant = await newTenant('puzzel');
    const conversation = await chat(tenant);
    const deps = testContainer();
    await deps.auditLog.append(tenant.tenantId, {
      at: new Date().toISOString(),
      actor: { user: 'agent-7', role: 'admin', support: false },
      action: 'interaction.view',
      interactionId: conversation.interactionId,
      from: '192.0.2.0/24',
      details: {},
    });
    const info = (await recordsOf(tenant.tenantId)).find((i) => i.pk === conversation.pk && i.sk === 'INFO')!;
    const expiry = new Date((info.expiresAt as number) * 1000);
    expect(Math.round((expiry.getTime() - Date.now()) / DAY)).toBe(180);

    // Act: one second before, then at the expiry
    const early = await sweep(deps, tenant.tenantId, new Date(expiry.getTime() - SECOND));
    const stillThere = sortKeys(await recordsOf(tenant.tenantId), conversation.pk);
    const run = await sweep(deps, tenant.tenantId, expiry);

    // Assess
    expect(tallyOf(early, tenant.tenantId, 'interaction').due).toBe(0);
    expect(stillThere).toContain('INFO');
    expect(tallyOf(run, tenant.tenantId, 'interaction')).toMatchObject({ due: 1, deleted: 1, failed: 0 });
    expect(sortKeys(await recordsOf(tenant.tenantId), conversation.pk)).toEqual([]);
    expect((await keysOf(tenant.tenantId)).filter((k) => k.pk.endsWith(conversation.interactionId))).toEqual([]);
    const audit = await deps.auditLog.list(tenant.tenantId, { interactionId: conversation.interactionId });
    expect(audit.items).toEqual([]);
    const chain = await deps.auditLog.readChain(tenant.tenantId);
    expect(chain.items.map((r) => r.kind)).toContain('tombstone');
  });

  it('a call recording goes at 14 days: its pointer and every version of its audio object', async () => {
    // Prepare: a recorded call (the caller agreed), its audio uploaded through the presigned URL
    const tenant = await newTenant('puzzel');
    const interactionId = await recordedCall(tenant);
    const upload = await ingest<RecordingUpload>(tenant, `/v1/interactions/${interactionId}/recording`, {
      contentType: 'audio/mpeg',
    });
    const put = await fetch(upload.uploadUrl, {
      method: 'PUT',
      headers: upload.headers,
      body: Buffer.from('ID3 the caller speaking'),
    });
    expect(put.status).toBe(200);
    const prefix = `upload/${tenant.tenantId}/${interactionId}/`;
    expect(await objectsUnder('contentBucket', prefix)).toHaveLength(1);
    const pointer = (await recordsOf(tenant.tenantId)).find((i) => i.sk === `REC#${upload.recordingId}`)!;
    const expiry = new Date((pointer.expiresAt as number) * 1000);
    expect(Math.round((expiry.getTime() - Date.now()) / DAY)).toBe(14);

    // Act
    const run = await sweep(testContainer(), tenant.tenantId, expiry);

    // Assess
    expect(tallyOf(run, tenant.tenantId, 'recording')).toMatchObject({ due: 1, deleted: 1, failed: 0 });
    expect((await recordsOf(tenant.tenantId)).filter((i) => i.sk.startsWith('REC#'))).toEqual([]);
    expect(await objectsUnder('contentBucket', prefix)).toEqual([]);
    expect(sortKeys(await recordsOf(tenant.tenantId), `T#${tenant.tenantId}#I#${interactionId}`)).toContain('INFO');
  });
});
