import { EXPIRY_SHARDS, expiryBucket } from '../../../functions/domain/retention/expiry-bucket';
import {
  bucketForExpiry,
  bucketsThrough,
  bucketsToSweep,
  dayOfBucket,
} from '../../../functions/domain/sweep/checkpoint';

const T = '01HZ8HH500BREB6SQNEZ5BVA77';
const at = (iso: string) => new Date(iso);

describe('where a sweep goes on from', () => {
  const now = at('2024-06-03T01:15:00Z');

  it('a first sweep reads every shard of every day from the first day through today', () => {
    const { buckets, cursor } = bucketsToSweep(T, 'transcript', undefined, '2024-06-01', now);
    expect(buckets).toHaveLength(3 * EXPIRY_SHARDS);
    expect(buckets[0]).toBe(`T#${T}#transcript#2024-06-01#0`);
    expect(buckets.at(-1)).toBe(`T#${T}#transcript#2024-06-03#${EXPIRY_SHARDS - 1}`);
    expect(cursor).toBeUndefined();
  });

  it('a stopped sweep resumes at its bucket and page', () => {
    const checkpoint = { day: '2024-06-02', bucket: `T#${T}#transcript#2024-06-02#2`, cursor: 'page-7' };
    const { buckets, cursor } = bucketsToSweep(T, 'transcript', checkpoint, '2024-01-01', now);
    expect(buckets[0]).toBe(checkpoint.bucket);
    expect(buckets).toHaveLength(2 + EXPIRY_SHARDS);
    expect(cursor).toBe('page-7');
  });

  it('a checkpoint from a sweep run later than now starts at today', () => {
    const { buckets } = bucketsToSweep(T, 'transcript', { day: '2024-07-01' }, '2024-01-01', now);
    expect(buckets.map(dayOfBucket)).toEqual(Array(EXPIRY_SHARDS).fill('2024-06-03'));
  });

  it('a policy change re-dates every bucket from today through the old horizon', () => {
    expect(bucketsThrough(T, 'survey', '2024-06-03', '2024-06-04')).toHaveLength(2 * EXPIRY_SHARDS);
  });

  it("a record due again (hold released, retention shortened) goes to today's bucket; one not yet due to its expiry day", () => {
    const past = Date.parse('2024-05-01T00:00:00Z') / 1000;
    const future = Date.parse('2024-07-01T00:00:00Z') / 1000;
    expect(dayOfBucket(bucketForExpiry(T, 'survey', past, 'seed', now))).toBe('2024-06-03');
    expect(bucketForExpiry(T, 'survey', future, 'seed', now)).toBe(expiryBucket(T, 'survey', future, 'seed'));
  });
});

describe('where a sweep starts', () => {
  it('a first sweep starts at the first day a record written on time can expire', () => {
    const { buckets } = bucketsToSweep(T, 'transcript', undefined, '2024-06-02', at('2024-06-03T01:15:00Z'));
    expect(buckets.map(dayOfBucket)).toEqual([
      ...Array(EXPIRY_SHARDS).fill('2024-06-02'),
      ...Array(EXPIRY_SHARDS).fill('2024-06-03'),
    ]);
  });

  it("a young tenant's sweep goes on from yesterday's checkpoint, where a record written already due after that run waits", () => {
    // Prepare: the tenant's chat logs can first expire on 2024-06-30; last night's run ended on 2024-06-02
    const checkpoint = { day: '2024-06-02' };
    const backdated = bucketForExpiry(
      T,
      'transcript',
      Date.parse('2024-05-20T00:00:00Z') / 1000,
      'seed',
      at('2024-06-02T22:00:00Z'),
    );
    // Act
    const { buckets } = bucketsToSweep(T, 'transcript', checkpoint, '2024-06-30', at('2024-06-03T01:15:00Z'));
    // Assess
    expect(buckets).toContain(backdated);
    expect(buckets.map(dayOfBucket)).toEqual([
      ...Array(EXPIRY_SHARDS).fill('2024-06-02'),
      ...Array(EXPIRY_SHARDS).fill('2024-06-03'),
    ]);
  });
});
