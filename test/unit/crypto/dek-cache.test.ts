import { DekCache } from '../../../functions/domain/crypto/dek-cache';
import { SettableClock } from '../../../functions/domain/clock';

const key = (n: number) => new Uint8Array(32).fill(n);

describe('unwrapped data keys are cached briefly and boundedly', () => {
  it('serves a key until its time to live ends, and not one millisecond longer', () => {
    // Prepare
    const clock = new SettableClock('2024-03-01T09:00:00.000Z');
    const cache = new DekCache(clock, { maxEntries: 10, ttlMs: 60_000 });
    cache.set('eu-central-1|T1|I1', key(1));
    // Act
    clock.advance(59_999);
    const justBefore = cache.get('eu-central-1|T1|I1');
    clock.advance(1);
    const atExpiry = cache.get('eu-central-1|T1|I1');
    // Assess
    expect(justBefore).toEqual(key(1));
    expect(atExpiry).toBeUndefined();
  });

  it('drops the least recently used key when full', () => {
    // Prepare
    const cache = new DekCache(new SettableClock('2024-03-01T09:00:00.000Z'), { maxEntries: 2, ttlMs: 60_000 });
    cache.set('a', key(1));
    cache.set('b', key(2));
    cache.get('a'); // a is now more recent than b
    // Act
    cache.set('c', key(3));
    // Assess
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual(key(1));
    expect(cache.get('c')).toEqual(key(3));
  });

  it('forgets a key at once when it is evicted (this instance shredded it)', () => {
    // Prepare
    const cache = new DekCache(new SettableClock('2024-03-01T09:00:00.000Z'));
    cache.set('a', key(1));
    // Act
    cache.evict('a');
    // Assess
    expect(cache.get('a')).toBeUndefined();
  });

  it('refuses a cache that could hold nothing or keep keys forever', () => {
    // Act / Assess
    expect(() => new DekCache(new SettableClock(), { maxEntries: 0, ttlMs: 1000 })).toThrow(RangeError);
    expect(() => new DekCache(new SettableClock(), { maxEntries: 1, ttlMs: 0 })).toThrow(RangeError);
  });
});
