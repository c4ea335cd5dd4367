import { Match, Template } from 'aws-cdk-lib/assertions';
import { AdminUserPool } from '../../infra/constructs/admin-user-pool';
import { testStack } from './support';

describe('AdminUserPool', () => {
  const stack = testStack();
  new AdminUserPool(stack, 'Admins', { userPoolName: 'acme-admins' });
  const template = Template.fromStack(stack);

  it('admits invited admins only, with an authenticator-app MFA, strong passwords and threat protection', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolName: 'acme-admins',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('carries the tenant (fixed) and group custom attributes the authorizer reads', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'tenant', AttributeDataType: 'String', Mutable: false }),
        Match.objectLike({ Name: 'group', AttributeDataType: 'String', Mutable: true }),
      ]),
    });
  });

  it('lets no signed-in user write the claims that grant access: the app client may write names only', () => {
    // Act
    const clients = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
    // Assess
    expect(clients.length).toBeGreaterThan(0);
    for (const client of clients) {
      expect(client.Properties.WriteAttributes).toEqual(['family_name', 'given_name', 'name']);
      expect(client.Properties.WriteAttributes).not.toEqual(expect.arrayContaining(['custom:group']));
      expect(client.Properties.WriteAttributes).not.toEqual(expect.arrayContaining(['custom:tenant']));
    }
  });

  it('has the admin, manager, advisor, support and legal groups', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(['admin', 'advisor', 'legal', 'manager', 'support']);
  });

  it('has a public SRP app client with short-lived tokens', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
    });
  });

  it('gives `lethe login` a public client of its own that allows password sign-in and refresh only, without OAuth', () => {
    // Assess
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'acme-admins-cli',
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      AllowedOAuthFlows: Match.absent(),
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      IdTokenValidity: 60,
      WriteAttributes: ['family_name', 'given_name', 'name'],
    });
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 2);
  });

  it('offers no OAuth flow without a hosted sign-in domain', () => {
    // Assess
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlowsUserPoolClient: false,
      AllowedOAuthFlows: Match.absent(),
      CallbackURLs: Match.absent(),
    });
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
  });
});

describe("AdminUserPool with the console's hosted sign-in", () => {
  const stack = testStack();
  const pool = new AdminUserPool(stack, 'Admins', {
    userPoolName: 'acme-admins',
    domainPrefix: 'acme-111122223333',
    consoleUrl: 'https://api.example.com/prod/console/',
  });
  const template = Template.fromStack(stack);

  it('has a Cognito domain for the managed sign-in pages', () => {
    // Assess
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'acme-111122223333',
      ManagedLoginVersion: 1,
    });
    expect(pool.domain).toBeDefined();
  });

  it('lets the console sign in with the authorization-code flow only, returning to the console after sign-in and sign-out', () => {
    // Assess
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: ['https://api.example.com/prod/console/'],
      LogoutURLs: ['https://api.example.com/prod/console/'],
      SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      WriteAttributes: ['family_name', 'given_name', 'name'],
    });
  });

  it('refuses a domain without a console to return to', () => {
    // Act
    const act = () =>
      new AdminUserPool(testStack(), 'Admins', { userPoolName: 'acme-admins', domainPrefix: 'acme-111122223333' });
    // Assess
    expect(act).toThrow(/console URL/);
  });
});
