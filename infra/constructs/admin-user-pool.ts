import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** Cognito groups of admin users; the authorizer maps them to roles. */
export const ADMIN_GROUPS = ['admin', 'manager', 'advisor', 'support', 'legal'] as const;

/**
 * What a signed-in user may change about themselves: their name, nothing else. The claims that grant
 * access (`custom:tenant`, `custom:group`) and the sign-in e-mail are set by administrators only.
 */
export const SELF_WRITABLE_ATTRIBUTES = new cognito.ClientAttributes().withStandardAttributes({
  fullname: true,
  givenName: true,
  familyName: true,
});

export interface AdminUserPoolProps {
  readonly userPoolName: string;
  /**
   * Prefix of the Cognito domain of the managed sign-in pages (`https://<prefix>.auth.<region>.amazoncognito.com`),
   * unique in the region across AWS.
   * @default no domain: no hosted sign-in, SRP sign-in only
   */
  readonly domainPrefix?: string;
  /**
   * The web console's URL: where the hosted sign-in returns with an authorization code, and where
   * sign-out returns. Required with `domainPrefix`.
   * @default none
   */
  readonly consoleUrl?: string;
}

/** What the console asks for: an ID token with the e-mail (custom claims always come with the ID token). */
const CONSOLE_SCOPES = [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE];

/** Both app clients: no hint whether a user exists, revocable refresh tokens, ID tokens of an hour. */
const TOKEN_SETTINGS = {
  preventUserExistenceErrors: true,
  enableTokenRevocation: true,
  accessTokenValidity: Duration.hours(1),
  idTokenValidity: Duration.hours(1),
  refreshTokenValidity: Duration.hours(12),
} satisfies cognito.UserPoolClientOptions;

/**
 * The people who administer tenants (never end users). Invitation only, MFA by authenticator app
 * required, strong passwords, threat protection enforced (Plus plan), and two custom attributes the
 * authorizer reads from the ID token: `custom:tenant` (fixed at creation) and `custom:group`.
 * With a domain, the console signs in on Cognito's hosted pages with the authorization-code flow
 * (the console, a public client, sends a PKCE challenge). `lethe login` signs in on a client of its
 * own that allows USER_PASSWORD_AUTH (a terminal has no browser to return to) and nothing else;
 * the authorizer accepts ID tokens of both clients.
 */
export class AdminUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  /** The CLI's client: password sign-in (the pool still asks for MFA), no OAuth. */
  readonly cliClient: cognito.UserPoolClient;
  readonly domain?: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: AdminUserPoolProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Pool', {
      userPoolName: props.userPoolName,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      customAttributes: {
        tenant: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
        // Mutable so an administrator can move a manager (AdminUpdateUserAttributes); no app client may write it.
        group: new cognito.StringAttribute({ minLen: 1, maxLen: 40, mutable: true }),
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const group of ADMIN_GROUPS) this.userPool.addGroup(`Group-${group}`, { groupName: group });
    if (props.domainPrefix && !props.consoleUrl)
      throw new Error('AdminUserPool: a domain needs the console URL to return to');
    if (props.domainPrefix)
      this.domain = this.userPool.addDomain('Domain', {
        cognitoDomain: { domainPrefix: props.domainPrefix },
        managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
      });

    this.client = this.userPool.addClient('AdminClient', {
      userPoolClientName: `${props.userPoolName}-admin`,
      authFlows: { userSrp: true },
      // Without this list a signed-in user could UpdateUserAttributes their own custom:group.
      writeAttributes: SELF_WRITABLE_ATTRIBUTES,
      generateSecret: false,
      // Without a domain no OAuth flow is offered (CDK's default would enable the implicit grant to example.com).
      ...(props.consoleUrl
        ? {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: CONSOLE_SCOPES,
              callbackUrls: [props.consoleUrl],
              logoutUrls: [props.consoleUrl],
            },
            supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
          }
        : { disableOAuth: true }),
      ...TOKEN_SETTINGS,
    });
    this.cliClient = this.userPool.addClient('CliClient', {
      userPoolClientName: `${props.userPoolName}-cli`,
      authFlows: { userPassword: true },
      writeAttributes: SELF_WRITABLE_ATTRIBUTES,
      generateSecret: false,
      disableOAuth: true,
      ...TOKEN_SETTINGS,
    });
  }
}
