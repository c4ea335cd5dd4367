import { LocalAdminTokens } from '../../../functions/adapters/auth/local-admin-tokens';
import { SettableClock } from '../../../functions/domain/clock';
import { adminPrincipalOf, authorizerContextOf, principalFromContext } from '../../../functions/shared/principal';

const SECRET = 'a-local-signing-secret-of-at-least-32-chars';
const TENANT = '01HZX3K8Q9V7M2N4P6R8S0T2W4';

describe('admin tokens carry Cognito claim names and expire on the injected clock', () => {
  it('verifies a token it signed and returns its claims', async () => {
    // Prepare
    const tokens = new LocalAdminTokens(SECRET, new SettableClock('2024-03-01T09:00:00Z'));
    const token = await tokens.issue({ sub: 'u-1', 'custom:tenant': TENANT, 'custom:group': 'sales', 'cognito:groups': ['manager'] }, 3600);
    // Act
    const claims = await tokens.verify(token);
    // Assess
    expect(claims).toEqual({ sub: 'u-1', 'custom:tenant': TENANT, 'custom:group': 'sales', 'cognito:groups': ['manager'] });
  });

  it('refuses the token the second it expires', async () => {
    // Prepare
    const clock = new SettableClock('2024-03-01T09:00:00Z');
    const tokens = new LocalAdminTokens(SECRET, clock);
    const token = await tokens.issue({ sub: 'u-1', 'custom:tenant': TENANT, 'cognito:groups': ['admin'] }, 3600);
    // Act
    clock.set('2024-03-01T10:00:00Z');
    // Assess
    await expect(tokens.verify(token)).rejects.toThrow(/exp/);
  });

  it('refuses a token signed with another secret', async () => {
    // Prepare
    const clock = new SettableClock('2024-03-01T09:00:00Z');
    const forged = await new LocalAdminTokens('another-secret-that-is-32-characters-long', clock).issue(
      { sub: 'u-1', 'custom:tenant': TENANT, 'cognito:groups': ['admin'] },
      3600,
    );
    // Act / Assess
    await expect(new LocalAdminTokens(SECRET, clock).verify(forged)).rejects.toThrow(/signature/);
  });
});

describe('the principal of an admin comes from the Cognito groups', () => {
  it('takes the role from the groups and flags support access', () => {
    // Act
    const principal = adminPrincipalOf({ sub: 'u-9', 'custom:tenant': TENANT, 'cognito:groups': ['support'] });
    // Assess
    expect(principal).toEqual({ kind: 'admin', tenantId: TENANT, role: 'support', userId: 'u-9', support: true });
  });

  it('gives no principal to a user in no Lethe role', () => {
    // Act / Assess
    expect(adminPrincipalOf({ sub: 'u-9', 'custom:tenant': TENANT, 'cognito:groups': ['everyone'] })).toBeUndefined();
  });

  it('survives the trip through API Gateway, where context values become strings', () => {
    // Prepare
    const principal = { kind: 'admin' as const, tenantId: TENANT, role: 'manager' as const, group: 'sales', userId: 'u-1', support: false };
    const stringified = Object.fromEntries(Object.entries(authorizerContextOf(principal)).map(([k, v]) => [k, String(v)]));
    // Act / Assess
    expect(principalFromContext(stringified)).toEqual(principal);
  });

  it('refuses a request that carries no principal (401)', () => {
    // Act / Assess
    expect(() => principalFromContext(undefined)).toThrow(expect.objectContaining({ code: 'UNAUTHORIZED' }));
  });
});
