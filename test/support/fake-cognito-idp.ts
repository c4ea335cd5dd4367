import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A user of the fake pool: what Cognito keeps, plus the password and MFA a test signs in with. */
interface PoolUser {
  username: string;
  attributes: Map<string, string>;
  groups: Set<string>;
  enabled: boolean;
  status: 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED';
  created: number;
  password: string;
  mfa?: { type: 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA'; code: string };
}

// biome-ignore lint/suspicious/noExplicitAny: the wire JSON of a dozen operations, read field by field
type Body = Record<string, any>;
class Refusal extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A Cognito user-pool endpoint on loopback speaking the service's JSON protocol (X-Amz-Target
 * `AWSCognitoIdentityProviderService.<Operation>`), for the SDK client to be pointed at with
 * `endpoint`: the admin operations the user directory calls, and InitiateAuth /
 * RespondToAuthChallenge with the challenges `lethe login` answers. Unsigned requests are not
 * refused (the fake checks no signature).
 */
export class FakeCognito {
  readonly users = new Map<string, PoolUser>();
  /** Operations called, in order, with the auth flow or challenge: what the tests assert on. */
  readonly calls: Array<{ operation: string; flow?: string; clientId?: string }> = [];
  private readonly sessions = new Map<string, { username: string; challenge: string }>();
  private readonly refreshTokens = new Map<string, string>();
  private server?: Server;
  endpoint = '';

