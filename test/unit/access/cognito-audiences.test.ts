import { generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { audiencesOf } from '../../../functions/adapters/auth/cognito-admin-tokens';
import { claimChecks } from '../../../functions/adapters/auth/token-checks';

const POOL = { clientId: 'console-client', cliClientId: 'cli-client' };
const NOW = new Date('2026-12-05T00:00:00Z');

async function idTokenFor(audience: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const token = await new SignJWT({ token_use: 'id' })
    .setProtectedHeader({ alg: 'RS256' })
    .setSubject('user-1')
    .setAudience(audience)
    .setIssuedAt(NOW.getTime() / 1000)
    .setExpirationTime(NOW.getTime() / 1000 + 3600)
    .sign(privateKey);
  return { token, key: publicKey };
}

describe("the audiences of the pool's ID tokens", () => {
  it.each(['console-client', 'cli-client'])('accepts an ID token issued to the %s', async (audience) => {
    // Prepare
    const { token, key } = await idTokenFor(audience);
    // Act
    const verified = await jwtVerify(token, key, claimChecks(audiencesOf(POOL), NOW));
    // Assess
    expect(verified.payload.aud).toBe(audience);
  });

  it('refuses an ID token of another client of the pool', async () => {
    // Prepare
    const { token, key } = await idTokenFor('some-other-client');
    // Act
    const verifying = jwtVerify(token, key, claimChecks(audiencesOf(POOL), NOW));
    // Assess
    await expect(verifying).rejects.toThrow(/aud/);
  });

  it('accepts only the console client where the stack has no CLI client', () => {
    // Act
    const audiences = audiencesOf({ clientId: 'console-client' });
    // Assess
    expect(audiences).toEqual(['console-client']);
  });
});
