import { playbackPrefix } from '../../../functions/usecases/recordings/playback';
import { asAdmin, newSubject, newTenant, runRequest, storeSubject, testContainer, testDeps } from './support';

describe('erasure leaves no plain playback copy behind', () => {
  it("the copies written to play and download the subject's recording are deleted with it, not left for lifecycle to remove a day later; another subject's stay", async () => {
    // Prepare: Anna's and Bo's recordings each played and downloaded once (iAdvize: chats and their audio in eu-central-1)
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const annaSubject = newSubject('anna');
    const anna = await storeSubject(c, tenant, annaSubject);
    const bo = await storeSubject(c, tenant, newSubject('bo'));
    for (const stored of [anna, bo])
      for (const use of ['play', 'download']) {
        const link = await asAdmin<{ url: string }>(
          tenant,
          `/v1/interactions/${stored.chatId}/recordings/${stored.recordingId}/${use}`,
        );
        expect(link.status).toBe(200);
        expect(link.body.url).not.toContain(stored.chatId);
      }
    const copies = async () =>
      (await c.stores.storesFor('eu-central-1').content.listKeys(playbackPrefix(tenant.tenantId), { limit: 1000 }))
        .items;
    expect(await copies()).toHaveLength(4);

    // Act
    const job = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'erase',
      identifiers: { email: annaSubject.email, phone: annaSubject.phone },
      options: {},
    });

    // Assess: Anna's two copies are gone with her recording; Bo's two stay
    expect(job.status).toBe('completed');
    expect(job.result?.verification).toMatchObject({ ok: true, remaining: 0 });
    expect(await copies()).toHaveLength(2);
    const playBo = await asAdmin<{ url: string }>(
      tenant,
      `/v1/interactions/${bo.chatId}/recordings/${bo.recordingId}/play`,
    );
    expect(playBo.status).toBe(200);
  });
});
