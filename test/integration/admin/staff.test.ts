import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { AwsClients } from '../../../functions/adapters/aws-clients';
import { parseRuntimeConfig } from '../../../functions/shared/runtime-config';
import { lethe } from '../../unit/cli/run-lethe';
import { callApi } from '../../support/api';
import { as, newTenant, type StaffUser, type Tenant, tokenOf } from './support';

/** The directory table as the local stack's user directory keeps staff in it (functions/adapters/dynamodb/user-directory.ts). */
const config = parseRuntimeConfig(process.env);
const table = new AwsClients(config).dynamoFor(config.homeRegion);
const rawItem = async (pk: string, sk: string) =>
  (await table.send(new GetCommand({ TableName: config.home.directoryTable, Key: { pk, sk } }))).Item;

const adminOf = (tenant: Tenant): StaffUser => ({ tenantId: tenant.tenantId, role: 'admin', user: 'staff-test-admin' });
const email = (name: string) => `${name}-${Date.now()}@example.org`;

describe('staff profiles through the local API', () => {
  let tenantA: Tenant;
  let tenantB: Tenant;
  beforeAll(async () => {
    [tenantA, tenantB] = [await newTenant('iadvize', 'Staff A'), await newTenant('iadvize', 'Staff B')];
  });

  it('invites, moves, disables and deletes a staff user of the tenant, as the directory stores them', async () => {
    // Prepare
    const admin = adminOf(tenantA);
    const address = email('sam');
    // Act
    const created = await as<{ userId: string }>(admin, '/v1/staff', {
      method: 'POST',
      body: { email: address, role: 'manager', group: 'billing' },
    });
    const moved = await as(admin, `/v1/staff/${created.body.userId}/role`, { method: 'PUT', body: { role: 'legal' } });
    const disabled = await as(admin, `/v1/staff/${created.body.userId}/disable`, { method: 'POST' });
    const stored = await rawItem('STAFF', created.body.userId);
    const deleted = await as(admin, `/v1/staff/${created.body.userId}`, { method: 'DELETE' });
    // Assess
    expect(created.status).toBe(201);
    expect(moved.body).toMatchObject({ role: 'legal', enabled: true });
    expect(moved.body.group).toBeUndefined();
    expect(disabled.body).toMatchObject({ role: 'legal', enabled: false });
    expect(stored).toMatchObject({ tenantId: tenantA.tenantId, email: address, role: 'legal', enabled: false });
    expect(deleted).toMatchObject({ status: 200, body: { userId: created.body.userId, deleted: true } });
    expect(await rawItem('STAFF', created.body.userId)).toBeUndefined();
    expect(await rawItem('STAFFEMAIL', createHash('sha256').update(address).digest('hex'))).toBeUndefined();
  });

  it("keeps each tenant's admins to their own staff: another tenant's user reads as missing and stays as it was", async () => {
    // Prepare
    const theirs = await as<{ userId: string }>(adminOf(tenantB), '/v1/staff', {
      method: 'POST',
      body: { email: email('other'), role: 'advisor' },
    });
    const admin = adminOf(tenantA);
    // Act
    const listed = await as<{ items: Array<{ userId: string }> }>(admin, '/v1/staff');
    const answers = await Promise.all([
      as(admin, `/v1/staff/${theirs.body.userId}/role`, { method: 'PUT', body: { role: 'admin' } }),
      as(admin, `/v1/staff/${theirs.body.userId}/disable`, { method: 'POST' }),
      as(admin, `/v1/staff/${theirs.body.userId}`, { method: 'DELETE' }),
    ]);
    // Assess
    expect(listed.body.items.map((u) => u.userId)).not.toContain(theirs.body.userId);
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404]);
    expect(await rawItem('STAFF', theirs.body.userId)).toMatchObject({ role: 'advisor', enabled: true });
  });

  it('refuses every role but admin', async () => {
    // Act
    const answers = await Promise.all(
      (['manager', 'advisor', 'legal', 'support'] as const).map((role) =>
        as({ tenantId: tenantA.tenantId, role, user: `u-${role}`, group: 'billing' }, '/v1/staff'),
      ),
    );
    // Assess
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403]);
  });

  it('audits the changes by user id, never by e-mail', async () => {
    // Prepare
    const admin = adminOf(tenantA);
    const address = email('audited');
    const created = await as<{ userId: string }>(admin, '/v1/staff', {
      method: 'POST',
      body: { email: address, role: 'advisor' },
    });
    // Act
    const audit = await as<{ items: Array<{ action: string; details: Record<string, unknown> }> }>(
      admin,
      '/v1/audit?action=staff.create',
    );
    // Assess
    expect(audit.body.items.map((e) => e.details)).toContainEqual({
      staffUserId: created.body.userId,
      role: 'advisor',
    });
    expect(JSON.stringify(audit.body)).not.toContain(address);
  });

  it('is what `lethe users` drives: create, list and delete with --json', async () => {
    // Prepare
    const address = email('cli');
    const tenant = ['--tenant', tenantA.tenantId, '--json'];
    // Act
    const created = await lethe('users', 'create', address, '--role', 'support', ...tenant);
    const { userId } = JSON.parse(created.out);
    const listed = await lethe('users', 'list', ...tenant);
    const deleted = await lethe('users', 'delete', userId, ...tenant);
    const badRole = await lethe('users', 'create', address, '--role', 'owner', ...tenant);
    // Assess
    expect(created.exitCode).toBe(0);
    expect(JSON.parse(listed.out).items).toContainEqual(
      expect.objectContaining({ userId, email: address, role: 'support' }),
    );
    expect(JSON.parse(deleted.out)).toEqual({ userId, deleted: true });
    expect(await rawItem('STAFF', userId)).toBeUndefined();
    expect(badRole.exitCode).toBe(2);
    expect(badRole.err).toContain('must be one of admin, manager, advisor, support, legal');
  });
});

