import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { InMemoryUserDirectory } from '../../../functions/adapters/memory/user-directory';
import { SettableClock } from '../../../functions/domain/clock';
import { isRevoked } from '../../../functions/domain/staff/session-revocation';
import { authorize } from '../../../functions/handlers/authorizer';
import type { AdminRequest } from '../../../functions/usecases/admin/admin-request';
import { revocationKey } from '../../../functions/usecases/staff/session-revocations';
import {
  createStaff,
  deleteStaff,
  disableStaff,
  setStaffRole,
  type StaffDeps,
} from '../../../functions/usecases/staff/staff-admin';
import { inMemoryContainer, openTenant } from '../../support/in-memory-container';

const admin = (tenantId: string): AdminRequest => ({
  actor: { tenantId, role: 'admin', userId: 'u-admin', support: false },
  sourceIp: '203.0.113.7',
});

/** What API Gateway gives the authorizer for a call with `token`. */
const callWith = (token: string) =>
  ({
    type: 'REQUEST',
    methodArn: 'arn:aws:execute-api:eu-central-1:000000000000:api/prod/GET/v1/policy',
    headers: { authorization: `Bearer ${token}` },
  }) as unknown as APIGatewayRequestAuthorizerEvent;

/** A tenant with one manager of group `sales`, and a token the manager signed in with. */
async function setUp() {
  const c = inMemoryContainer(new SettableClock('2026-03-02T09:00:00.400Z'), {
    localTokenSecret: 'a-local-secret-of-at-least-32-characters',
  });
  const deps: StaffDeps = { ...c, users: new InMemoryUserDirectory(c.clock) };
  const tenantId = await openTenant(c, 'iadvize');
  const staff = await createStaff(deps, admin(tenantId), { email: 'mo@example.com', role: 'manager', group: 'sales' });
  const signIn = () =>
    c.tokenIssuer!.issue(
      { sub: staff.userId, 'custom:tenant': tenantId, 'custom:group': 'sales', 'cognito:groups': ['manager'] },
      3600,
    );
  const decision = (token: string) =>
    authorize(callWith(token), c).then(
      (result) => result.policyDocument.Statement[0]?.Effect,
      (error: Error) => error.message,
    );
  return { c, deps, tenantId, staff, signIn, decision };
}

describe("revoking a staff user's sessions", () => {
  it.each([
    ['disabled', (deps: StaffDeps, request: AdminRequest, userId: string) => disableStaff(deps, request, userId)],
    ['deleted', (deps: StaffDeps, request: AdminRequest, userId: string) => deleteStaff(deps, request, userId)],
    [
      'moved to another role',
      (deps: StaffDeps, request: AdminRequest, userId: string) =>
        setStaffRole(deps, request, userId, { role: 'legal' }),
    ],
  ])('refuses the token a user held before they were %s', async (_change, change) => {
    // Prepare
    const { c, deps, tenantId, staff, signIn, decision } = await setUp();
    const token = await signIn();
    const before = await decision(token);
    c.clock.advance(30_000);
    // Act
    await change(deps, admin(tenantId), staff.userId);
    // Assess
    expect(before).toBe('Allow');
    expect(await decision(token)).toBe('Unauthorized');
  });

  it('lets a token signed in after the revocation in, so a user let back in signs in anew', async () => {
    // Prepare
    const { c, deps, tenantId, staff, signIn, decision } = await setUp();
    const old = await signIn();
    await setStaffRole(deps, admin(tenantId), staff.userId, { role: 'manager', group: 'sales' });
    // Act
    const sameSecond = await signIn();
    c.clock.advance(1_000);
    const later = await signIn();
    // Assess
    expect(await decision(old)).toBe('Unauthorized');
    expect(await decision(sameSecond)).toBe('Unauthorized');
    expect(await decision(later)).toBe('Allow');
  });

  it("leaves the other staff users' tokens alone", async () => {
    // Prepare
    const { c, deps, tenantId, staff, decision } = await setUp();
    const colleague = await createStaff(deps, admin(tenantId), { email: 'al@example.com', role: 'legal' });
    const colleagueToken = await c.tokenIssuer!.issue(
      { sub: colleague.userId, 'custom:tenant': tenantId, 'cognito:groups': ['legal'] },
      3600,
    );
    // Act
    await disableStaff(deps, admin(tenantId), staff.userId);
    // Assess
    expect(await decision(colleagueToken)).toBe('Allow');
  });

  it('records the revocation under ids only, with an instant and its expiry past the longest token life', async () => {
    // Prepare
    const { c, deps, tenantId, staff } = await setUp();
    const now = c.clock.now();
    // Act
    await disableStaff(deps, admin(tenantId), staff.userId);
    // Assess
    expect(await c.directory.getItem(tenantId, revocationKey(staff.userId))).toEqual({
      tenantId,
      sk: `REVOKED#${staff.userId}`,
      revokedBefore: now.toISOString(),
      expiresAt: Math.ceil(now.getTime() / 1000) + 24 * 3600 + 60,
    });
  });

  it('does not record a revocation when the change is refused', async () => {
    // Prepare
    const { c, deps, tenantId, staff } = await setUp();
    // Act
    await expect(setStaffRole(deps, admin(tenantId), staff.userId, { role: 'manager' })).rejects.toMatchObject({
      status: 400,
    });
    // Assess
    expect(await c.directory.getItem(tenantId, revocationKey(staff.userId))).toBeUndefined();
  });
});

describe('isRevoked', () => {
  it('counts a token of the revocation second as revoked, and the next second as not', () => {
    // Act / Assess
    expect(isRevoked(Date.parse('2026-03-02T09:00:00Z') / 1000, '2026-03-02T09:00:00.400Z')).toBe(true);
    expect(isRevoked(Date.parse('2026-03-02T08:59:59Z') / 1000, '2026-03-02T09:00:00.000Z')).toBe(true);
    expect(isRevoked(Date.parse('2026-03-02T09:00:01Z') / 1000, '2026-03-02T09:00:00.400Z')).toBe(false);
  });
});
