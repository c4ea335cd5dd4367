import { api } from './api.js';
import { ROUTES } from './routes.js';
import { token } from './session.js';

// What the signed-in user may do, as the API's `GET /v1/me` lists it (`allowed` actions), asked
// once per token: pages and nav entries a role may not use are hidden, not offered and refused.

/** @type {{ token: string, allowed: Promise<Set<string> | null> } | undefined} */
let cached;

/**
 * The actions the token's holder may take, or null when the API could not say (then nothing is
 * hidden and the API's own answer decides, page by page).
 * @returns {Promise<Set<string> | null>}
 */
export function allowedActions() {
  const current = token() ?? '';
  if (cached?.token !== current)
    cached = {
      token: current,
      allowed: api(ROUTES.me).then(
        ({ data }) => new Set(Array.isArray(data?.allowed) ? data.allowed.map(String) : []),
        () => null,
      ),
    };
  return cached.allowed;
}

/** Whether `action` is allowed (an unknown answer allows: the API decides). @param {Set<string> | null} allowed @param {string | undefined} action */
export const mayUse = (allowed, action) => !action || allowed === null || allowed.has(action);
