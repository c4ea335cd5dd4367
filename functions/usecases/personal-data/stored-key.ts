import type { DataKeyStore, WrappedDataKey } from '../../ports/data-key-store';

/** A key made to be stored: its plaintext, and the entry that keeps it wrapped. */
export interface MadeKey {
  plaintext: Uint8Array;
  entry: Omit<WrappedDataKey, 'createdAt'>;
}

/**
 * The key kept as (tenant, id) in a keys table, unwrapped; when there is none, the one `make`
 * makes, stored first (absent `make`: undefined). When another writer stored a key first, theirs
 * wins: it is the one its data is sealed with.
 */
export async function storedKey(
  keys: DataKeyStore,
  tenantId: string,
  id: string,
  options: {
    make?: () => Promise<MadeKey>;
    unwrap: (stored: WrappedDataKey) => Promise<Uint8Array>;
    now: () => Date;
  },
): Promise<Uint8Array | undefined> {
  let stored = await keys.get(tenantId, id);
  if (!stored) {
    if (!options.make) return undefined;
    const made = await options.make();
    stored = await keys.putIfAbsent({ ...made.entry, createdAt: options.now().toISOString() });
    if (Buffer.from(stored.wrapped).equals(Buffer.from(made.entry.wrapped))) return made.plaintext;
  }
  return options.unwrap(stored);
}
