import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { DeleteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { auditTable, verdictLine, verifyTenantAudit } from '../../../functions/cli/commands/audit';
import { SettableClock } from '../../../functions/domain/clock';
import { dynamoDbClient, homeRegion, localNames } from '../../support/emulators';
import { testContainer } from '../adapters/container';
import { as, converse, editPolicy, fakeMp3, newTenant, type StaffUser } from './support';

interface Entry {
  seq: number;
  action: string;
  interactionId?: string;
  actor: { user: string; role: string; support: boolean };
  from: string;
  details: Record<string, unknown>;
}

const container = () => testContainer(new SettableClock(new Date()));
const chainKey = (tenantId: string, seq: number) => ({
  pk: `T#${tenantId}#AUDIT`,
  sk: `AUDIT#${String(seq).padStart(12, '0')}`,
});
const records = () => ({
  client: DynamoDBDocumentClient.from(dynamoDbClient(homeRegion())),
  table: localNames(homeRegion()).recordsTable,
});

/** A tenant whose audit log holds a few entries about one interaction and one policy change. */
async function auditedTenant() {
  const tenant = await newTenant();
  const admin: StaffUser = { tenantId: tenant.tenantId, role: 'admin', user: 'u-admin', group: 'admins' };
  const { interactionId, recordingId } = await converse(tenant, {
    participant: { phone: '+46701239876', name: 'Sven Svensson' },
    messages: ['my secret order 4711'],
    audio: fakeMp3('audit'),
  });
  await as(admin, `/v1/interactions/${interactionId}/transcript`);
  await as(admin, `/v1/interactions/${interactionId}/recordings/${recordingId}/play`);
  await editPolicy(admin, (p) => {
    p.access.supportAccess = true;
  });
  return { tenant, admin, interactionId, recordingId };
}

describe('the audit log through the admin API', () => {
  it('has an entry for every view, play, download, delete, export and policy change: who, what, which interaction, from where', async () => {
    // Prepare
    const { tenant, admin, interactionId, recordingId } = await auditedTenant();
    const support: StaffUser = { tenantId: tenant.tenantId, role: 'support', user: 'vendor-7' };
    // Act
    await as(admin, `/v1/interactions/${interactionId}/transcript?format=xml`);
    await as(admin, `/v1/interactions/${interactionId}/recordings/${recordingId}/download`);
    await as(admin, '/v1/interactions/export?format=csv');
    await as(support, `/v1/interactions/${interactionId}`);
    await as(support, '/v1/interactions?phone=%2B46701239876');
    await as(admin, `/v1/interactions/${interactionId}/recordings/${recordingId}`, { method: 'DELETE' });
    await as(admin, `/v1/interactions/${interactionId}/transcript`, { method: 'DELETE' });
    const res = await as<{ items: Entry[] }>(admin, '/v1/audit?limit=100');
    // Assess
    expect(res.status).toBe(200);
    const entries = [...res.body.items].reverse();
    expect(entries.map((e) => e.action)).toEqual([
      'transcript.view',
      'recording.play',
      'policy.change',
      'transcript.download',
      'recording.download',
      'interaction.export',
      'interaction.view',
      'interaction.search',
      'recording.delete',
      'transcript.delete',
    ]);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    const about = (action: string) => entries.find((e) => e.action === action)!;
    expect(about('recording.play')).toMatchObject({
      interactionId,
      actor: { user: 'u-admin', role: 'admin', support: false },
      from: '127.0.0.0/24',
      details: { recordingId },
    });
    expect(about('interaction.view')).toMatchObject({
      interactionId,
      actor: { user: 'vendor-7', role: 'support', support: true },
    });
    expect(about('interaction.search')).toMatchObject({
      actor: { support: true },
      details: { by: 'phone', results: 1 },
    });
    expect(about('interaction.export').details).toMatchObject({ format: 'csv', rows: 1 });
    // No content and no identifier in clear, anywhere in the log.
    expect(JSON.stringify(entries)).not.toMatch(/4711|secret|Sven|Svensson|46701239876/);
  });

  it('filters by user, action, interaction and support access', async () => {
    const { tenant, admin, interactionId } = await auditedTenant();
    await as(
      { tenantId: tenant.tenantId, role: 'support', user: 'vendor-7' },
      `/v1/interactions/${interactionId}/content`,
    );
    const list = async (query: string) =>
      (await as<{ items: Entry[] }>(admin, `/v1/audit?${query}`)).body.items.map((e) => e.action);
    expect(await list('support=true')).toEqual(['interaction.view']);
    expect(await list('user=u-admin&action=recording.play')).toEqual(['recording.play']);
    expect(await list(`interactionId=${interactionId}`)).toEqual([
      'interaction.view',
      'recording.play',
      'transcript.view',
    ]);
    expect((await as(admin, '/v1/audit?action=coffee')).status).toBe(400);
  });
});

describe('`lethe audit list`', () => {
  it('prints the entries newest first, filtered like the API', async () => {
    const { tenant } = await auditedTenant();
    const all = await auditTable(container(), { tenant: tenant.tenantId, limit: '50' });
    const plays = await auditTable(container(), { tenant: tenant.tenantId, action: 'recording.play', limit: '50' });
    // cli-table3 colours its borders: the escape codes go before the columns are read.
    const lines = (table: string) =>
      table
        // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colour codes
        .replace(/\u001b\[\d+m/g, '')
        .split('\n')
        .filter((l) => /│ \d+ /.test(l));
    expect(lines(all).map((l) => l.split('│')[6].trim())).toEqual([
      'policy.change',
      'recording.play',
      'transcript.view',
    ]);
    expect(lines(plays)).toHaveLength(1);
    expect(plays).toContain('u-admin');
  });

  it('prints the entries as JSON with --json, as the API lists them', async () => {
    // Prepare
    const { tenant } = await auditedTenant();
    // Act
    const printed = await auditTable(container(), { tenant: tenant.tenantId, limit: '50', json: true });
    // Assess
    const page = JSON.parse(printed) as { items: Entry[] };
    expect(page.items.map((e) => e.action)).toEqual(['policy.change', 'recording.play', 'transcript.view']);
  });

  it('says a tenant id that names no tenant is unknown, for list and verify alike', async () => {
    // Act
    const list = auditTable(container(), { tenant: 'no-such-tenant', limit: '50' });
    const verify = verifyTenantAudit(container(), 'no-such-tenant');
    // Assess (both at once: a rejection left unawaited while the other is checked fails the test as unhandled)
    await Promise.all([
      expect(list).rejects.toThrow('unknown tenant no-such-tenant: no tenant has this id'),
      expect(verify).rejects.toThrow('unknown tenant no-such-tenant: no tenant has this id'),
    ]);
  });
});

describe('`lethe audit verify`', () => {
  it('verifies an untouched chain', async () => {
    const { tenant } = await auditedTenant();
    const verdict = await verifyTenantAudit(container(), tenant.tenantId);
    expect(verdict).toEqual({ ok: true, checked: 3, head: { seq: 3, hash: expect.any(String) } });
    expect(verdictLine(tenant.tenantId, verdict)).toBe(
      `OK: the audit log of tenant ${tenant.tenantId} verifies (3 links checked, head at seq 3).`,
    );
  });

  it('detects an entry edited directly in DynamoDB', async () => {
    // Prepare: someone rewrites who played the recording (seq 2)
    const { tenant } = await auditedTenant();
    const { client, table } = records();
    await client.send(
      new UpdateCommand({
        TableName: table,
        Key: chainKey(tenant.tenantId, 2),
        UpdateExpression: 'SET actor.#u = :u',
        ExpressionAttributeNames: { '#u': 'user' },
        ExpressionAttributeValues: { ':u': 'nobody' },
      }),
    );
    // Act
    const verdict = await verifyTenantAudit(container(), tenant.tenantId);
    // Assess
    expect(verdict).toEqual({ ok: false, firstBadSeq: 2, problem: 'edited' });
    expect(verdictLine(tenant.tenantId, verdict)).toBe(
      `BROKEN: the audit log of tenant ${tenant.tenantId} fails at seq 2: edited (its content or link was changed).`,
    );
  });

  it('detects an entry deleted directly in DynamoDB, in the middle or at the end', async () => {
    const middle = await auditedTenant();
    const end = await auditedTenant();
    const { client, table } = records();
    await client.send(new DeleteCommand({ TableName: table, Key: chainKey(middle.tenant.tenantId, 2) }));
    await client.send(new DeleteCommand({ TableName: table, Key: chainKey(end.tenant.tenantId, 3) }));
    expect(await verifyTenantAudit(container(), middle.tenant.tenantId)).toEqual({
      ok: false,
      firstBadSeq: 2,
      problem: 'gap',
    });
    expect(await verifyTenantAudit(container(), end.tenant.tenantId)).toEqual({
      ok: false,
      firstBadSeq: 3,
      problem: 'gap',
    });
  });

  it('still verifies once the entries of a deleted interaction became tombstones (Puzzel cascade)', async () => {
    // Prepare
    const { tenant, admin, interactionId } = await auditedTenant();
    const c = container();
    // Act: what deleting the interaction's general info does to its audit entries
    const forgotten = await c.auditLog.forgetInteraction(tenant.tenantId, interactionId);
    // Assess
    expect(forgotten).toBe(2);
    expect(await verifyTenantAudit(c, tenant.tenantId)).toMatchObject({ ok: true, checked: 3 });
    expect((await as<{ items: Entry[] }>(admin, '/v1/audit')).body.items.map((e) => e.action)).toEqual([
      'policy.change',
    ]);
  });

  it('runs as a command: OK with exit code 0, BROKEN with exit code 1', async () => {
    // Prepare
    const { tenant } = await auditedTenant();
    const run = (tenantId: string) =>
      promisify(execFile)(
        process.execPath,
        [resolve(__dirname, '../../../bin/lethe.js'), 'audit', 'verify', '--tenant', tenantId],
        { env: process.env },
      ).then(
        (out) => ({ code: 0, stdout: out.stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
    // Act
    const ok = await run(tenant.tenantId);
    const { client, table } = records();
    await client.send(
      new UpdateCommand({
        TableName: table,
        Key: chainKey(tenant.tenantId, 1),
        UpdateExpression: 'SET #a = :a',
        ExpressionAttributeNames: { '#a': 'action' },
        ExpressionAttributeValues: { ':a': 'transcript.download' },
      }),
    );
    const broken = await run(tenant.tenantId);
    // Assess
    expect(ok).toEqual({ code: 0, stdout: expect.stringMatching(/^OK: /) });
    expect(broken).toEqual({ code: 1, stdout: expect.stringContaining('fails at seq 1: edited') });
  });
});
