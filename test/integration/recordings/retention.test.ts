import { deleteItems, settlePartition, type ActionScope } from '../../../functions/usecases/retention/record-actions';
import { ingest, newTenant, partitionByRegion, type Tenant } from '../ingest/support';
import {
  contentObject,
  fakeAudio,
  RECORDING_REGION,
  recordingRequested,
  testContainer,
  upload,
  type RecordingUpload,
} from './support';

/** Retention's view of one tenant in the recording's region, at the real time. */
const scopeOf = (tenant: Tenant): ActionScope => ({
  deps: testContainer(),
  region: RECORDING_REGION,
  tenantId: tenant.tenantId,
  now: new Date(),
});

async function pointerOf(tenant: Tenant, r: RecordingUpload) {
  const partition = await partitionByRegion(tenant.tenantId, `T#${tenant.tenantId}#I#${r.interactionId}`);
  return partition[RECORDING_REGION].find((i) => i.sk === `REC#${r.recordingId}`);
}

describe('recordings and retention', () => {
  it('a sealed recording keeps its interaction’s data key when retention settles a partition with nothing else sealed', async () => {
    // Prepare: a call without participant, so the recording is the only sealed thing of its partition in this region
    const tenant = await newTenant('iadvize');
    const audio = fakeAudio();
    const recording = await recordingRequested(tenant);
    await upload(recording, audio);
    await ingest(tenant, recording.completeUrl, undefined);
    const pk = `T#${tenant.tenantId}#I#${recording.interactionId}`;
    // Act
    await settlePartition(scopeOf(tenant), pk);
    // Assess
    const stored = await contentObject(
      RECORDING_REGION,
      `recording/${tenant.tenantId}/${recording.interactionId}/${recording.recordingId}`,
    );
    const scope = {
      region: RECORDING_REGION,
      tenantId: tenant.tenantId,
      dataClass: 'recording' as const,
      partitionId: recording.interactionId,
    };
    expect((await testContainer().vault.open(scope, stored!.bytes.toString('utf8'))).equals(audio)).toBe(true);
  });

  it('deleting a recording deletes its sealed object and a pending upload alike', async () => {
    // Prepare: one recording completed, then uploaded to again (a channel retrying late); one never completed
    const tenant = await newTenant('iadvize');
    const completed = await recordingRequested(tenant);
    await upload(completed, fakeAudio());
    await ingest(tenant, completed.completeUrl, undefined);
    await upload(completed, fakeAudio());
    const pending = await recordingRequested(tenant);
    await upload(pending, fakeAudio());
    const pointers = [(await pointerOf(tenant, completed))!, (await pointerOf(tenant, pending))!];
    // Act
    await deleteItems(scopeOf(tenant), pointers);
    // Assess
    for (const r of [completed, pending]) {
      expect(
        await contentObject(RECORDING_REGION, `recording/${tenant.tenantId}/${r.interactionId}/${r.recordingId}`),
      ).toBeUndefined();
      expect(
        await contentObject(RECORDING_REGION, `upload/${tenant.tenantId}/${r.interactionId}/${r.recordingId}`),
      ).toBeUndefined();
      expect(await pointerOf(tenant, r)).toBeUndefined();
    }
  });
});
