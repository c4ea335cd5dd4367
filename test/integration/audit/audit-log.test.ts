import { randomBytes } from 'node:crypto';
import { DeleteItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { SettableClock } from '../../../functions/domain/clock';
import type { AuditDraft } from '../../../functions/domain/audit/entry';
import { verifyChain } from '../../../functions/domain/audit/verify-chain';
import { presetPolicy } from '../../../functions/domain/policy/presets';
import { expiryOf } from '../../../functions/domain/retention/record-expiry';
import type { AuditLog } from '../../../functions/ports/audit-log';
import type { AuditRecord } from '../../../functions/domain/audit/entry';
import { RecordStoreAuditLog } from '../../../functions/usecases/audit/record-store-audit-log';
import { dynamoDbClient, localNames } from '../../support/emulators';
import { freshTenant, testContainer } from '../adapters/container';

const START = '2024-03-01T09:00:00.000Z';
const DAY = 86_400_000;
/** When an audit entry written at `at` expires under Puzzel's 180 days (Stockholm calendar, across DST). */
const auditExpiry = (at: string) =>
  expiryOf({ dataClass: 'audit', createdAt: new Date(at) }, presetPolicy('puzzel')).getTime();

/** A tenant with the Puzzel policy (audit entries kept 180 days) and its own audit key. */
async function setUp() {
  const clock = new SettableClock(START);
  const container = testContainer(clock);
  const tenantId = freshTenant();
  await container.directory.savePolicy({
    tenantId,
    revision: 1,
    policy: presetPolicy('puzzel'),
    savedAt: START,
    savedBy: 'system',
  });
  const auditKey = randomBytes(32);
  const records = container.stores.storesFor(container.config.homeRegion).records;
  const log = new RecordStoreAuditLog({
    records,
    stores: container.stores,
    directory: container.directory,
    auditKey: async () => auditKey,
    clock,
  });
  return { clock, tenantId, log, auditKey };
}

const draft = (clock: SettableClock, action: AuditDraft['action'], interactionId?: string): AuditDraft => ({
  at: clock.now().toISOString(),
  actor: { user: 'u-anna', role: 'admin', support: false },
  action,
  interactionId,
  from: '192.0.2.0/24',
  details: {},
});

async function wholeChain(log: AuditLog, tenantId: string): Promise<AuditRecord[]> {
  const all: AuditRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await log.readChain(tenantId, { cursor, limit: 2 });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

async function verify(log: AuditLog, tenantId: string, key: Uint8Array) {
  const { anchor, head } = await log.bounds(tenantId);
  return verifyChain(await wholeChain(log, tenantId), key, { anchor, head });
}

describe('the audit log', () => {
  it('chains every entry of a tenant so the whole log verifies', async () => {
    // Prepare
    const { clock, tenantId, log, auditKey } = await setUp();
    // Act
    await log.append(tenantId, draft(clock, 'recording.play', 'I-1'));
    await log.append(tenantId, draft(clock, 'transcript.view', 'I-2'));
    await log.append(tenantId, draft(clock, 'policy.change'));
    // Assess
    expect(await verify(log, tenantId, auditKey)).toMatchObject({ ok: true, checked: 3, head: { seq: 3 } });
    const listed = await log.list(tenantId);
    expect(listed.items.map((e) => e.action)).toEqual(['policy.change', 'transcript.view', 'recording.play']);
  });

  it('gives concurrent appends distinct, gap-free sequence numbers', async () => {
    // Prepare
    const { clock, tenantId, log, auditKey } = await setUp();
    // Act
    const entries = await Promise.all(Array.from({ length: 8 }, () => log.append(tenantId, draft(clock, 'export'))));
    // Assess
    expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await verify(log, tenantId, auditKey)).toMatchObject({ ok: true, checked: 8 });
  });

  it('detects an entry edited directly in the table', async () => {
    // Prepare
    const { clock, tenantId, log, auditKey } = await setUp();
    await log.append(tenantId, draft(clock, 'recording.download', 'I-1'));
    await log.append(tenantId, draft(clock, 'recording.delete', 'I-1'));
    // Act: someone with table access rewrites who did it
    await dynamoDbClient().send(
      new UpdateItemCommand({
        TableName: localNames().recordsTable,
        Key: { pk: { S: `T#${tenantId}#AUDIT` }, sk: { S: 'AUDIT#000000000001' } },
        UpdateExpression: 'SET #a = :a',
        ExpressionAttributeNames: { '#a': 'action' },
        ExpressionAttributeValues: { ':a': { S: 'transcript.view' } },
      }),
    );
    // Assess
    expect(await verify(log, tenantId, auditKey)).toEqual({ ok: false, firstBadSeq: 1, problem: 'edited' });
  });

  it('detects an entry deleted directly from the table', async () => {
    // Prepare
    const { clock, tenantId, log, auditKey } = await setUp();
    for (const action of ['export', 'export', 'export'] as const) await log.append(tenantId, draft(clock, action));
    // Act
    await dynamoDbClient().send(
      new DeleteItemCommand({
        TableName: localNames().recordsTable,
        Key: { pk: { S: `T#${tenantId}#AUDIT` }, sk: { S: 'AUDIT#000000000002' } },
      }),
    );
    // Assess
    expect(await verify(log, tenantId, auditKey)).toEqual({ ok: false, firstBadSeq: 2, problem: 'gap' });
  });

  it('entries about an interaction go with its general info, and the chain still verifies (Puzzel)', async () => {
    // Prepare
    const { clock, tenantId, log, auditKey } = await setUp();
    await log.append(tenantId, draft(clock, 'recording.play', 'I-gone'));
    await log.append(tenantId, draft(clock, 'transcript.view', 'I-kept'));
    await log.append(tenantId, draft(clock, 'recording.delete', 'I-gone'));
    // Act
    const forgotten = await log.forgetInteraction(tenantId, 'I-gone');
    // Assess
    expect(forgotten).toBe(2);
    expect((await log.list(tenantId, { interactionId: 'I-gone' })).items).toEqual([]);
    expect((await log.list(tenantId)).items.map((e) => e.interactionId)).toEqual(['I-kept']);
    const chain = await wholeChain(log, tenantId);
    expect(chain.map((r) => r.kind)).toEqual(['tombstone', 'entry', 'tombstone']);
    expect(JSON.stringify(chain)).not.toContain('I-gone');
    expect(await verify(log, tenantId, auditKey)).toMatchObject({ ok: true, checked: 3 });
  });

  it('a tombstone signed with another key does not verify', async () => {
    // Prepare
    const { clock, tenantId, log } = await setUp();
    await log.append(tenantId, draft(clock, 'recording.play', 'I-1'));
    await log.forgetInteraction(tenantId, 'I-1');
    // Act
    const verdict = await verify(log, tenantId, randomBytes(32));
    // Assess
    expect(verdict).toEqual({ ok: false, firstBadSeq: 1, problem: 'bad-signature' });
  });

  it('entries are pruned when their 180 days end, and the rest still verifies from the moved anchor', async () => {
    // Prepare
    const { clock, tenantId, log, auditKey } = await setUp();
    await log.append(tenantId, draft(clock, 'export'));
    clock.advance(10 * DAY);
    await log.append(tenantId, draft(clock, 'export'));
    // Act: one second after the first entry's 180 days end, before the second's
    clock.set(new Date(auditExpiry(START) + 1000));
    const pruned = await log.pruneExpired(tenantId);
    // Assess
    expect(pruned).toBe(1);
    expect((await log.list(tenantId)).items.map((e) => e.seq)).toEqual([2]);
    expect(await log.bounds(tenantId)).toMatchObject({ anchor: { seq: 1 }, head: { seq: 2 } });
    expect(await verify(log, tenantId, auditKey)).toMatchObject({ ok: true, checked: 1 });
  });

  it('an entry is hidden from listings the second its retention ends, before any pruning', async () => {
    // Prepare
    const { clock, tenantId, log } = await setUp();
    await log.append(tenantId, draft(clock, 'export'));
    // Act
    clock.set(new Date(auditExpiry(START) - 1000));
    const before = await log.list(tenantId);
    clock.set(new Date(auditExpiry(START)));
    const at = await log.list(tenantId);
    // Assess
    expect(before.items).toHaveLength(1);
    expect(at.items).toHaveLength(0);
  });
});
