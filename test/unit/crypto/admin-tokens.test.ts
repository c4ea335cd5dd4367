import { SignJWT } from 'jose';
import {
  LOCAL_TOKEN_AUDIENCE,
  LOCAL_TOKEN_ISSUER,
  LocalAdminTokens,
} from '../../../functions/adapters/auth/local-admin-tokens';
import { SettableClock } from '../../../functions/domain/clock';
import { adminPrincipalOf, authorizerContextOf, principalFromContext } from '../../../functions/shared/principal';

const SECRET = 'a-local-signing-secret-of-at-least-32-chars';
const TENANT = '01HZX3K8Q9V7M2N4P6R8S0T2W4';

describe('admin tokens carry Cognito claim names and expire on the injected clock', () => {
  it('verifies a token it signed and returns its claims', async () => {
    // Prepare
    const tokens = new LocalAdminTokens(SECRET, new SettableClock('2024-03-01T09:00:00Z'));
    const token = await tokens.issue(
      { sub: 'u-1', 'custom:tenant': TENANT, 'custom:group': 'sales', 'cognito:groups': ['manager'] },
      3600,
    );
    // Act
    const claims = await tokens.verify(token);
    // Assess
    expect(claims).toEqual({
      sub: 'u-1',
      iat: Date.parse('2024-03-01T09:00:00Z') / 1000,
      'custom:tenant': TENANT,
      'custom:group': 'sales',
      'cognito:groups': ['manager'],
    });
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

describe('local tokens are checked as Cognito ID tokens are (finding L6)', () => {
  const NOW = Date.parse('2024-03-01T09:00:00Z') / 1000;
  /** A token signed with the right secret and issuer, claims as given (defaults: a valid ID token). */
  const signed = (claims: Record<string, unknown>, times: { iat?: number; exp?: number } = {}) =>
    new SignJWT({
      'custom:tenant': TENANT,
      'cognito:groups': ['admin'],
      token_use: 'id',
      aud: LOCAL_TOKEN_AUDIENCE,
      ...claims,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('u-1')
      .setIssuer(LOCAL_TOKEN_ISSUER)
      .setIssuedAt(times.iat ?? NOW)
      .setExpirationTime(times.exp ?? NOW + 3600)
      .sign(new TextEncoder().encode(SECRET));
  const verifier = () => new LocalAdminTokens(SECRET, new SettableClock('2024-03-01T09:00:00Z'));

  it('accepts a well-formed ID token for our client, issued within the clock skew', async () => {
    // Prepare
    const token = await signed({}, { iat: NOW + 30 });
    // Act / Assess
    await expect(verifier().verify(token)).resolves.toMatchObject({ sub: 'u-1' });
  });

  it('reads when the user signed in (auth_time) beside the issue time, for the revocation check', async () => {
    // Prepare
    const token = await signed({ auth_time: NOW - 600 });
    // Act / Assess
    await expect(verifier().verify(token)).resolves.toMatchObject({ iat: NOW, auth_time: NOW - 600 });
  });

  it.each([
    ['a non-numeric auth_time', { auth_time: 'this morning' }, {}, /auth_time/],
    ["another client's audience", { aud: 'some-other-client' }, {}, /aud/],
    ['no audience', { aud: undefined }, {}, /aud/],
    ['an access token', { token_use: 'access' }, {}, /token_use/],
    ['a token without token_use', { token_use: undefined }, {}, /token_use/],
    ['iat a year in the future', {}, { iat: NOW + 365 * 86400, exp: NOW + 365 * 86400 + 3600 }, /iat/],
    ['iat beyond the clock skew', {}, { iat: NOW + 120, exp: NOW + 3600 }, /iat/],
    ['exp 100 years ahead', {}, { exp: NOW + 100 * 365 * 86400 }, /lives longer/],
    ['a lifetime just over a day', {}, { exp: NOW + 86400 + 1 }, /lives longer/],
    [
      'a token issued more than a day ago and still valid',
      {},
      { iat: NOW - 86400 - 120, exp: NOW + 3600 },
      /lives longer/,
    ],
  ])('refuses %s', async (_case, claims, times, reason) => {
    // Prepare
    const token = await signed(claims, times);
    // Act / Assess
    await expect(verifier().verify(token)).rejects.toThrow(reason);
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
    const principal = {
      kind: 'admin' as const,
      tenantId: TENANT,
      role: 'manager' as const,
      group: 'sales',
      userId: 'u-1',
      support: false,
    };
    const stringified = Object.fromEntries(
      Object.entries(authorizerContextOf(principal)).map(([k, v]) => [k, String(v)]),
    );
    // Act / Assess
    expect(principalFromContext(stringified)).toEqual(principal);
  });

  it('refuses a request that carries no principal (401)', () => {
    // Act / Assess
    expect(() => principalFromContext(undefined)).toThrow(expect.objectContaining({ code: 'UNAUTHORIZED' }));
  });
});
