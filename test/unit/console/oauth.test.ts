import {
  authorizeUrl,
  codeChallenge,
  codeExchangeRequest,
  codeVerifier,
  logoutUrl,
  refreshRequest,
  revokeRequest,
} from '../../../console/lib/oauth.js';

const CONFIG = {
  signIn: 'cognito' as const,
  domain: 'https://acme-111122223333.auth.eu-central-1.amazoncognito.com',
  clientId: 'client123',
  redirectUri: 'https://api.example/prod/console/',
};

// RFC 7636 appendix B: the 32 octets, the verifier they encode to, and its S256 challenge.
const RFC_OCTETS = Uint8Array.from([
  116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91,
  88, 5, 88, 83, 132, 141, 121,
]);
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE (RFC 7636)', () => {
  it('encodes 32 octets as the base64url verifier of appendix B', () => {
    // Act
    const verifier = codeVerifier(RFC_OCTETS);
    // Assess
    expect(verifier).toBe(RFC_VERIFIER);
  });

  it('derives the S256 challenge of appendix B from its verifier', async () => {
    // Act
    const challenge = await codeChallenge(RFC_VERIFIER);
    // Assess
    expect(challenge).toBe(RFC_CHALLENGE);
  });

  it('draws a fresh 43-character verifier of unreserved characters each time', () => {
    // Act
    const [a, b] = [codeVerifier(), codeVerifier()];
    // Assess
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b).not.toBe(a);
  });
});

describe('the Cognito requests', () => {
  it('sends the browser to /oauth2/authorize for a code, with the S256 challenge and the state', () => {
    // Act
    const url = new URL(authorizeUrl(CONFIG, { challenge: RFC_CHALLENGE, state: 'st4te' }));
    // Assess
    expect(`${url.origin}${url.pathname}`).toBe(`${CONFIG.domain}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client123',
      redirect_uri: CONFIG.redirectUri,
      scope: 'openid email profile',
      state: 'st4te',
      code_challenge_method: 'S256',
      code_challenge: RFC_CHALLENGE,
    });
  });

  it('exchanges the code at /oauth2/token as a form POST carrying the verifier and no secret', () => {
    // Act
    const request = codeExchangeRequest(CONFIG, 'the-code', RFC_VERIFIER);
    // Assess
    expect(request.url).toBe(`${CONFIG.domain}/oauth2/token`);
    expect(request.init.method).toBe('POST');
    expect(request.init.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(new URLSearchParams(request.init.body))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client123',
      code: 'the-code',
      redirect_uri: CONFIG.redirectUri,
      code_verifier: RFC_VERIFIER,
    });
  });

  it('refreshes at /oauth2/token with the refresh token grant', () => {
    // Act
    const request = refreshRequest(CONFIG, 'refresh+/=');
    // Assess
    expect(request.url).toBe(`${CONFIG.domain}/oauth2/token`);
    expect(Object.fromEntries(new URLSearchParams(request.init.body))).toEqual({
      grant_type: 'refresh_token',
      client_id: 'client123',
      refresh_token: 'refresh+/=',
    });
  });

  it('revokes the refresh token and signs out through /logout back to the console', () => {
    // Act
    const revoke = revokeRequest(CONFIG, 'r1');
    const logout = new URL(logoutUrl(CONFIG));
    // Assess
    expect(revoke.url).toBe(`${CONFIG.domain}/oauth2/revoke`);
    expect(Object.fromEntries(new URLSearchParams(revoke.init.body))).toEqual({ token: 'r1', client_id: 'client123' });
    expect(`${logout.origin}${logout.pathname}`).toBe(`${CONFIG.domain}/logout`);
    expect(Object.fromEntries(logout.searchParams)).toEqual({ client_id: 'client123', logout_uri: CONFIG.redirectUri });
  });
});
