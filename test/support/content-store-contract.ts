import type { ContentStore } from '../../functions/ports/content-store';

/**
 * What every ContentStore does with bytes and keys: the S3 adapter against s3rver
 * (test/integration/adapters/content-store.test.ts) and the in-memory twin
 * (test/unit/adapters/in-memory-stores.test.ts) run these same cases. Presigned URLs and
 * versions as S3 keeps them are checked against s3rver only.
 */
export interface ContentStoreUnderTest {
  content: ContentStore;
  /** A tenant id of its own for every case, so cases never see each other's data. */
  freshTenant: () => string;
}

export function contentStoreContract(subject: () => ContentStoreUnderTest): void {
  let content: ContentStore;
  let freshTenant: () => string;
  beforeAll(() => {
    ({ content, freshTenant } = subject());
  });

  it('stores bytes and gives them back, with their content type', async () => {
    // Prepare
    const key = `recording/${freshTenant()}/I1/R1`;
    // Act
    await content.put(key, Buffer.from('sealed audio'), { contentType: 'application/octet-stream' });
    // Assess
    const stored = await content.get(key);
    expect(Buffer.from(stored?.bytes ?? []).toString()).toBe('sealed audio');
    expect(stored?.contentType).toBe('application/octet-stream');
    expect(await content.get(`${key}-missing`)).toBeUndefined();
  });

  it('lists the keys under a prefix a page at a time', async () => {
    // Prepare
    const prefix = `upload/${freshTenant()}/`;
    for (const n of [1, 2, 3]) await content.put(`${prefix}${n}`, Buffer.from(String(n)));
    // Act
    const first = await content.listKeys(prefix, { limit: 2 });
    const second = await content.listKeys(prefix, { cursor: first.cursor, limit: 2 });
    // Assess
    expect([...first.items, ...second.items]).toEqual([`${prefix}1`, `${prefix}2`, `${prefix}3`]);
    expect(second.cursor).toBeUndefined();
  });
}
