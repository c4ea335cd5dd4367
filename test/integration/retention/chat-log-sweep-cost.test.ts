import { countingContainer, RequestCounter } from '../../../bench/erasure/counting';
import { SettableClock } from '../../../functions/domain/clock';
import { parseRuntimeConfig } from '../../../functions/shared/runtime-config';
import { DAY, ingest, newTenant, recordsOf, sortKeys, sweep, tallyOf } from './support';

/**
 * The nightly sweep deletes a conversation's due chat-log lines together (batched deletes, the
 * partition settled once), so what it reads grows with the lines, not with their square.
 */
async function chatWithLines(lines: number): Promise<{ tenantId: string; pk: string }> {
  const tenant = await newTenant('puzzel');
  const at = new Date().toISOString();
  const { interactionId } = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
    channel: 'chat',
    startedAt: at,
    participant: { email: 'many.lines@example.com' },
  });
  for (let i = 0; i < lines; i += 25)
    await ingest(tenant, `/v1/interactions/${interactionId}/messages`, {
      messages: Array.from({ length: Math.min(25, lines - i) }, (_, k) => ({
        from: 'visitor',
        at,
        text: `line ${i + k} of a long conversation about a parcel that never arrived`,
      })),
    });
  return { tenantId: tenant.tenantId, pk: `T#${tenant.tenantId}#I#${interactionId}` };
}

/** The night after the chat logs' 30 days: what one sweep of the tenant reads, and its tally. */
async function sweptNight(tenantId: string) {
  const night = new Date(Date.now() + 31 * DAY);
  const counter = new RequestCounter();
  const deps = countingContainer(parseRuntimeConfig(process.env), new SettableClock(night), counter);
  const run = await sweep(deps, tenantId, night);
  return { run, reads: counter.capacityUnits().read, queries: counter.byService().DynamoDB?.Query ?? 0 };
}

/** The expiry buckets (day and shard: the shard is a hash of each line's key) a tenant's chat-log lines are filed in. */
async function lineBuckets(tenantId: string): Promise<number> {
  const lines = (await recordsOf(tenantId)).filter((item) => item.class === 'transcript');
  return new Set(lines.map((line) => line.expiryBucket)).size;
}

describe('the chat-log sweep is linear in the lines it deletes', () => {
  it('50 due lines cost at most 1.2 times per line what 10 lines cost (above a conversation without lines), with as many Queries per expiry bucket', async () => {
    // Prepare
    const [none, ten, fifty] = [await chatWithLines(0), await chatWithLines(10), await chatWithLines(50)];
    // Ten lines may miss one of a day's shards that fifty fill; each bucket read costs its own Queries.
    const [tenBuckets, fiftyBuckets] = [await lineBuckets(ten.tenantId), await lineBuckets(fifty.tenantId)];
    // Act
    const base = await sweptNight(none.tenantId);
    const small = await sweptNight(ten.tenantId);
    const large = await sweptNight(fifty.tenantId);
    // Assess
    expect(tallyOf(small.run, ten.tenantId, 'transcript')).toMatchObject({ deleted: 10, failed: 0 });
    expect(tallyOf(large.run, fifty.tenantId, 'transcript')).toMatchObject({ deleted: 50, failed: 0 });
    expect(sortKeys(await recordsOf(fifty.tenantId), fifty.pk)).toEqual([
      'INFO',
      expect.stringMatching(/^SUBJ#email#/),
    ]);
    const perLineOfTen = (small.reads - base.reads) / 10;
    const perLineOfFifty = (large.reads - base.reads) / 50;
    expect(perLineOfTen).toBeGreaterThan(0);
    expect(perLineOfFifty).toBeLessThanOrEqual(1.2 * perLineOfTen);
    expect(Math.min(tenBuckets, fiftyBuckets)).toBeGreaterThan(0);
    expect((large.queries - base.queries) / fiftyBuckets).toBe((small.queries - base.queries) / tenBuckets);
  });
});
