import type { Actor } from '../../../functions/domain/access/authorize';
import type { SettableClock } from '../../../functions/domain/clock';
import { adminDepsOf } from '../../../functions/shared/admin-wiring';
import { readPolicy, savePolicy } from '../../../functions/usecases/admin/policy-admin';
import { appendMessages } from '../../../functions/usecases/ingest/append-messages';
import { startInteraction } from '../../../functions/usecases/ingest/start-interaction';
import { runSweep } from '../../../functions/usecases/nightly-sweep/run-sweep';
import { HOME_REGION, inMemoryContainer, openTenant } from '../../support/in-memory-container';

type Container = ReturnType<typeof inMemoryContainer<SettableClock>>;

const DAY = 86_400_000;

const adminOf = (tenantId: string): Actor => ({ tenantId, role: 'admin', userId: 'u-admin', support: false });

/** A chat of one line, stored through the ingest use cases under the policy in force now. */
async function chatOfOneLine(c: Container, tenantId: string): Promise<string> {
  const at = c.clock.now().toISOString();
  const started = await startInteraction(c, tenantId, {
    body: { channel: 'chat', startedAt: at, participant: { email: 'visitor@example.com' } },
  });
  const { interactionId } = started.body;
  await appendMessages(c, tenantId, interactionId, {
    body: { messages: [{ from: 'visitor', at, text: 'my order is late' }] },
  });
  return interactionId;
}

/** Saves the live policy with chat logs kept `retention` (PUT /v1/policy, as an admin would). */
async function keepChatLogs(c: Container, tenantId: string, retention: string): Promise<void> {
  const request = { actor: adminOf(tenantId) };
  const { revision, policy } = await readPolicy(adminDepsOf(c), request);
  await savePolicy(adminDepsOf(c), request, {
    ...policy,
    revision,
    classes: { ...policy.classes, transcript: { ...policy.classes.transcript, retention } },
  });
}

/** The nightly sweep of the tenant, `days` after the tenant was opened. */
async function sweepOnDay(c: Container, tenantId: string, opened: number, days: number) {
  const now = new Date(opened + days * DAY);
  c.clock.set(now);
  return runSweep(c, { tenantId, now });
}

/** The chat-log lines of an interaction as the records table holds them. */
const storedLines = async (c: Container, tenantId: string, interactionId: string) =>
  (
    await c.stores
      .storesFor(HOME_REGION)
      .records.queryPartition(`T#${tenantId}#I#${interactionId}`, { skPrefix: 'MSG#', consistent: true })
  ).items;

describe('a policy change re-dates the records written under every earlier revision (rebucket.ts)', () => {
  it('chat logs cut from 30 to 7 days before the first sweep: the first sweep, on day 10, deletes the line of day 0', async () => {
    // Prepare: a Puzzel tenant (chat logs 30 days), a line written on day 0, then 7 days saved; never swept
    const c = inMemoryContainer();
    const opened = c.clock.now().getTime();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await chatOfOneLine(c, tenantId);
    await keepChatLogs(c, tenantId, 'P7D');

    // Act
    const run = await sweepOnDay(c, tenantId, opened, 10);

    // Assess
    expect(await storedLines(c, tenantId, interactionId)).toEqual([]);
    expect(run.policyChanges.find((p) => p.dataClass === 'transcript')).toMatchObject({
      fromRevision: 1,
      toRevision: 2,
      shortened: 1,
      dueNow: 1,
    });
  });

  it('chat logs lengthened to 60 days before the first sweep: the line of day 0 outlives its old 30 days', async () => {
    // Prepare: a line written on day 0 under 30 days, then 60 days saved, the first sweep on day 1
    const c = inMemoryContainer();
    const opened = c.clock.now().getTime();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await chatOfOneLine(c, tenantId);
    await keepChatLogs(c, tenantId, 'P60D');
    await sweepOnDay(c, tenantId, opened, 1);

    // Act
    await sweepOnDay(c, tenantId, opened, 35);

    // Assess: still stored, due 60 days after it was written
    const lines = await storedLines(c, tenantId, interactionId);
    expect(lines).toHaveLength(1);
    expect(Number(lines[0].expiresAt) * 1000).toBeGreaterThan(opened + 59 * DAY);
  });

  it('lengthened to a year, then cut back to 30 days between two sweeps: the line written in the year revision goes 30 days after it was written', async () => {
    // Prepare: swept under 30 days; a year saved; a line written; 30 days saved again
    const c = inMemoryContainer();
    const opened = c.clock.now().getTime();
    const tenantId = await openTenant(c, 'puzzel');
    await sweepOnDay(c, tenantId, opened, 0);
    await keepChatLogs(c, tenantId, 'P1Y');
    const interactionId = await chatOfOneLine(c, tenantId);
    await keepChatLogs(c, tenantId, 'P30D');

    // Act
    await sweepOnDay(c, tenantId, opened, 31);

    // Assess
    expect(await storedLines(c, tenantId, interactionId)).toEqual([]);
  });

  it('lengthened to a year, then cut to 14 days between two sweeps: the line written in the year revision, past the old horizon, goes at the next sweep', async () => {
    // Prepare: swept under 30 days; a year saved; a line written; 14 days saved
    const c = inMemoryContainer();
    const opened = c.clock.now().getTime();
    const tenantId = await openTenant(c, 'puzzel');
    await sweepOnDay(c, tenantId, opened, 0);
    await keepChatLogs(c, tenantId, 'P1Y');
    const interactionId = await chatOfOneLine(c, tenantId);
    await keepChatLogs(c, tenantId, 'P14D');

    // Act
    const run = await sweepOnDay(c, tenantId, opened, 20);

    // Assess
    expect(await storedLines(c, tenantId, interactionId)).toEqual([]);
    expect(run.policyChanges.find((p) => p.dataClass === 'transcript')).toMatchObject({
      fromRevision: 1,
      toRevision: 3,
      shortened: 1,
      dueNow: 1,
    });
  });
});
