import type { Clock } from '../clock';

/**
 * Unwrapped data keys kept in memory for a short time, so reading an interaction's records does
 * not call KMS once per record. Bounded (the least recently used key goes first) and short-lived:
 * a key shredded elsewhere stays usable here at most `ttlMs`, and this Lambda instance evicts it
 * at once when it shreds it itself.
 */
export class DekCache {
  private readonly entries = new Map<string, { dek: Uint8Array; expiresAtMs: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly options: { maxEntries: number; ttlMs: number } = { maxEntries: 1000, ttlMs: 60_000 },
  ) {
    if (options.maxEntries < 1 || options.ttlMs <= 0)
      throw new RangeError('a DEK cache needs room for one key and a positive TTL');
  }

  get(id: string): Uint8Array | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    if (entry.expiresAtMs <= this.clock.now().getTime()) return undefined;
    this.entries.set(id, entry); // most recently used goes last
    return entry.dek;
  }

  set(id: string, dek: Uint8Array): void {
    this.entries.delete(id);
    this.entries.set(id, { dek, expiresAtMs: this.clock.now().getTime() + this.options.ttlMs });
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  evict(id: string): void {
    this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}
