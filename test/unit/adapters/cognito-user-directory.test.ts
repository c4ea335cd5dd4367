import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoUserDirectory } from '../../../functions/adapters/cognito/user-directory';
import { FakeCognito } from '../../support/fake-cognito-idp';
import { userDirectoryContract } from '../../support/user-directory-contract';

/** Starts `cognito` around the enclosing describe block; the SDK client pointed at it, once started. */
function clientOf(cognito: FakeCognito): () => CognitoIdentityProviderClient {
  let client: CognitoIdentityProviderClient;
  beforeAll(async () => {
    await cognito.start();
    client = new CognitoIdentityProviderClient({
      region: 'eu-central-1',
      endpoint: cognito.endpoint,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await cognito.stop();
  });
  return () => client;
}

describe('CognitoUserDirectory against a Cognito endpoint', () => {
  const cognito = new FakeCognito();
  const client = clientOf(cognito);

  userDirectoryContract(() => ({ users: new CognitoUserDirectory(client(), 'eu-central-1_Example') }));
});

describe('CognitoUserDirectory when the role cannot be given', () => {
  const cognito = new FakeCognito('cli-client', ['admin']);
  const client = clientOf(cognito);

  it('takes the new user out again, leaving no user without their role', async () => {
    // Prepare
    const users = new CognitoUserDirectory(client(), 'eu-central-1_Example');
    // Act
    const creating = users.create({ tenantId: 'T1', email: 'half@example.org', role: 'legal' });
    // Assess
    await expect(creating).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(cognito.users.size).toBe(0);
    expect(await users.list('T1')).toEqual([]);
  });
});

describe('CognitoUserDirectory ends the sessions of a user it moves or disables', () => {
  const cognito = new FakeCognito();
  const client = clientOf(cognito);
  const refresh = (RefreshToken: string) =>
    client().send(
      new InitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: 'cli-client',
        AuthParameters: { REFRESH_TOKEN: RefreshToken },
      }),
    );
  /** A confirmed user of the pool, signed in: their refresh token. */
  async function signedIn(email: string): Promise<{ userId: string; refreshToken: string }> {
    const user = cognito.addUser(email, 'a-long-enough-password', { status: 'CONFIRMED' });
    user.attributes.set('custom:tenant', 'T1');
    user.groups.add('manager');
    const out = await client().send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: 'cli-client',
        AuthParameters: { USERNAME: email, PASSWORD: 'a-long-enough-password' },
      }),
    );
    return { userId: user.username, refreshToken: out.AuthenticationResult?.RefreshToken ?? '' };
  }

  it('signs a user out everywhere when their role changes: the refresh token they held stops working', async () => {
    // Prepare
    const users = new CognitoUserDirectory(client(), 'eu-central-1_Example');
    const { userId, refreshToken } = await signedIn('moved@example.org');
    const before = await refresh(refreshToken);
    // Act
    await users.setRole(userId, 'legal', undefined);
    // Assess
    expect(before.AuthenticationResult?.IdToken).toBeDefined();
    await expect(refresh(refreshToken)).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('signs a user out everywhere when disabling them', async () => {
    // Prepare
    const users = new CognitoUserDirectory(client(), 'eu-central-1_Example');
    const { userId } = await signedIn('disabled@example.org');
    cognito.calls.length = 0;
    // Act
    await users.disable(userId);
    // Assess
    expect(cognito.calls.map((c) => c.operation)).toEqual(
      expect.arrayContaining(['AdminDisableUser', 'AdminUserGlobalSignOut']),
    );
  });
});
