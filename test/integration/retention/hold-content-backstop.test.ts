import { GetObjectTaggingCommand } from '@aws-sdk/client-s3';
import { BACKSTOP_TAG } from '../../../functions/domain/retention/content-backstop';
import type { ContentStore } from '../../../functions/ports/content-store';
import type { RegionalStores } from '../../../functions/ports/regional-stores';
import { finaliseRecording } from '../../../functions/usecases/recordings/finalise-recording';
import { localNames, regions, s3Client } from '../../support/emulators';
import { asAdmin, newTenant, recordedCall, testContainer, uploadedRecording } from './support';

type Put = { key: string; tags?: Readonly<Record<string, string>> };

/** The same stores, with every content-bucket put noted (the local S3 emulator drops tags sent with a put). */
function notingPuts(stores: RegionalStores, puts: Put[]): RegionalStores {
  return {
    regions: stores.regions,
    storesFor: (region) => {
      const real = stores.storesFor(region);
      const content: ContentStore = Object.assign(Object.create(real.content) as ContentStore, {
        put: (key: string, bytes: Uint8Array, options?: Parameters<ContentStore['put']>[2]) => (
          puts.push({ key, tags: options?.tags }), real.content.put(key, bytes, options)
        ),
      });
      return { ...real, content };
    },
  };
}

/** The backstop tag of an object of the content bucket, in whichever region holds it. */
async function backstopTagOf(key: string): Promise<string | undefined> {
  for (const region of regions()) {
    const out = await s3Client(region)
      .send(new GetObjectTaggingCommand({ Bucket: localNames(region).contentBucket, Key: key }))
      .catch((error: { name?: string }) => {
        if (error.name === 'NoSuchKey') return undefined;
        throw error;
      });
    if (out) return out.TagSet?.find((t) => t.Key === BACKSTOP_TAG)?.Value;
  }
  throw new Error(`no region holds ${key}`);
}

describe('S3 lifecycle never deletes what a legal hold keeps', () => {
  it('recordings are written inside the age backstop, a hold tags them out of it (also one completed after the hold), release tags them back', async () => {
    // Prepare: a recorded call with two uploads; the first completed now
    const tenant = await newTenant('puzzel');
    const interactionId = await recordedCall(tenant);
    const early = await uploadedRecording(tenant, interactionId);
    const late = await uploadedRecording(tenant, interactionId);
    const puts: Put[] = [];
    const deps = testContainer();
    const noting = { ...deps, stores: notingPuts(deps.stores, puts) };
    await finaliseRecording(noting, tenant.tenantId, interactionId, early);
    const earlyKey = `recording/${tenant.tenantId}/${interactionId}/${early}`;
    const lateKey = `recording/${tenant.tenantId}/${interactionId}/${late}`;

    // Act: a hold on the call; then the second recording is completed
    const hold = await asAdmin<{ holdId: string }>(tenant, '/v1/holds', { interactionId, reason: 'claim 2025-40' });
    expect(hold.status).toBe(201);
    const tagWhileHeld = await backstopTagOf(earlyKey);
    await finaliseRecording(noting, tenant.tenantId, interactionId, late);

    // Assess: written in the backstop; out of it once held, and the late one written out of it
    expect(puts).toEqual([
      { key: earlyKey, tags: { [BACKSTOP_TAG]: 'on' } },
      { key: lateKey, tags: { [BACKSTOP_TAG]: 'held' } },
    ]);
    expect(tagWhileHeld).toBe('held');

    // Act: the hold is released
    const released = await asAdmin<{ itemsResumed: number }>(tenant, `/v1/holds/${hold.body.holdId}/release`, {});

    // Assess: both recordings are back in the backstop
    expect(released.status).toBe(200);
    expect(await backstopTagOf(earlyKey)).toBe('on');
    expect(await backstopTagOf(lateKey)).toBe('on');
  }, 120_000);
});
