import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { homeRegion, localNames, s3Client } from '../../support/emulators';
import { contentStoreContract } from '../../support/content-store-contract';
import { freshTenant, testContainer } from './container';

describe('a bucket of a region', () => {
  const { stores } = testContainer();
  const content = stores.storesFor(homeRegion()).content;

  describe('on s3rver, the ContentStore contract', () => {
    contentStoreContract(() => ({ content, freshTenant }));
  });

  it('deletes every version of an object, so nothing of it can be read or listed afterwards', async () => {
    // Prepare
    const tenantId = freshTenant();
    const key = `transcript/${tenantId}/I1/part-1`;
    const neighbour = `${key}0`; // shares the prefix, must survive
    await content.put(key, Buffer.from('first'));
    await content.put(key, Buffer.from('second'));
    await content.put(neighbour, Buffer.from('other'));
    const before = await content.listVersions(key);
    // Act
    const deleted = await content.deleteAllVersions(key);
    // Assess
    expect(before.length).toBeGreaterThanOrEqual(1);
    expect(deleted).toBe(before.length);
    expect(await content.listVersions(key)).toEqual([]);
    expect(await content.get(key)).toBeUndefined();
    const raw = await s3Client().send(
      new ListObjectsV2Command({ Bucket: localNames().contentBucket, Prefix: `transcript/${tenantId}/` }),
    );
    expect((raw.Contents ?? []).map((o) => o.Key)).toEqual([neighbour]);
  });

  it('hands out short-lived URLs that download and upload exactly one object', async () => {
    // Prepare
    const key = `recording/${freshTenant()}/I1/R2`;
    // Act
    const putUrl = await content.presignPut(key, 300, 'audio/mpeg');
    const uploaded = await fetch(putUrl, {
      method: 'PUT',
      body: 'mp3 bytes',
      headers: { 'content-type': 'audio/mpeg' },
    });
    const getUrl = await content.presignGet(key, 300, { downloadName: 'call.mp3' });
    const downloaded = await fetch(getUrl);
    // Assess
    expect(uploaded.status).toBe(200);
    expect(downloaded.status).toBe(200);
    expect(await downloaded.text()).toBe('mp3 bytes');
    await expect(content.presignGet(key, 7200)).rejects.toThrow(/1 to 3600 seconds/);
  });
});
