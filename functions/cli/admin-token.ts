import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { AdminRole } from '../domain/access/admin-roles';
import type { LetheApiClient } from './api-client';
import { refresh } from './cognito-sign-in';
import { localAdminToken } from './commands/token';
import { localRuntimeClock } from './local-clock';
import { executeApiRegion } from './operator-signing';
import { storedSession, storeSession } from './session-store';

/** An ID token this close to its expiry is renewed before use, so it does not lapse mid-command. */
const RENEW_BEFORE_MS = 5 * 60_000;

/** The Cognito client of the sign-in: LETHE_COGNITO_ENDPOINT points it elsewhere than AWS (tests). */
export const cognitoClient = (region: string, env: NodeJS.ProcessEnv = process.env) =>
  new CognitoIdentityProviderClient({
    region,
    ...(env.LETHE_COGNITO_ENDPOINT ? { endpoint: env.LETHE_COGNITO_ENDPOINT } : {}),
  });

export interface AdminTokenOptions {
  /** `--token`. */
  token?: string;
  /** The tenant of a token signed for the local stack (in AWS the signed-in admin's own). */
  tenant?: string;
  /** The role of a token signed for the local stack. */
  role: AdminRole;
}

/**
 * The admin token every admin command sends: `--token`, else LETHE_ADMIN_TOKEN, else against AWS
 * the ID token `lethe login` stored (renewed when near expiry), else one signed for the local
 * stack at its clock.
 */
export async function adminTokenFor(
  client: LetheApiClient,
  options: AdminTokenOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const given = options.token ?? env.LETHE_ADMIN_TOKEN;
  if (given) return given;
  if (executeApiRegion(client.baseUrl)) return signedInToken(client.baseUrl, env);
  if (!options.tenant)
    throw new Error('--tenant is needed against the local stack (in AWS the token of `lethe login` names the tenant)');
  const now = await localRuntimeClock(client);
  return localAdminToken(
    { tenant: options.tenant, role: options.role, user: 'lethe-cli', hours: '1', ...(now ? { now } : {}) },
    env,
  );
}

/** The ID token kept for `apiUrl` by `lethe login`, renewed with the refresh token when it is about to expire. */
export async function signedInToken(
  apiUrl: string,
  env: NodeJS.ProcessEnv = process.env,
  now: () => Date = () => new Date(),
): Promise<string> {
  const session = storedSession(apiUrl, env);
  if (!session) throw new Error(`not signed in to ${apiUrl}: run \`lethe login\` first`);
  if (Date.parse(session.expiresAt) - RENEW_BEFORE_MS > now().getTime()) return session.idToken;
  const cognito = cognitoClient(session.region, env);
  try {
    const renewed = await refresh(cognito, session.clientId, session.refreshToken, now).catch((error: unknown) => {
      throw (error as Error).name === 'NotAuthorizedException'
        ? new Error('the sign-in has expired or was revoked: run `lethe login` again')
        : error;
    });
    storeSession(apiUrl, { ...session, ...renewed }, env);
    return renewed.idToken;
  } finally {
    cognito.destroy();
  }
}
