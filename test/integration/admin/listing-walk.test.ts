import type { RecordStore, StoredItem } from '../../../functions/ports/record-store';
import type { RegionalStores } from '../../../functions/ports/regional-stores';
import { walkDay, type DayPosition } from '../../../functions/usecases/admin/listing-walk';

/**
 * The day walk merges each region's part of a day partition newest first and can stop after any
 * entry and resume exactly there. Here each region is a store that answers three entries a page,
 * so resuming crosses pages and regions (no emulator needed: this checks the merge itself).
 */
const PK = 'T#01HTENANT#DAY#2024-03-01';
const entry = (minute: number, id: string): StoredItem => ({
  pk: PK,
  sk: `2024-03-01T10:${String(minute).padStart(2, '0')}:00.000Z#${id}`,
  interactionId: id,
});

function pagedStore(items: StoredItem[]): RecordStore {
  const sorted = [...items].sort((a, b) => (a.sk < b.sk ? 1 : -1));
  return {
    queryPartition: async (pk: string, options: { cursor?: string; descending?: boolean } = {}) => {
      expect([pk, options.descending]).toEqual([PK, true]);
      const start = Number(options.cursor ?? 0);
      const page = sorted.slice(start, start + 3);
      return { items: page, cursor: start + 3 < sorted.length ? String(start + 3) : undefined };
    },
  } as unknown as RecordStore;
}

const stores = (byRegion: Record<string, StoredItem[]>): RegionalStores => ({
  regions: Object.keys(byRegion),
  storesFor: (region: string) => ({ records: pagedStore(byRegion[region]) }) as ReturnType<RegionalStores['storesFor']>,
});

describe('walking a day of the archive listing across regions', () => {
  const eu = [entry(1, 'a'), entry(4, 'd'), entry(5, 'e'), entry(7, 'g'), entry(8, 'h'), entry(9, 'i'), entry(12, 'l')];
  const us = [entry(2, 'b'), entry(3, 'c'), entry(6, 'f'), entry(10, 'j'), entry(11, 'k')];
  const regional = stores({ 'eu-central-1': eu, 'us-east-1': us });

  it('yields every entry of every region once, newest first', async () => {
    const ids: unknown[] = [];
    for await (const { item } of walkDay(regional, PK)) ids.push(item.interactionId);
    expect(ids).toEqual(['l', 'k', 'j', 'i', 'h', 'g', 'f', 'e', 'd', 'c', 'b', 'a']);
  });

  it('resumes from the position after any entry, exactly where it stopped', async () => {
    for (let stopAfter = 1; stopAfter < 12; stopAfter++) {
      // Prepare: walk `stopAfter` entries and keep the position
      const first: unknown[] = [];
      let position: DayPosition = {};
      for await (const step of walkDay(regional, PK)) {
        first.push(step.item.interactionId);
        position = step.position;
        if (first.length === stopAfter) break;
      }
      // Act: resume from a copy of it, as a token carries it
      const rest: unknown[] = [];
      for await (const { item } of walkDay(regional, PK, JSON.parse(JSON.stringify(position))))
        rest.push(item.interactionId);
      // Assess
      expect([stopAfter, [...first, ...rest]]).toEqual([
        stopAfter,
        ['l', 'k', 'j', 'i', 'h', 'g', 'f', 'e', 'd', 'c', 'b', 'a'],
      ]);
    }
  });
});
