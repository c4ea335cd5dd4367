import {
  type AuthenticationResultType,
  type ChallengeNameType,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';

/** What the sign-in asks the person (or CI, through flags and variables) for. */
export type Secret = 'password' | 'totp-code' | 'sms-code' | 'new-password';

/** Answers one question of the sign-in: from a flag, a variable or a prompt that does not echo. */
export type SecretSource = (secret: Secret) => Promise<string>;

/** The tokens a signed-in admin keeps: the ID token is what the API takes. */
export interface CognitoTokens {
  idToken: string;
  refreshToken: string;
  /** ISO-8601: when the ID token expires. */
  expiresAt: string;
}

/** The challenges answered here and the answer each takes (Cognito's names). */
const ANSWERS: Partial<Record<ChallengeNameType, { secret: Secret; field: string }>> = {
  SOFTWARE_TOKEN_MFA: { secret: 'totp-code', field: 'SOFTWARE_TOKEN_MFA_CODE' },
  SMS_MFA: { secret: 'sms-code', field: 'SMS_MFA_CODE' },
  NEW_PASSWORD_REQUIRED: { secret: 'new-password', field: 'NEW_PASSWORD' },
};
/** A pool asks at most a new password, then an MFA code; more rounds mean something is wrong. */
const MAX_CHALLENGES = 4;

/**
 * Signs an admin in with USER_PASSWORD_AUTH on the CLI's app client (infra/constructs/admin-user-pool.ts),
 * answering the new-password and MFA challenges the pool raises, as InitiateAuth and
 * RespondToAuthChallenge define them.
 */
export async function signIn(
  cognito: CognitoIdentityProviderClient,
  clientId: string,
  username: string,
  answer: SecretSource,
  now: () => Date = () => new Date(),
): Promise<CognitoTokens> {
  let step: InitiateAuthCommandOutput = await cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: await answer('password') },
    }),
  );
  for (let round = 0; !step.AuthenticationResult; round++) {
    const challenge = step.ChallengeName;
    const expected = challenge && ANSWERS[challenge];
    if (!expected || round >= MAX_CHALLENGES)
      throw new Error(
        challenge === 'MFA_SETUP'
          ? 'this user has no authenticator app yet: sign in to the console once to set one up, then run `lethe login` again'
          : `Cognito asked for ${challenge ?? 'nothing'}, which \`lethe login\` cannot answer`,
      );
    step = await cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: challenge,
        Session: step.Session,
        ChallengeResponses: {
          USERNAME: step.ChallengeParameters?.USER_ID_FOR_SRP ?? username,
          [expected.field]: await answer(expected.secret),
        },
      }),
    );
  }
  return tokensOf(step.AuthenticationResult, undefined, now());
}

/** New ID token from the refresh token (REFRESH_TOKEN_AUTH); the refresh token itself is kept. */
export async function refresh(
  cognito: CognitoIdentityProviderClient,
  clientId: string,
  refreshToken: string,
  now: () => Date = () => new Date(),
): Promise<CognitoTokens> {
  const answer = await cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  );
  return tokensOf(answer.AuthenticationResult, refreshToken, now());
}

function tokensOf(
  result: AuthenticationResultType | undefined,
  keptRefresh: string | undefined,
  now: Date,
): CognitoTokens {
  const refreshToken = result?.RefreshToken ?? keptRefresh;
  if (!result?.IdToken || !refreshToken) throw new Error('Cognito answered without an ID token and a refresh token');
  return {
    idToken: result.IdToken,
    refreshToken,
    expiresAt: new Date(now.getTime() + (result.ExpiresIn ?? 3600) * 1000).toISOString(),
  };
}
