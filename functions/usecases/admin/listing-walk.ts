import type { StoredItem } from '../../ports/record-store';
import type { RegionalStores } from '../../ports/regional-stores';

/** Where one region's part of a day partition was left: the page it was in, and how much of it was consumed. */
export interface RegionPosition {
  cursor?: string;
  skip: number;
  done?: true;
}
export type DayPosition = Record<string, RegionPosition>;

interface Head {
  items: StoredItem[];
  start?: string;
  next?: string;
  skip: number;
}

const PAGE = 100;

/**
 * The entries of one day partition, newest first, merged across every served region (a tenant's
 * interactions are listed in their own regions: SMS in the US, chat in the EU). Each yielded entry
 * comes with the position right after it, so a later request resumes exactly there: per region
 * the opaque cursor of the page being read and how many of its entries were consumed.
 */
export async function* walkDay(
  stores: RegionalStores,
  pk: string,
  from: DayPosition = {},
): AsyncGenerator<{ item: StoredItem; position: DayPosition }> {
  const heads = new Map<string, Head>();
  const load = async (region: string, start: string | undefined, skip: number) => {
    const page = await stores
      .storesFor(region)
      .records.queryPartition(pk, { cursor: start, descending: true, limit: PAGE });
    heads.set(region, { items: page.items.slice(skip), start, next: page.cursor, skip });
  };
  await Promise.all(
    stores.regions.filter((r) => !from[r]?.done).map((r) => load(r, from[r]?.cursor, from[r]?.skip ?? 0)),
  );
  for (;;) {
    for (const [region, head] of heads) if (!head.items.length && head.next) await load(region, head.next, 0);
    const ready = [...heads.values()].filter((h) => h.items.length);
    if (!ready.length) return;
    const newest = ready.reduce((a, b) => (a.items[0].sk >= b.items[0].sk ? a : b));
    const item = newest.items.shift()!;
    newest.skip++;
    yield { item, position: positionOf(stores.regions, heads) };
  }
}

function positionOf(regions: readonly string[], heads: Map<string, Head>): DayPosition {
  const position: DayPosition = {};
  for (const region of regions) {
    const head = heads.get(region);
    position[region] =
      !head || (!head.items.length && !head.next)
        ? { skip: 0, done: true }
        : { ...(head.start ? { cursor: head.start } : {}), skip: head.skip };
  }
  return position;
}
