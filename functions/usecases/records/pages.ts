import type { Page } from '../../ports/page';

/**
 * Every item of a paged answer. For the small sets ingest reads (index entries, consents, messages).
 * With `atMost`, reading stops at the first page that takes the count past it (a caller refusing
 * that many learns so without reading them all).
 */
export async function allPages<T>(fetch: (cursor?: string) => Promise<Page<T>>, atMost = Infinity): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor && items.length <= atMost);
  return items;
}
