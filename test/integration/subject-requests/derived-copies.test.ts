import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import JSZip from 'jszip';
import type { ContentStore } from '../../../functions/ports/content-store';
import { anonymiseItem, deleteItems } from '../../../functions/usecases/retention/record-actions';
import { homeNames, s3Client } from '../../support/emulators';
import {
  asAdmin,
  newSubject,
  newTenant,
  runRequest,
  storeSubject,
  testContainer,
  testDeps,
  type Stored,
  type Subject,
  type Tenant,
} from './support';

jest.setTimeout(180_000);

const REGION = 'eu-central-1';

/** Keys of the tenant's objects in the exports bucket, straight from the emulator. */
async function exportsOf(tenantId: string): Promise<string[]> {
  const out = await s3Client().send(new ListObjectsV2Command({ Bucket: homeNames().exportBucket }));
  return (out.Contents ?? []).map((o) => o.Key as string).filter((k) => k.includes(`/${tenantId}/`));
}

/** Every file of every zip of the tenant in the exports bucket, unpacked, as text. */
async function unzippedExports(c: ReturnType<typeof testContainer>, tenantId: string): Promise<string> {
  const texts: string[] = [];
  for (const key of await exportsOf(tenantId)) {
    const zip = await JSZip.loadAsync((await c.exports.get(key))!.bytes);
    for (const file of Object.values(zip.files)) if (!file.dir) texts.push(await file.async('string'));
  }
  return texts.join('\n');
}

const playbackCopies = async (c: ReturnType<typeof testContainer>, tenantId: string) =>
  (await c.stores.storesFor(REGION).content.listKeys(`playback/${tenantId}/`, { limit: 1000 })).items;
const statusOf = async (url: string) => (await fetch(url)).status;

async function playLink(tenant: Tenant, stored: Stored): Promise<string> {
  const res = await asAdmin<{ url: string }>(
    tenant,
    `/v1/interactions/${stored.chatId}/recordings/${stored.recordingId}/play`,
  );
  expect(res.status).toBe(200);
  return res.body.url;
}

async function bulkZip(
  tenant: Tenant,
  interactionIds: string[],
  content: ('transcript' | 'recording')[],
): Promise<string> {
  const res = await asAdmin<{ url: string }>(tenant, '/v1/interactions/bulk-download', 'POST', {
    interactionIds,
    content,
  });
  expect(res.status).toBe(200);
  return res.body.url;
}

const identifiersOf = (s: Subject) => ({ email: s.email, phone: s.phone });

/** An exports bucket that silently keeps every bulk download it is asked to delete (a delete that did not take). */
function keepingDownloads(exports: ContentStore): ContentStore {
  const keeping: ContentStore = Object.create(exports);
  keeping.deleteAllVersions = async (key) => (key.startsWith('downloads/') ? 0 : exports.deleteAllVersions(key));
  return keeping;
}

