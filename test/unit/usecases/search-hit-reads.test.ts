import type { Actor } from '../../../functions/domain/access/authorize';
import { adminDepsOf } from '../../../functions/shared/admin-wiring';
import { searchInteractions } from '../../../functions/usecases/admin/search-interactions';
import { appendMessages } from '../../../functions/usecases/ingest/append-messages';
import { startInteraction } from '../../../functions/usecases/ingest/start-interaction';
import { inMemoryContainer, openTenant } from '../../support/in-memory-container';

type TestContainer = ReturnType<typeof inMemoryContainer>;

const adminOf = (tenantId: string): Actor => ({ tenantId, role: 'admin', userId: 'u-admin', support: false });

/** A chat of `lines` chat-log lines with the person named `name`. */
async function chatOf(c: TestContainer, tenantId: string, name: string, lines: number): Promise<void> {
  const started = await startInteraction(c, tenantId, {
    body: { channel: 'chat', startedAt: c.clock.now().toISOString(), participant: { name } },
  });
  const at = c.clock.now().toISOString();
  for (let first = 0; first < lines; first += 10) {
    const count = Math.min(10, lines - first);
    const messages = Array.from({ length: count }, (_, i) => ({ from: 'visitor', at, text: `line ${first + i}` }));
    await appendMessages(c, tenantId, started.body.interactionId, { body: { messages } });
  }
}

/** The record-store requests of every region made while `act` runs, by method. */
async function requestsDuring(c: TestContainer, act: () => Promise<unknown>): Promise<Record<string, number>> {
  const spies = c.stores.regions.flatMap((region) => {
    const records = c.stores.storesFor(region).records;
    return (['get', 'queryPartition', 'queryBySubject'] as const).map((method) => ({
      method,
      spy: jest.spyOn(records, method),
    }));
  });
  await act();
  const counted: Record<string, number> = {};
  for (const { method, spy } of spies) {
    counted[method] = (counted[method] ?? 0) + spy.mock.calls.length;
    spy.mockRestore();
  }
  return counted;
}

describe('a search hit reads its partition once per region, however long its chat log', () => {
  it('a hit with 60 chat-log lines costs the requests of a hit with 2, one partition query per region', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    await chatOf(c, tenantId, 'Short Chat', 2);
    await chatOf(c, tenantId, 'Long Chat', 60);
    const search = (name: string) => searchInteractions(adminDepsOf(c), { actor: adminOf(tenantId) }, { name });

    // Act
    let short: Awaited<ReturnType<typeof search>> | undefined;
    let long: Awaited<ReturnType<typeof search>> | undefined;
    const shortRequests = await requestsDuring(c, async () => {
      short = await search('Short Chat');
    });
    const longRequests = await requestsDuring(c, async () => {
      long = await search('Long Chat');
    });

    // Assess: the timeline counts every line, from no more requests
    const transcriptOf = (found: typeof short) =>
      found?.items[0]?.retention.find((r) => r.dataClass === 'transcript')?.records;
    expect(transcriptOf(short)).toBe(2);
    expect(transcriptOf(long)).toBe(60);
    expect(long?.items[0]?.contentStored).toBe(true);
    expect(longRequests).toEqual(shortRequests);
    expect(longRequests.queryPartition).toBe(c.stores.regions.length);
  });
});
