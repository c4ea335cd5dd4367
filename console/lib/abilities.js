import { api } from './api.js';
import { ROUTES } from './routes.js';
import { token } from './session.js';

// What the signed-in user may do, as the API's `GET /v1/me` lists it (`allowed` actions), asked
// once per token: pages and nav entries a role may not use are hidden, not offered and refused.

/** @type {{ token: string, allowed: Promise<Set<string> | null> } | undefined} */
let cached;
/** The last answer, for controls drawn after the route awaited it. @type {{ token: string, allowed: Set<string> | null } | undefined} */
let known;

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
  const asked = cached;
  void asked.allowed.then((allowed) => {
    known = { token: asked.token, allowed };
  });
  return asked.allowed;
}

/**
 * Whether the signed-in role may take `action`, from the answer the route already awaited; true
 * while unknown (the API decides). For buttons: an action a role may not take is not drawn.
 * @param {string} action
 */
export const mayNow = (action) => known?.token !== (token() ?? '') || mayUse(known?.allowed ?? null, action);

/**
 * Whether `needs` is allowed: one action, or several separated by spaces of which any will do
 * (a page with a part per action). An unknown answer allows: the API decides.
 * @param {Set<string> | null} allowed @param {string | undefined} needs
 */
export const mayUse = (allowed, needs) =>
  !needs || allowed === null || needs.split(' ').some((action) => allowed.has(action));
