// The admin token (and, signed in on Cognito, its refresh token) lives in sessionStorage only:
// gone when the tab closes, never in a URL or cookie.

const KEY = 'lethe.adminToken';
const REFRESH_KEY = 'lethe.refreshToken';

/**
 * @typedef {{ tenant: string, role: string, group?: string, user: string, expiresAt?: Date }} Claims
 */

/** @returns {string|null} */
export function token() {
  return sessionStorage.getItem(KEY);
}

/** @param {string} value @param {string} [refreshToken] kept when absent: a refresh answers without a new one */
export function signIn(value, refreshToken) {
  sessionStorage.setItem(KEY, value);
  if (refreshToken) sessionStorage.setItem(REFRESH_KEY, refreshToken);
}

/** @returns {string|null} */
export function refreshToken() {
  return sessionStorage.getItem(REFRESH_KEY);
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(REFRESH_KEY);
}

/**
 * What the token says about its holder, for display only (the API checks the signature), or an
 * explanation of why it is not an admin token.
 * @param {string} value
 * @returns {{ claims: Claims } | { problem: string }}
 */
export function readClaims(value) {
  const parts = value.split('.');
  if (parts.length !== 3) return { problem: 'An admin token has three parts separated by dots (a JWT).' };
  let payload;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))));
  } catch {
    return { problem: 'The token cannot be read: its middle part is not base64url-encoded JSON.' };
  }
  const tenant = payload['custom:tenant'];
  const groups = Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'] : [];
  if (typeof tenant !== 'string' || groups.length === 0)
    return { problem: 'The token names no tenant or no role: it is not a Lethe admin token.' };
  const expiresAt = typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : undefined;
  if (expiresAt && expiresAt.getTime() < Date.now())
    return { problem: `The token expired at ${expiresAt.toLocaleString()}.` };
  return {
    claims: {
      tenant,
      role: String(groups[0]),
      group: typeof payload['custom:group'] === 'string' ? payload['custom:group'] : undefined,
      user: String(payload.sub ?? ''),
      expiresAt,
    },
  };
}

/** The signed-in user's claims, or null. @returns {Claims|null} */
export function currentClaims() {
  const value = token();
  if (!value) return null;
  const read = readClaims(value);
  return 'claims' in read ? read.claims : null;
}