describe('derived copies go with their source, and links already issued stop working', () => {
  it("erasure deletes the subject's export package, the bulk zip holding her chat and her playback copy; the certificate lists them; another subject's zip stays", async () => {
    // Prepare: Anna exported her data, her recording was played, her chat and Bo's downloaded together, Bo's alone
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const annaSubject = newSubject('anna');
    const boSubject = newSubject('bo');
    const anna = await storeSubject(c, tenant, annaSubject);
    const bo = await storeSubject(c, tenant, boSubject);
    const exported = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'export',
      identifiers: identifiersOf(annaSubject),
      options: {},
    });
    const links = {
      exportPackage: await c.exports.presignGet(exported.exported!.key, 300),
      playback: await playLink(tenant, anna),
      bothChats: await bulkZip(tenant, [anna.chatId, bo.chatId], ['transcript', 'recording']),
    };
    const boOnly = await bulkZip(tenant, [bo.chatId], ['transcript']);
    for (const url of Object.values(links)) expect(await statusOf(url)).toBe(200);
    expect(await unzippedExports(c, tenant.tenantId)).toContain(annaSubject.marker);

    // Act
    const job = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'erase',
      identifiers: identifiersOf(annaSubject),
      options: {},
    });

    // Assess: every link issued for her data is dead
    for (const url of Object.values(links)) expect(await statusOf(url)).toBe(404);
    expect(await statusOf(boOnly)).toBe(200);
    // Assess, raw storage: no playback copy of her; the exports bucket holds Bo's zip alone, and nothing of her unpacked
    expect(await playbackCopies(c, tenant.tenantId)).toEqual([]);
    expect(await exportsOf(tenant.tenantId)).toHaveLength(1);
    const left = await unzippedExports(c, tenant.tenantId);
    expect(left).toContain(boSubject.marker);
    expect(left).not.toContain(annaSubject.marker);
    // Assess: the certificate lists the three copies as found and deleted
    expect(job.result?.lines.filter((l) => l.store === 'copies')).toEqual([
      {
        region: REGION,
        store: 'copies',
        found: 3,
        action: 'deleted, every version (links already issued stop working)',
        done: 3,
      },
    ]);
    expect(job.result?.verification).toMatchObject({ ok: true, remaining: 0 });
  });

  it('deleting a recording deletes its playback copy and the zips holding it; deleting the chat log then deletes the zip holding that', async () => {
    // Prepare: a playback copy, a zip of recordings and a zip of chat logs
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const anna = await storeSubject(c, tenant, newSubject('anna'));
    const playback = await playLink(tenant, anna);
    const recordings = await bulkZip(tenant, [anna.chatId], ['recording']);
    const chatLogs = await bulkZip(tenant, [anna.chatId], ['transcript']);

    // Act
    const deleted = await asAdmin(tenant, `/v1/interactions/${anna.chatId}/recordings/${anna.recordingId}`, 'DELETE');

    // Assess: the audio is gone from every copy; the chat-log zip is not about it
    expect(deleted.status).toBe(200);
    expect(await statusOf(playback)).toBe(404);
    expect(await statusOf(recordings)).toBe(404);
    expect(await statusOf(chatLogs)).toBe(200);
    expect(await playbackCopies(c, tenant.tenantId)).toEqual([]);
    expect(await exportsOf(tenant.tenantId)).toHaveLength(1);

    // Act
    expect((await asAdmin(tenant, `/v1/interactions/${anna.chatId}/transcript`, 'DELETE')).status).toBe(200);

    // Assess
    expect(await statusOf(chatLogs)).toBe(404);
    expect(await exportsOf(tenant.tenantId)).toEqual([]);
  });

  it('the retention action that deletes a recording deletes its copies, and the one that anonymises a chat log deletes the zip holding it', async () => {
    // Prepare
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const anna = await storeSubject(c, tenant, newSubject('anna'));
    const playback = await playLink(tenant, anna);
    const zip = await bulkZip(tenant, [anna.chatId], ['transcript', 'recording']);
    const partition = (
      await c.stores
        .storesFor(REGION)
        .records.queryPartition(`T#${tenant.tenantId}#I#${anna.chatId}`, { consistent: true })
    ).items;
    const scope = { deps: c, region: REGION, tenantId: tenant.tenantId, now: new Date() };

    // Act: the sweep's actions on the recording pointer, then on a chat-log line
    await deleteItems(scope, [partition.find((i) => i.sk === `REC#${anna.recordingId}`)!]);

    // Assess
    expect(await statusOf(playback)).toBe(404);
    expect(await statusOf(zip)).toBe(404);
    expect(await playbackCopies(c, tenant.tenantId)).toEqual([]);
    expect(await exportsOf(tenant.tenantId)).toEqual([]);

    // Prepare: a new zip of the chat log
    const chatLog = await bulkZip(tenant, [anna.chatId], ['transcript']);

    // Act
    await anonymiseItem(scope, partition.find((i) => i.sk.startsWith('MSG#'))!, new Date(Date.now() + 86_400_000));

    // Assess
    expect(await statusOf(chatLog)).toBe(404);
    expect(await exportsOf(tenant.tenantId)).toEqual([]);
  });

  it('anonymisation keeping the content still deletes the plain copies', async () => {
    // Prepare
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const annaSubject = newSubject('anna');
    const anna = await storeSubject(c, tenant, annaSubject);
    const playback = await playLink(tenant, anna);
    const zip = await bulkZip(tenant, [anna.chatId], ['transcript', 'recording']);

    // Act
    const job = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'anonymize',
      identifiers: identifiersOf(annaSubject),
      options: { content: 'keep' },
    });

    // Assess
    expect(job.status).toBe('completed');
    expect(await statusOf(playback)).toBe(404);
    expect(await statusOf(zip)).toBe(404);
    expect(await playbackCopies(c, tenant.tenantId)).toEqual([]);
    expect(await exportsOf(tenant.tenantId)).toEqual([]);
  });

  it('an erasure whose bulk zip of the subject survives its deletion does not end completed: verification counts the copy left', async () => {
    // Prepare: Anna's chat in a bulk zip; an exports bucket where that delete does not take
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const annaSubject = newSubject('anna');
    const anna = await storeSubject(c, tenant, annaSubject);
    await bulkZip(tenant, [anna.chatId], ['transcript']);
    expect(await exportsOf(tenant.tenantId)).toHaveLength(1);

    // Act
    const job = await runRequest(testDeps({ ...c, exports: keepingDownloads(c.exports) }), tenant.tenantId, {
      type: 'erase',
      identifiers: identifiersOf(annaSubject),
      options: {},
    });

    // Assess: the zip is still in raw storage, and the erasure says so instead of completed
    expect(await exportsOf(tenant.tenantId)).toHaveLength(1);
    expect(job.status).toBe('incomplete');
    expect(job.result?.verification).toMatchObject({ ok: false, remaining: 1, checked: { copiesLeft: 1 } });
  });
});
