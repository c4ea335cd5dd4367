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