describe("a staff user's tokens end with their standing, at the next request (the local runtime caches no decision)", () => {
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = await newTenant('iadvize', 'Staff revocation');
  });
  /** GET /v1/staff (admins only) with a token kept across calls, as a signed-in console keeps it. */
  const listWith = (token: string) => callApi('/v1/staff', { headers: { authorization: `Bearer ${token}` } });
  /** A new staff admin of the tenant and the token they signed in with. */
  async function signedInAdmin(address: string): Promise<{ userId: string; token: string }> {
    const created = await as<{ userId: string }>(adminOf(tenant), '/v1/staff', {
      method: 'POST',
      body: { email: address, role: 'admin' },
    });
    const { userId } = created.body;
    return { userId, token: await tokenOf({ tenantId: tenant.tenantId, role: 'admin', user: userId }) };
  }

  it('refuses the token of a user disabled with `lethe users disable`, and records the revocation by ids only', async () => {
    // Prepare
    const address = email('leaver');
    const { userId, token } = await signedInAdmin(address);
    const before = await listWith(token);
    // Act
    const disabled = await lethe('users', 'disable', userId, '--tenant', tenant.tenantId, '--json');
    const after = await listWith(token);
    // Assess
    expect(before.status).toBe(200);
    expect(disabled.exitCode).toBe(0);
    expect(after.status).toBe(401);
    const revocation = await rawItem(`TENANT#${tenant.tenantId}`, `REVOKED#${userId}`);
    expect(Object.keys(revocation ?? {}).sort()).toEqual(['expiresAt', 'pk', 'revokedBefore', 'sk', 'tenantId']);
    expect(JSON.stringify(revocation)).not.toContain(address.split('@')[0]);
  });

  it('refuses the token of a moved user; once moved back, a token signed in afterwards works', async () => {
    // Prepare
    const { userId, token } = await signedInAdmin(email('mover'));
    const path = `/v1/staff/${userId}/role`;
    // Act
    await as(adminOf(tenant), path, { method: 'PUT', body: { role: 'legal' } });
    const afterMove = await listWith(token);
    await as(adminOf(tenant), path, { method: 'PUT', body: { role: 'admin' } });
    // Token times are whole seconds: a token of the revocation's own second still counts as revoked.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const signedInAgain = await tokenOf({ tenantId: tenant.tenantId, role: 'admin', user: userId });
    const [old, fresh] = [await listWith(token), await listWith(signedInAgain)];
    // Assess
    expect(afterMove.status).toBe(401);
    expect(old.status).toBe(401);
    expect(fresh.status).toBe(200);
  });
});