  /** `groups`: the pool's groups (AdminAddUserToGroup refuses any other, as Cognito does). */
  constructor(
    private readonly clientId = 'cli-client',
    private readonly groups: readonly string[] = ['admin', 'manager', 'advisor', 'support', 'legal'],
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
        let status = 200;
        let answer: Body;
        try {
          answer = this.handle(operation, JSON.parse(raw || '{}'));
        } catch (error) {
          status = 400;
          answer =
            error instanceof Refusal
              ? { __type: error.type, message: error.message }
              : { __type: 'InternalErrorException', message: String(error) };
        }
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** A user who signs in with `password` (and answers `mfa` when set), as an admin would have made them. */
  addUser(email: string, password: string, options: Partial<Pick<PoolUser, 'status' | 'mfa'>> = {}): PoolUser {
    const user = this.newUser({ email }, password);
    Object.assign(user, options);
    return user;
  }

  private newUser(attributes: Record<string, string>, password: string): PoolUser {
    const username = randomUUID();
    const user: PoolUser = {
      username,
      attributes: new Map([...Object.entries(attributes), ['sub', username]]),
      groups: new Set(),
      enabled: true,
      status: 'FORCE_CHANGE_PASSWORD',
      created: Math.floor(Date.now() / 1000),
      password,
    };
    this.users.set(username, user);
    return user;
  }

  private handle(operation: string, body: Body): Body {
    this.calls.push({ operation, flow: body.AuthFlow ?? body.ChallengeName, clientId: body.ClientId });
    switch (operation) {
      case 'AdminCreateUser': {
        const attributes = Object.fromEntries(
          (body.UserAttributes as Array<{ Name: string; Value: string }>).map((a) => [a.Name, a.Value]),
        );
        if (this.byEmail(String(attributes.email ?? body.Username)))
          throw new Refusal('UsernameExistsException', 'An account with the given email already exists.');
        return { User: this.userType(this.newUser(attributes, randomUUID())) };
      }
      case 'AdminGetUser': {
        const user = this.user(body.Username);
        const { Attributes, ...rest } = this.userType(user);
        return { ...rest, UserAttributes: Attributes };
      }
      case 'ListUsers':
        return this.page(
          [...this.users.values()].map((u) => this.userType(u)),
          body.PaginationToken,
          'PaginationToken',
        );
      case 'ListUsersInGroup':
        return this.page(
          [...this.users.values()].filter((u) => u.groups.has(body.GroupName)).map((u) => this.userType(u)),
          body.NextToken,
          'NextToken',
        );
      case 'AdminListGroupsForUser':
        return { Groups: [...this.user(body.Username).groups].map((GroupName) => ({ GroupName })) };
      case 'AdminAddUserToGroup':
        if (!this.groups.includes(body.GroupName)) throw new Refusal('ResourceNotFoundException', 'Group not found.');
        this.user(body.Username).groups.add(body.GroupName);
        return {};
      case 'AdminRemoveUserFromGroup':
        this.user(body.Username).groups.delete(body.GroupName);
        return {};
      case 'AdminUpdateUserAttributes':
        for (const a of body.UserAttributes) this.user(body.Username).attributes.set(a.Name, a.Value);
        return {};
      case 'AdminDeleteUserAttributes':
        for (const name of body.UserAttributeNames) this.user(body.Username).attributes.delete(name);
        return {};
      case 'AdminDisableUser':
        this.user(body.Username).enabled = false;
        return {};
      case 'AdminUserGlobalSignOut': {
        const { username } = this.user(body.Username);
        for (const [token, owner] of this.refreshTokens) if (owner === username) this.refreshTokens.delete(token);
        return {};
      }
      case 'AdminDeleteUser':
        this.users.delete(this.user(body.Username).username);
        return {};
      case 'InitiateAuth':
        return this.initiateAuth(body);
      case 'RespondToAuthChallenge':
        return this.respond(body);
      default:
        throw new Refusal('InvalidParameterException', `the fake does not serve ${operation}`);
    }
  }

  private initiateAuth(body: Body): Body {
    if (body.ClientId !== this.clientId)
      throw new Refusal('ResourceNotFoundException', 'User pool client does not exist.');
    if (body.AuthFlow === 'REFRESH_TOKEN_AUTH') {
      const username = this.refreshTokens.get(body.AuthParameters?.REFRESH_TOKEN);
      if (!username || !this.users.get(username)?.enabled)
        throw new Refusal('NotAuthorizedException', 'Invalid Refresh Token');
      const { RefreshToken: _kept, ...tokens } = this.tokens(username);
      return { AuthenticationResult: tokens };
    }
    if (body.AuthFlow !== 'USER_PASSWORD_AUTH')
      throw new Refusal('InvalidParameterException', `Auth flow not enabled for this client: ${body.AuthFlow}`);
    const user = this.byEmail(body.AuthParameters?.USERNAME ?? '');
    if (!user?.enabled || user.password !== body.AuthParameters?.PASSWORD)
      throw new Refusal('NotAuthorizedException', 'Incorrect username or password.');
    return this.next(user);
  }

  private respond(body: Body): Body {
    const session = this.sessions.get(body.Session);
    if (!session || session.challenge !== body.ChallengeName)
      throw new Refusal('NotAuthorizedException', 'Invalid session for the user.');
    this.sessions.delete(body.Session);
    const user = this.user(session.username);
    const answers = body.ChallengeResponses ?? {};
    if (session.challenge === 'NEW_PASSWORD_REQUIRED') {
      if (String(answers.NEW_PASSWORD ?? '').length < 14)
        throw new Refusal('InvalidPasswordException', 'Password does not conform to policy.');
      user.password = answers.NEW_PASSWORD;
      user.status = 'CONFIRMED';
      return this.next(user);
    }
    const code = answers[session.challenge === 'SMS_MFA' ? 'SMS_MFA_CODE' : 'SOFTWARE_TOKEN_MFA_CODE'];
    if (code !== user.mfa?.code) throw new Refusal('CodeMismatchException', 'Invalid code received for user');
    return { AuthenticationResult: this.tokens(user.username) };
  }

  /** The next challenge the user owes, or their tokens. */
  private next(user: PoolUser): Body {
    const challenge = user.status === 'FORCE_CHANGE_PASSWORD' ? 'NEW_PASSWORD_REQUIRED' : user.mfa?.type;
    if (!challenge) return { AuthenticationResult: this.tokens(user.username) };
    const Session = randomUUID();
    this.sessions.set(Session, { username: user.username, challenge });
    return { ChallengeName: challenge, Session, ChallengeParameters: {} };
  }

  private tokens(username: string) {
    const RefreshToken = `refresh-${randomUUID()}`;
    this.refreshTokens.set(RefreshToken, username);
    return {
      IdToken: `id-${username}-${randomUUID()}`,
      AccessToken: `access-${randomUUID()}`,
      RefreshToken,
      ExpiresIn: 3600,
      TokenType: 'Bearer',
    };
  }

  private user(username: string): PoolUser {
    const user = this.users.get(username) ?? this.byEmail(username);
    if (!user) throw new Refusal('UserNotFoundException', 'User does not exist.');
    return user;
  }

  private byEmail(email: string): PoolUser | undefined {
    return [...this.users.values()].find((u) => u.attributes.get('email') === email.toLowerCase());
  }

  private userType(u: PoolUser) {
    return {
      Username: u.username,
      Attributes: [...u.attributes].map(([Name, Value]) => ({ Name, Value })),
      Enabled: u.enabled,
      UserStatus: u.status,
      UserCreateDate: u.created,
    };
  }

  /** Pages of two, so callers must follow the token. */
  private page(items: Body[], token: string | undefined, tokenName: string): Body {
    const start = Number(token ?? 0);
    const next = start + 2 < items.length ? String(start + 2) : undefined;
    return { Users: items.slice(start, start + 2), ...(next ? { [tokenName]: next } : {}) };
  }
}
