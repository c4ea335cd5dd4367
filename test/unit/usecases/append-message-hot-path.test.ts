import type { SettableClock } from '../../../functions/domain/clock';
import type { RegionStores } from '../../../functions/ports/regional-stores';
import { appendMessages } from '../../../functions/usecases/ingest/append-messages';
import { recordConsent } from '../../../functions/usecases/ingest/record-consent';
import { startInteraction } from '../../../functions/usecases/ingest/start-interaction';
import {
  forgetTenantPolicy,
  ingestTenant,
  TENANT_POLICY_TTL_MS,
} from '../../../functions/usecases/ingest/tenant-context';
import { HOME_REGION, inMemoryContainer, openTenant } from '../../support/in-memory-container';

type TestContainer = ReturnType<typeof inMemoryContainer<SettableClock>>;

async function chat(c: TestContainer, tenantId: string): Promise<string> {
  const started = await startInteraction(c, tenantId, {
    body: { channel: 'chat', startedAt: c.clock.now().toISOString(), participant: { email: 'ann@example.com' } },
  });
  return started.body.interactionId;
}

const line = (c: TestContainer, text: string) => ({
  body: { messages: [{ from: 'visitor', at: c.clock.now().toISOString(), text }] },
});

/** A new revision saved by another container: this one's copy of the policy is not forgotten. */
async function savedElsewhere(c: TestContainer, tenantId: string): Promise<number> {
  const current = await c.directory.currentPolicy(tenantId);
  if (!current) throw new Error('the tenant has no policy');
  const revision = current.revision + 1;
  await c.directory.savePolicy({ ...current, revision, policy: { ...current.policy, revision } });
  return revision;
}

describe('the ingest hot path', () => {
  it('a policy saved by another container reaches ingest once the cached copy is TENANT_POLICY_TTL_MS old', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    let nowMs = 1_000;
    const first = (await ingestTenant(c, tenantId, () => nowMs)).revision;
    const saved = await savedElsewhere(c, tenantId);

    // Act
    nowMs += TENANT_POLICY_TTL_MS - 1;
    const withinBound = (await ingestTenant(c, tenantId, () => nowMs)).revision;
    nowMs += 1;
    const afterBound = (await ingestTenant(c, tenantId, () => nowMs)).revision;

    // Assess
    expect(withinBound).toBe(first);
    expect(afterBound).toBe(saved);
  });

  it('the container that saves a policy forgets its cached copy at once', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const nowMs = () => 1_000;
    await ingestTenant(c, tenantId, nowMs);
    const saved = await savedElsewhere(c, tenantId);

    // Act
    forgetTenantPolicy(tenantId);
    const seen = await ingestTenant(c, tenantId, nowMs);

    // Assess
    expect(seen.revision).toBe(saved);
    expect(seen.policies.map((p) => p.revision)).toEqual([saved, saved - 1]);
  });

  it('appending a message asks no region that holds nothing of the tenant (Puzzel: Frankfurt only)', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await chat(c, tenantId);
    const asked = new Set<string>();
    const storesFor = c.stores.storesFor.bind(c.stores);
    const watched = {
      ...c,
      stores: {
        regions: c.stores.regions,
        storesFor: (region: string): RegionStores => {
          asked.add(region);
          return storesFor(region);
        },
      },
    };

    // Act
    const appended = await appendMessages(watched, tenantId, interactionId, {
      ...line(c, 'hello'),
      idempotencyKey: 'hello-1',
    });

    // Assess
    expect(appended.body.stored).toBe(1);
    expect(c.stores.regions).toContain('us-east-1');
    expect([...asked]).toEqual([HOME_REGION]);
  });

  it('appends racing on one interaction each get their own sequence number: none lost, none doubled', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await chat(c, tenantId);

    // Act
    const answers = await Promise.all(
      [0, 1, 2, 3].map((i) => appendMessages(c, tenantId, interactionId, line(c, `line ${i}`))),
    );

    // Assess
    expect(answers.map((a) => a.body.stored)).toEqual([1, 1, 1, 1]);
    const records = c.stores.storesFor(HOME_REGION).records;
    const partition = (await records.queryPartition(`T#${tenantId}#I#${interactionId}`, { consistent: true })).items;
    const seqs = partition.filter((i) => i.sk.startsWith('MSG#')).map((i) => i.seq);
    expect([...seqs].sort()).toEqual([0, 1, 2, 3]);
    expect(partition.find((i) => i.sk === 'INFO')?.messageCount).toBe(4);
  });

  it('a GDPR notice withdrawn mid-conversation stops the next message: nothing of it is stored', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await chat(c, tenantId);
    await appendMessages(c, tenantId, interactionId, line(c, 'before'));
    c.clock.advance(60_000);
    await recordConsent(c, tenantId, {
      body: {
        subject: { email: 'ann@example.com' },
        purpose: 'gdpr',
        granted: false,
        noticeVersion: 'v1',
        channel: 'chat',
        at: c.clock.now().toISOString(),
      },
    });

    // Act
    const after = await appendMessages(c, tenantId, interactionId, line(c, 'after'));

    // Assess
    expect(after.body).toMatchObject({ stored: 0, contentRefused: 'withdrawn' });
    const records = c.stores.storesFor(HOME_REGION).records;
    const partition = (await records.queryPartition(`T#${tenantId}#I#${interactionId}`, { consistent: true })).items;
    expect(partition.filter((i) => i.sk.startsWith('MSG#'))).toHaveLength(1);
  });
});
