// How this console signs in, as its server says (config.json): a pasted token (local stack) or
// Cognito's hosted sign-in with the authorization-code flow and PKCE (AWS). Holds the flow's state:
// the verifier and state wait in sessionStorage while the browser is on the Cognito domain.
import {
  authorizeUrl,
  base64url,
  codeChallenge,
  codeExchangeRequest,
  codeVerifier,
  logoutUrl,
  refreshRequest,
  revokeRequest,
} from './oauth.js';
import { currentClaims, readClaims, refreshToken, signIn, signOut, token } from './session.js';

const PENDING_KEY = 'lethe.pendingSignIn';
/** Refresh this long before the ID token expires, so no API call goes out with an expired one. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** @typedef {{ signIn: 'token' } | import('./oauth.js').CognitoConfig} SignInConfig */

/** @type {SignInConfig} */
let config = { signIn: 'token' };
/** @type {ReturnType<typeof setTimeout> | undefined} */
let refreshTimer;
/** Why the last return from the Cognito domain did not sign in, for the login page to show once. */
let problem;

/** @returns {SignInConfig} */
export function signInConfig() {
  return config;
}

/** Reads config.json; without it (an older server), the token paste. */
export async function loadSignInConfig() {
  try {
    const res = await fetch(new URL('config.json', document.baseURI), { cache: 'no-store', credentials: 'omit' });
    if (res.ok) config = await res.json();
  } catch {
    config = { signIn: 'token' };
  }
  return config;
}

/** Leaves for the Cognito domain; it comes back to the console with `?code=…&state=…`. */
export async function beginSignIn() {
  if (config.signIn !== 'cognito') return;
  const verifier = codeVerifier();
  const state = base64url(globalThis.crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  location.assign(authorizeUrl(config, { challenge: await codeChallenge(verifier), state }));
}

/** Why the sign-in failed, once. @returns {string|undefined} */
export function takeSignInProblem() {
  const taken = problem;
  problem = undefined;
  return taken;
}

/**
 * On the way back from the Cognito domain: trades the code for tokens and takes the code out of
 * the address bar. A failure is kept for the login page (takeSignInProblem).
 */
export async function completeSignIn() {
  problem = await codeForTokens();
  if (problem) signOut();
}

/** @returns {Promise<string|undefined>} an explanation when the sign-in failed, undefined otherwise (also when this page load is no return from the domain) */
async function codeForTokens() {
  const params = new URLSearchParams(location.search);
  if (config.signIn !== 'cognito' || (!params.has('code') && !params.has('error'))) return undefined;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null');
  sessionStorage.removeItem(PENDING_KEY);
  // The code must not stay in the history, nor be traded twice on a reload.
  history.replaceState(null, '', `${location.pathname}#/search`);
  if (params.has('error'))
    return `The sign-in was not completed: ${params.get('error_description') ?? params.get('error')}.`;
  if (!pending || pending.state !== params.get('state'))
    return 'The sign-in answer does not belong to this tab. Sign in again.';
  const failed = await tokenCall(
    codeExchangeRequest(config, String(params.get('code')), pending.verifier),
    'The sign-in could not be completed',
  );
  if (failed) return failed;
  const read = readClaims(token() ?? '');
  return 'problem' in read ? `You are signed in, but not as a Lethe admin: ${read.problem}` : undefined;
}

/**
 * A tab reopened after its ID token expired renews it first, so the page opens signed in; then
 * keeps it fresh. @param {() => void} onSignedOut
 */
export async function resumeSession(onSignedOut) {
  const refresh = refreshToken();
  if (config.signIn === 'cognito' && refresh && !currentClaims()) {
    if (await tokenCall(refreshRequest(config, refresh), 'The session could not be renewed')) signOut();
  }
  keepFresh(onSignedOut);
}

/** Keeps the ID token fresh with the refresh token, a few minutes before it expires. @param {() => void} onSignedOut */
function keepFresh(onSignedOut) {
  clearTimeout(refreshTimer);
  const current = token();
  const refresh = refreshToken();
  if (config.signIn !== 'cognito' || !current || !refresh) return;
  const read = readClaims(current);
  const expiresAt = 'claims' in read ? read.claims.expiresAt : undefined;
  if (!expiresAt) return;
  const cognito = config;
  refreshTimer = setTimeout(
    async () => {
      const problem = await tokenCall(refreshRequest(cognito, refresh), 'The session could not be renewed');
      if (problem) {
        signOut();
        onSignedOut();
      } else keepFresh(onSignedOut);
    },
    Math.max(0, expiresAt.getTime() - Date.now() - REFRESH_MARGIN_MS),
  );
}

/**
 * Signs out of the console and, signed in on Cognito, revokes the refresh token and ends the
 * domain's session (the browser then leaves for the domain: returns true).
 * @returns {Promise<boolean>}
 */
export async function signOutEverywhere() {
  clearTimeout(refreshTimer);
  const refresh = refreshToken();
  signOut();
  if (config.signIn !== 'cognito') return false;
  if (refresh) {
    const request = revokeRequest(config, refresh);
    // Best effort: the domain's /logout ends the session whatever the answer.
    await fetch(request.url, { ...request.init, credentials: 'omit' }).catch(() => undefined);
  }
  location.assign(logoutUrl(config));
  return true;
}

/**
 * Calls the token endpoint and keeps the ID token (what the API's authorizer reads) and the
 * refresh token. @param {import('./oauth.js').TokenRequest} request @param {string} failure
 * @returns {Promise<string|undefined>} an explanation when it failed
 */
async function tokenCall(request, failure) {
  let res;
  try {
    res = await fetch(request.url, { ...request.init, credentials: 'omit', cache: 'no-store' });
  } catch {
    return `${failure}: the sign-in service could not be reached.`;
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok || typeof body.id_token !== 'string')
    return `${failure}: ${body.error_description ?? body.error ?? `HTTP ${res.status}`}.`;
  signIn(body.id_token, typeof body.refresh_token === 'string' ? body.refresh_token : undefined);
  return undefined;
}
