import { randomUUID } from 'node:crypto';
import { StaffEmailTaken, type UserDirectory } from '../../functions/ports/user-directory';

/**
 * What every UserDirectory does, whichever holds the users: the in-memory twin
 * (test/unit/adapters/in-memory-user-directory.test.ts), the Cognito adapter against a fake
 * Cognito endpoint (test/unit/adapters/cognito-user-directory.test.ts) and the local stack's
 * directory-table adapter on DynamoDB Local (test/integration/adapters/user-directory.test.ts).
 */
export function userDirectoryContract(subject: () => { users: UserDirectory }): void {
  let users: UserDirectory;
  beforeAll(() => {
    ({ users } = subject());
  });
  const freshTenant = () => `T${randomUUID().replaceAll('-', '').slice(0, 20).toUpperCase()}`;
  const freshEmail = () => `staff-${randomUUID()}@example.com`;

  it('invites a user with their role and group, enabled, waiting for a first sign-in', async () => {
    // Prepare
    const tenantId = freshTenant();
    const email = freshEmail();
    // Act
    const created = await users.create({ tenantId, email: email.toUpperCase(), role: 'manager', group: 'billing' });
    // Assess
    expect(created).toMatchObject({ tenantId, email, role: 'manager', group: 'billing', enabled: true });
    expect(created.status).toBe('FORCE_CHANGE_PASSWORD');
    expect(await users.get(created.userId)).toEqual(created);
  });

  it('refuses an e-mail that is already a staff sign-in, whatever its case and tenant', async () => {
    // Prepare
    const email = freshEmail();
    const first = await users.create({ tenantId: freshTenant(), email, role: 'advisor' });
    // Act
    const second = users.create({ tenantId: freshTenant(), email: email.toUpperCase(), role: 'admin' });
    // Assess
    await expect(second).rejects.toBeInstanceOf(StaffEmailTaken);
    expect(await users.get(first.userId)).toEqual(first);
  });

  it("lists a tenant's staff only, ordered by e-mail", async () => {
    // Prepare
    const [tenantId, other] = [freshTenant(), freshTenant()];
    const b = await users.create({ tenantId, email: `b-${freshEmail()}`, role: 'legal' });
    const a = await users.create({ tenantId, email: `a-${freshEmail()}`, role: 'admin' });
    await users.create({ tenantId: other, email: freshEmail(), role: 'admin' });
    // Act
    const listed = await users.list(tenantId);
    // Assess
    expect(listed).toEqual([a, b]);
  });

  it('moves a user to exactly one other role, replacing or clearing their group', async () => {
    // Prepare
    const tenantId = freshTenant();
    const user = await users.create({ tenantId, email: freshEmail(), role: 'manager', group: 'billing' });
    // Act
    const moved = await users.setRole(user.userId, 'manager', 'sales');
    const promoted = await users.setRole(user.userId, 'admin', undefined);
    // Assess
    expect(moved).toMatchObject({ role: 'manager', group: 'sales' });
    expect(promoted.role).toBe('admin');
    expect(promoted.group).toBeUndefined();
    expect(await users.list(tenantId)).toEqual([promoted]);
  });

  it('disables a user and keeps their profile', async () => {
    // Prepare
    const tenantId = freshTenant();
    const user = await users.create({ tenantId, email: freshEmail(), role: 'advisor' });
    // Act
    const disabled = await users.disable(user.userId);
    // Assess
    expect(disabled).toEqual({ ...user, enabled: false });
    expect(await users.get(user.userId)).toEqual(disabled);
  });

  it('deletes a user, after which their e-mail may be invited again', async () => {
    // Prepare
    const tenantId = freshTenant();
    const email = freshEmail();
    const user = await users.create({ tenantId, email, role: 'support' });
    // Act
    await users.delete(user.userId);
    const again = await users.create({ tenantId, email, role: 'advisor' });
    // Assess
    expect(await users.get(user.userId)).toBeUndefined();
    expect(await users.list(tenantId)).toEqual([again]);
  });

  it('answers undefined for a user it does not hold', async () => {
    // Act
    const missing = await users.get(randomUUID());
    // Assess
    expect(missing).toBeUndefined();
  });
}
