// The authorization-code flow with PKCE (RFC 7636) against a Cognito domain: the pieces that build
// requests, with no state of their own, so they can be checked on their own.

/**
 * @typedef {{ signIn: 'cognito', domain: string, clientId: string, redirectUri: string }} CognitoConfig
 * @typedef {{ url: string, init: { method: 'POST', headers: Record<string, string>, body: string } }} TokenRequest
 */

/** RFC 4648 §5 base64url without padding. @param {Uint8Array} bytes */
export function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** 32 random octets, base64url: 43 characters of the unreserved set (RFC 7636 §4.1). @param {Uint8Array} [octets] */
export function codeVerifier(octets = globalThis.crypto.getRandomValues(new Uint8Array(32))) {
  return base64url(octets);
}

/** The S256 challenge: base64url(SHA-256(ASCII(verifier))) (RFC 7636 §4.2). @param {string} verifier */
export async function codeChallenge(verifier) {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** Where the browser goes to sign in. @param {CognitoConfig} config @param {{ challenge: string, state: string }} pkce */
export function authorizeUrl(config, { challenge, state }) {
  const url = new URL('/oauth2/authorize', config.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid email profile',
    state,
    code_challenge_method: 'S256',
    code_challenge: challenge,
  }).toString();
  return url.toString();
}

/** @param {CognitoConfig} config @param {Record<string, string>} form @returns {TokenRequest} */
function tokenEndpointRequest(config, form) {
  return {
    url: new URL('/oauth2/token', config.domain).toString(),
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    },
  };
}

/** Trades the code the domain returned for tokens; the verifier proves this tab asked for it. @param {CognitoConfig} config @param {string} code @param {string} verifier */
export function codeExchangeRequest(config, code, verifier) {
  return tokenEndpointRequest(config, {
    grant_type: 'authorization_code',
    client_id: config.clientId,
    code,
    redirect_uri: config.redirectUri,
    code_verifier: verifier,
  });
}

/** New ID and access tokens for the refresh token. @param {CognitoConfig} config @param {string} refreshToken */
export function refreshRequest(config, refreshToken) {
  return tokenEndpointRequest(config, {
    grant_type: 'refresh_token',
    client_id: config.clientId,
    refresh_token: refreshToken,
  });
}

/** Revokes the refresh token (and the tokens issued with it). @param {CognitoConfig} config @param {string} refreshToken @returns {TokenRequest} */
export function revokeRequest(config, refreshToken) {
  return {
    url: new URL('/oauth2/revoke', config.domain).toString(),
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: refreshToken, client_id: config.clientId }).toString(),
    },
  };
}

/** Ends the session on the domain too, then comes back to the console. @param {CognitoConfig} config */
export function logoutUrl(config) {
  const url = new URL('/logout', config.domain);
  url.search = new URLSearchParams({ client_id: config.clientId, logout_uri: config.redirectUri }).toString();
  return url.toString();
}
