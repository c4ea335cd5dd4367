import fc from 'fast-check';
import {
  dueBuckets,
  expiryBucket,
  expiryShard,
  EXPIRY_SHARDS,
} from '../../../../functions/domain/retention/expiry-bucket';

const TENANT = '01HZX3K6J8M2Q4R5S6T7V8W9XA';
const seconds = (iso: string) => Date.parse(iso) / 1000;

describe('expiry buckets (GSI byExpiry)', () => {
  it('names the tenant, class, UTC day of expiry and a shard 0..3', () => {
    // Act
    const bucket = expiryBucket(
      TENANT,
      'transcript',
      seconds('2024-06-01T10:15:00Z'),
      `T#${TENANT}#I#01HZX4000000000000000000AA`,
    );
    // Assess
    expect(bucket).toMatch(new RegExp(`^T#${TENANT}#transcript#2024-06-01#[0-3]$`));
  });

  it('the day is the UTC day even when the tenant already lives in the next one', () => {
    expect(expiryBucket(TENANT, 'recording', seconds('2024-06-01T23:30:00Z'), 'k')).toContain('#2024-06-01#');
  });

  it('the shard is stable for a record key and spreads keys over every shard', () => {
    // Prepare
    const keys = Array.from({ length: 200 }, (_, i) => `T#${TENANT}#I#${String(i).padStart(26, '0')}`);
    // Act
    const shards = keys.map(expiryShard);
    // Assess
    expect(keys.map(expiryShard)).toEqual(shards);
    expect(new Set(shards)).toEqual(new Set([0, 1, 2, 3]));
  });

  it('a sweep from 30 May at 03:00 UTC on 1 June queries every shard of 30 May, 31 May and 1 June', () => {
    // Act
    const buckets = dueBuckets(TENANT, 'transcript', '2024-05-30', new Date('2024-06-01T03:00:00Z'));
    // Assess
    expect(buckets).toHaveLength(3 * EXPIRY_SHARDS);
    expect(buckets[0]).toBe(`T#${TENANT}#transcript#2024-05-30#0`);
    expect(buckets[buckets.length - 1]).toBe(`T#${TENANT}#transcript#2024-06-01#3`);
  });

  it('a checkpoint already past today leaves nothing to query; a malformed one is refused', () => {
    expect(dueBuckets(TENANT, 'event', '2024-06-02', new Date('2024-06-01T23:59:59Z'))).toEqual([]);
    expect(() => dueBuckets(TENANT, 'event', '2024-02-30', new Date('2024-06-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => dueBuckets(TENANT, 'event', '1 June', new Date('2024-06-01T00:00:00Z'))).toThrow(RangeError);
  });

  it('every due record expiring on or after the checkpoint day is in a bucket the sweep queries (property)', () => {
    const day = 86_400;
    fc.assert(
      fc.property(
        fc.integer({ min: seconds('2024-01-01T00:00:00Z'), max: seconds('2024-12-31T00:00:00Z') }),
        fc.integer({ min: 0, max: 40 * day }),
        fc.integer({ min: 0, max: 10 * day }),
        fc.string({ minLength: 1, maxLength: 40 }),
        (fromSeconds, dueIn, lateBy, key) => {
          // Prepare: the checkpoint day, a record expiring after it, a sweep when it is due
          const fromDay = new Date(fromSeconds * 1000).toISOString().slice(0, 10);
          const expiresAt = seconds(`${fromDay}T00:00:00Z`) + dueIn;
          const now = new Date((expiresAt + lateBy) * 1000);
          // Act
          const buckets = dueBuckets(TENANT, 'survey', fromDay, now);
          // Assess
          expect(buckets).toContain(expiryBucket(TENANT, 'survey', expiresAt, key));
        },
      ),
    );
  });
});
