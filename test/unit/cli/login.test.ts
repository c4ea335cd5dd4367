import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedInToken } from '../../../functions/cli/admin-token';
import { signIn, type Secret } from '../../../functions/cli/cognito-sign-in';
import { secretSource } from '../../../functions/cli/commands/login';
import { sessionsFile, storedSession, storeSession } from '../../../functions/cli/session-store';
import { FakeCognito } from '../../support/fake-cognito-idp';
import { lethe, withEnv } from './run-lethe';

const API = 'https://abc123.execute-api.eu-central-1.amazonaws.com/prod';
const PASSWORD = 'Correct-Horse-Battery-9';

describe('lethe login against a Cognito endpoint', () => {
  const cognito = new FakeCognito('cli-client');
  let client: CognitoIdentityProviderClient;
  beforeAll(async () => {
    await cognito.start();
    client = new CognitoIdentityProviderClient({ region: 'eu-central-1', endpoint: cognito.endpoint });
  });
  afterAll(async () => {
    client.destroy();
    await cognito.stop();
  });
  beforeEach(() => cognito.calls.splice(0));

  /** Answers from a table, recording what was asked. */
  const answers = (table: Partial<Record<Secret, string>>) => {
    const asked: Secret[] = [];
    const source = async (secret: Secret) => {
      asked.push(secret);
      return table[secret] ?? '';
    };
    return { asked, source };
  };

  it('signs in with the password and the authenticator code (USER_PASSWORD_AUTH, SOFTWARE_TOKEN_MFA)', async () => {
    // Prepare
    const user = cognito.addUser('ops@example.com', PASSWORD, {
      status: 'CONFIRMED',
      mfa: { type: 'SOFTWARE_TOKEN_MFA', code: '123456' },
    });
    const { asked, source } = answers({ password: PASSWORD, 'totp-code': '123456' });
    // Act
    const tokens = await signIn(
      client,
      'cli-client',
      'ops@example.com',
      source,
      () => new Date('2026-12-05T00:00:00Z'),
    );
    // Assess
    expect(tokens.idToken).toMatch(new RegExp(`^id-${user.username}-`));
    expect(tokens.refreshToken).toMatch(/^refresh-/);
    expect(tokens.expiresAt).toBe('2026-12-05T01:00:00.000Z');
    expect(asked).toEqual(['password', 'totp-code']);
    expect(cognito.calls.map((c) => [c.operation, c.flow])).toEqual([
      ['InitiateAuth', 'USER_PASSWORD_AUTH'],
      ['RespondToAuthChallenge', 'SOFTWARE_TOKEN_MFA'],
    ]);
  });

  it('sets the new password a first sign-in requires, then answers the SMS code', async () => {
    // Prepare
    const user = cognito.addUser('new@example.com', 'Temporary-Pass-1', { mfa: { type: 'SMS_MFA', code: '654321' } });
    const { asked, source } = answers({
      password: 'Temporary-Pass-1',
      'new-password': 'A-Fresh-Password-42',
      'sms-code': '654321',
    });
    // Act
    const tokens = await signIn(client, 'cli-client', 'new@example.com', source);
    // Assess
    expect(tokens.idToken).toMatch(new RegExp(`^id-${user.username}-`));
    expect(asked).toEqual(['password', 'new-password', 'sms-code']);
    expect(user.password).toBe('A-Fresh-Password-42');
  });

  it('fails on a wrong MFA code, with Cognito’s reason', async () => {
    // Prepare
    cognito.addUser('wrong@example.com', PASSWORD, {
      status: 'CONFIRMED',
      mfa: { type: 'SOFTWARE_TOKEN_MFA', code: '111111' },
    });
    const { source } = answers({ password: PASSWORD, 'totp-code': '999999' });
    // Act
    const signing = signIn(client, 'cli-client', 'wrong@example.com', source);
    // Assess
    await expect(signing).rejects.toMatchObject({ name: 'CodeMismatchException' });
  });

  it('takes answers from flags and variables without a terminal, and names the variable a missing one needs', async () => {
    // Prepare
    const ask = jest.fn(async () => 'typed');
    const source = secretSource({ mfaCode: '246810' }, { LETHE_PASSWORD: 'from-env' }, ask, false);
    // Act
    const [password, code, missing] = await Promise.all([
      source('password'),
      source('totp-code'),
      source('new-password').catch((e: Error) => e.message),
    ]);
    // Assess
    expect([password, code]).toEqual(['from-env', '246810']);
    expect(missing).toBe('no terminal to ask for the new-password: set LETHE_NEW_PASSWORD');
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks at a terminal for what no flag or variable gives', async () => {
    // Prepare
    const ask = jest.fn(async () => 'typed-secret');
    const source = secretSource({}, {}, ask, true);
    // Act
    const password = await source('password');
    // Assess
    expect(password).toBe('typed-secret');
    expect(ask).toHaveBeenCalledWith('Password: ');
  });

  it('signs in from the command line, keeps the tokens in a file only its owner may read, and admin commands use them', async () => {
    // Prepare
    cognito.addUser('cli@example.com', PASSWORD, {
      status: 'CONFIRMED',
      mfa: { type: 'SOFTWARE_TOKEN_MFA', code: '135790' },
    });
    const home = mkdtempSync(join(tmpdir(), 'lethe-login-'));
    const restore = withEnv({
      LETHE_API: API,
      LETHE_HOME: home,
      LETHE_COGNITO_ENDPOINT: cognito.endpoint,
      LETHE_CLI_CLIENT_ID: 'cli-client',
      LETHE_USERNAME: 'cli@example.com',
      LETHE_PASSWORD: PASSWORD,
      LETHE_ADMIN_TOKEN: undefined,
    });
    try {
      // Act
      const run = await lethe('login', '--mfa-code', '135790');
      // Assess
      expect(run).toMatchObject({ exitCode: 0, err: '' });
      const file = sessionsFile({ LETHE_HOME: home });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const kept = JSON.parse(readFileSync(file, 'utf8'))[API];
      expect(kept).toMatchObject({ region: 'eu-central-1', clientId: 'cli-client', username: 'cli@example.com' });
      expect(await signedInToken(API, process.env)).toBe(kept.idToken);
    } finally {
      restore();
    }
  });

  it('renews an ID token about to expire with the refresh token, and keeps the new one', async () => {
    // Prepare
    cognito.addUser('renew@example.com', PASSWORD, { status: 'CONFIRMED' });
    const env = { LETHE_HOME: mkdtempSync(join(tmpdir(), 'lethe-login-')), LETHE_COGNITO_ENDPOINT: cognito.endpoint };
    const { source } = answers({ password: PASSWORD });
    const tokens = await signIn(
      client,
      'cli-client',
      'renew@example.com',
      source,
      () => new Date('2026-12-05T00:00:00Z'),
    );
    storeSession(
      API,
      { ...tokens, region: 'eu-central-1', clientId: 'cli-client', username: 'renew@example.com' },
      env,
    );
    cognito.calls.splice(0);
    // Act
    const fresh = await signedInToken(API, env, () => new Date('2026-12-05T00:10:00Z'));
    const renewed = await signedInToken(API, env, () => new Date('2026-12-05T00:58:00Z'));
    // Assess
    expect(fresh).toBe(tokens.idToken);
    expect(renewed).not.toBe(tokens.idToken);
    expect(cognito.calls.map((c) => [c.operation, c.flow])).toEqual([['InitiateAuth', 'REFRESH_TOKEN_AUTH']]);
    expect(storedSession(API, env)).toMatchObject({ idToken: renewed, refreshToken: tokens.refreshToken });
  });

  it('says to sign in again once the refresh token is refused', async () => {
    // Prepare
    const env = { LETHE_HOME: mkdtempSync(join(tmpdir(), 'lethe-login-')), LETHE_COGNITO_ENDPOINT: cognito.endpoint };
    storeSession(
      API,
      {
        idToken: 'old',
        refreshToken: 'revoked',
        expiresAt: '2026-12-05T00:00:00.000Z',
        region: 'eu-central-1',
        clientId: 'cli-client',
        username: 'gone@example.com',
      },
      env,
    );
    // Act
    const renewing = signedInToken(API, env, () => new Date('2026-12-05T02:00:00Z'));
    // Assess
    await expect(renewing).rejects.toThrow('the sign-in has expired or was revoked: run `lethe login` again');
  });
});
