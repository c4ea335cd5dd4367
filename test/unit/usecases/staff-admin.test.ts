import { InMemoryUserDirectory } from '../../../functions/adapters/memory/user-directory';
import type { AdminRole } from '../../../functions/domain/access/admin-roles';
import type { LetheError } from '../../../functions/domain/errors';
import type { AdminRequest } from '../../../functions/usecases/admin/admin-request';
import {
  createStaff,
  deleteStaff,
  disableStaff,
  listStaff,
  setStaffRole,
  type StaffDeps,
} from '../../../functions/usecases/staff/staff-admin';
import { inMemoryContainer, openTenant } from '../../support/in-memory-container';

const as = (tenantId: string, role: AdminRole, userId = `u-${role}`): AdminRequest => ({
  actor: { tenantId, role, userId, support: false },
  sourceIp: '203.0.113.7',
});

async function setUp() {
  const c = inMemoryContainer();
  const deps: StaffDeps = { ...c, users: new InMemoryUserDirectory(c.clock) };
  const [tenantA, tenantB] = [await openTenant(c, 'iadvize'), await openTenant(c, 'iadvize')];
  return { c, deps, tenantA, tenantB };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as LetheError,
  );

describe('staff profiles', () => {
  it("lets a tenant's admin invite, list, move, disable and delete the tenant's staff", async () => {
    // Prepare
    const { deps, tenantA } = await setUp();
    const admin = as(tenantA, 'admin');
    // Act
    const created = await createStaff(deps, admin, { email: 'Agent@Example.com', role: 'manager', group: 'sales' });
    const moved = await setStaffRole(deps, admin, created.userId, { role: 'advisor' });
    const disabled = await disableStaff(deps, admin, created.userId);
    const listed = await listStaff(deps, admin);
    const deleted = await deleteStaff(deps, admin, created.userId);
    // Assess
    expect(created).toMatchObject({ tenantId: tenantA, email: 'agent@example.com', role: 'manager', group: 'sales' });
    expect(moved.role).toBe('advisor');
    expect(moved.group).toBeUndefined();
    expect(disabled.enabled).toBe(false);
    expect(listed.items).toEqual([disabled]);
    expect(deleted).toEqual({ userId: created.userId, deleted: true });
    expect(await deps.users.get(created.userId)).toBeUndefined();
  });

  it('refuses every role but admin, and vendor support whatever its role', async () => {
    // Prepare
    const { deps, tenantA } = await setUp();
    const calls = (request: AdminRequest) => [
      listStaff(deps, request),
      createStaff(deps, request, { email: 'x@example.com', role: 'admin' }),
    ];
    // Act
    const refusals = await Promise.all(
      (['manager', 'advisor', 'legal', 'support'] as const).flatMap((role) => calls(as(tenantA, role)).map(failure)),
    );
    // Assess
    expect(refusals.map((e) => e?.status)).toEqual(Array(8).fill(403));
    expect(await deps.users.list(tenantA)).toEqual([]);
  });

  it("answers another tenant's staff user as missing, and leaves them untouched", async () => {
    // Prepare
    const { deps, tenantA, tenantB } = await setUp();
    const theirs = await createStaff(deps, as(tenantB, 'admin'), { email: 'b@example.com', role: 'admin' });
    const admin = as(tenantA, 'admin');
    // Act
    const refusals = await Promise.all([
      failure(setStaffRole(deps, admin, theirs.userId, { role: 'advisor' })),
      failure(disableStaff(deps, admin, theirs.userId)),
      failure(deleteStaff(deps, admin, theirs.userId)),
    ]);
    const listed = await listStaff(deps, admin);
    // Assess
    expect(refusals.map((e) => [e?.status, e?.message])).toEqual(
      Array(3).fill([404, `Staff user ${theirs.userId} was not found.`]),
    );
    expect(listed.items).toEqual([]);
    expect(await deps.users.get(theirs.userId)).toEqual(theirs);
  });

  it('names the field and the reason for a bad profile, and stores nothing', async () => {
    // Prepare
    const { deps, tenantA } = await setUp();
    const admin = as(tenantA, 'admin');
    // Act
    const [badEmail, badRole, managerWithoutGroup] = await Promise.all([
      failure(createStaff(deps, admin, { email: 'not-an-address', role: 'admin' })),
      failure(createStaff(deps, admin, { email: 'a@example.com', role: 'owner' })),
      failure(createStaff(deps, admin, { email: 'a@example.com', role: 'manager' })),
    ]);
    // Assess
    expect(badEmail?.fields).toEqual([{ path: 'email', message: 'must be an e-mail address' }]);
    expect(badRole?.fields?.[0]).toMatchObject({ path: 'role', message: expect.stringContaining('admin, manager') });
    expect(managerWithoutGroup?.fields).toEqual([
      { path: 'group', message: 'a manager needs the agent group they manage' },
    ]);
    expect(await deps.users.list(tenantA)).toEqual([]);
  });

  it("holds a group to the policy's groups where the policy lists them", async () => {
    // Prepare
    const { c, deps, tenantA } = await setUp();
    const current = (await c.directory.currentPolicy(tenantA))!;
    const groups = [{ id: 'sales', name: 'Sales' }];
    await c.directory.savePolicy({
      ...current,
      revision: current.revision + 1,
      policy: { ...current.policy, access: { ...current.policy.access, groups } },
    });
    // Act
    const refused = await failure(
      createStaff(deps, as(tenantA, 'admin'), { email: 'm@example.com', role: 'manager', group: 'billing' }),
    );
    // Assess
    expect(refused?.fields).toEqual([{ path: 'group', message: "must be one of the policy's groups: sales" }]);
  });

  it('refuses a second profile for a known e-mail with 409', async () => {
    // Prepare
    const { deps, tenantA, tenantB } = await setUp();
    await createStaff(deps, as(tenantB, 'admin'), { email: 'same@example.com', role: 'admin' });
    // Act
    const refused = await failure(
      createStaff(deps, as(tenantA, 'admin'), { email: 'SAME@example.com', role: 'legal' }),
    );
    // Assess
    expect(refused?.status).toBe(409);
    expect(await deps.users.list(tenantA)).toEqual([]);
  });

  it('keeps an admin from changing, disabling or deleting their own profile', async () => {
    // Prepare
    const { deps, tenantA } = await setUp();
    const me = await createStaff(deps, as(tenantA, 'admin'), { email: 'me@example.com', role: 'admin' });
    const self = as(tenantA, 'admin', me.userId);
    // Act
    const refusals = await Promise.all([
      failure(setStaffRole(deps, self, me.userId, { role: 'advisor' })),
      failure(disableStaff(deps, self, me.userId)),
      failure(deleteStaff(deps, self, me.userId)),
    ]);
    // Assess
    expect(refusals.map((e) => e?.status)).toEqual([409, 409, 409]);
    expect(await deps.users.get(me.userId)).toEqual(me);
  });

  it('audits every change by user id and role, never by e-mail', async () => {
    // Prepare
    const { deps, tenantA } = await setUp();
    const admin = as(tenantA, 'admin');
    // Act
    const user = await createStaff(deps, admin, { email: 'audited@example.com', role: 'advisor' });
    await setStaffRole(deps, admin, user.userId, { role: 'legal' });
    await disableStaff(deps, admin, user.userId);
    await deleteStaff(deps, admin, user.userId);
    // Assess (the log lists newest first)
    const entries = (await deps.auditLog.list(tenantA)).items;
    expect(entries.map((e) => [e.action, e.details]).reverse()).toEqual([
      ['staff.create', { staffUserId: user.userId, role: 'advisor' }],
      ['staff.set-role', { staffUserId: user.userId, role: 'legal' }],
      ['staff.disable', { staffUserId: user.userId, role: 'legal' }],
      ['staff.delete', { staffUserId: user.userId, role: 'legal' }],
    ]);
    expect(entries.every((e) => e.actor.user === 'u-admin')).toBe(true);
    expect(JSON.stringify(entries)).not.toContain('audited@example.com');
  });
});
