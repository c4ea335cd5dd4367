import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoUserDirectory } from '../../../functions/adapters/cognito/user-directory';
import { FakeCognito } from '../../support/fake-cognito-idp';
import { userDirectoryContract } from '../../support/user-directory-contract';

describe('CognitoUserDirectory against a Cognito endpoint', () => {
  const cognito = new FakeCognito();
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

  userDirectoryContract(() => ({ users: new CognitoUserDirectory(client, 'eu-central-1_Example') }));
});

describe('CognitoUserDirectory when the role cannot be given', () => {
  const cognito = new FakeCognito('cli-client', ['admin']);
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

  it('takes the new user out again, leaving no user without their role', async () => {
    // Prepare
    const users = new CognitoUserDirectory(client, 'eu-central-1_Example');
    // Act
    const creating = users.create({ tenantId: 'T1', email: 'half@example.org', role: 'legal' });
    // Assess
    await expect(creating).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(cognito.users.size).toBe(0);
    expect(await users.list('T1')).toEqual([]);
  });
});
