import type { SettableClock } from '../../../functions/domain/clock';
import type { Actor } from '../../../functions/domain/access/authorize';
import { adminDepsOf } from '../../../functions/shared/admin-wiring';
import { deleteRecording } from '../../../functions/usecases/admin/recording-access';
import { deleteTranscript } from '../../../functions/usecases/admin/transcript-access';
import { appendMessages } from '../../../functions/usecases/ingest/append-messages';
import { requestRecording, uploadKey } from '../../../functions/usecases/ingest/request-recording';
import { startInteraction } from '../../../functions/usecases/ingest/start-interaction';
import { placeHold } from '../../../functions/usecases/holds/place-hold';
import { releaseHold } from '../../../functions/usecases/holds/release-hold';
import { finaliseRecording } from '../../../functions/usecases/recordings/finalise-recording';
import { counselOf, HOME_REGION, inMemoryContainer, openTenant } from '../../support/in-memory-container';

type Container = ReturnType<typeof inMemoryContainer<SettableClock>>;

/** A chat of two lines with one visitor, stored through the ingest use cases. */
async function chatWithTwoLines(c: Container, tenantId: string, email: string): Promise<string> {
  const at = () => c.clock.now().toISOString();
  const started = await startInteraction(c, tenantId, {
    body: { channel: 'chat', startedAt: at(), participant: { email } },
  });
  const { interactionId } = started.body;
  await appendMessages(c, tenantId, interactionId, {
    body: {
      messages: [
        { from: 'visitor', at: at(), text: 'my order is late' },
        { from: 'agent', at: at(), text: 'let me check' },
      ],
    },
  });
  return interactionId;
}

/** A call with one recording: requested, uploaded to its upload key (as the channel's PUT would), completed. */
async function callWithRecording(
  c: Container,
  tenantId: string,
): Promise<{ interactionId: string; recordingId: string }> {
  const started = await startInteraction(c, tenantId, {
    body: {
      channel: 'call',
      startedAt: c.clock.now().toISOString(),
      participant: { phone: '+46701230001' },
      consent: { recording: true },
    },
  });
  const { interactionId } = started.body;
  const { recordingId } = (await requestRecording(c, tenantId, interactionId, { body: { contentType: 'audio/mpeg' } }))
    .body;
  await c.stores
    .storesFor(HOME_REGION)
    .content.put(uploadKey(tenantId, interactionId, recordingId), new Uint8Array([0xff, 0xfb, 0x90, 0x00, 1, 2, 3]), {
      contentType: 'audio/mpeg',
    });
  await finaliseRecording(c, tenantId, interactionId, recordingId);
  return { interactionId, recordingId };
}

const adminOf = (tenantId: string): Actor => ({ tenantId, role: 'admin', userId: 'u-admin', support: false });

/** The chat-log lines of an interaction as the records table holds them. */
const storedLines = async (c: Container, tenantId: string, interactionId: string) =>
  (
    await c.stores
      .storesFor(HOME_REGION)
      .records.queryPartition(`T#${tenantId}#I#${interactionId}`, { skPrefix: 'MSG#', consistent: true })
  ).items.map((i) => i.sk);

describe('a legal hold refuses a staff deletion of what it keeps (hold-guard)', () => {
  it('deleting a held chat log is refused with HELD naming the hold, and every line stays in the table', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await chatWithTwoLines(c, tenantId, 'held.visitor@example.se');
    const { holdId } = await placeHold(c, counselOf(tenantId), { interactionId, reason: 'claim 2026-44' });
    const before = await storedLines(c, tenantId, interactionId);

    // Act
    const deleting = deleteTranscript(adminDepsOf(c), { actor: adminOf(tenantId) }, interactionId);

    // Assess
    await expect(deleting).rejects.toMatchObject({ code: 'HELD', holdIds: [holdId] });
    expect(before).toHaveLength(2);
    expect(await storedLines(c, tenantId, interactionId)).toEqual(before);
  });

  it('once the hold is released, the same deletion removes every line and keeps the general info', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await chatWithTwoLines(c, tenantId, 'released.visitor@example.se');
    const { holdId } = await placeHold(c, counselOf(tenantId), { interactionId, reason: 'claim 2026-45' });
    await releaseHold(c, counselOf(tenantId), holdId);

    // Act
    const deleted = await deleteTranscript(adminDepsOf(c), { actor: adminOf(tenantId) }, interactionId);

    // Assess
    expect(deleted).toEqual({ interactionId, deleted: 2 });
    expect(await storedLines(c, tenantId, interactionId)).toEqual([]);
    const info = await c.stores
      .storesFor(HOME_REGION)
      .records.get({ pk: `T#${tenantId}#I#${interactionId}`, sk: 'INFO' });
    expect(info).toMatchObject({ transcriptDeletedAt: c.clock.now().toISOString() });
  });

  it("a hold on one interaction does not stop the deletion of another's chat log", async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const held = await chatWithTwoLines(c, tenantId, 'one@example.se');
    const free = await chatWithTwoLines(c, tenantId, 'two@example.se');
    await placeHold(c, counselOf(tenantId), { interactionId: held, reason: 'claim 2026-46' });

    // Act
    const deleted = await deleteTranscript(adminDepsOf(c), { actor: adminOf(tenantId) }, free);

    // Assess
    expect(deleted).toEqual({ interactionId: free, deleted: 2 });
    expect(await storedLines(c, tenantId, held)).toHaveLength(2);
  });

  it("deleting a held call's recording is refused: the pointer and the sealed audio stay", async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const { interactionId, recordingId } = await callWithRecording(c, tenantId);
    const { holdId } = await placeHold(c, counselOf(tenantId), { interactionId, reason: 'claim 2026-47' });
    const content = c.stores.storesFor(HOME_REGION).content;
    const objectsBefore = (await content.listKeys(`recording/${tenantId}/${interactionId}/`)).items;

    // Act
    const deleting = deleteRecording(adminDepsOf(c), { actor: adminOf(tenantId) }, interactionId, recordingId);

    // Assess
    await expect(deleting).rejects.toMatchObject({ code: 'HELD', holdIds: [holdId] });
    expect(objectsBefore).toEqual([`recording/${tenantId}/${interactionId}/${recordingId}`]);
    expect((await content.listKeys(`recording/${tenantId}/${interactionId}/`)).items).toEqual(objectsBefore);
    const pointer = await c.stores
      .storesFor(HOME_REGION)
      .records.get({ pk: `T#${tenantId}#I#${interactionId}`, sk: `REC#${recordingId}` });
    expect(pointer).toBeDefined();
  });
});
