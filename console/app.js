import { allowedActions, mayUse } from './lib/abilities.js';
import { h, replace } from './lib/dom.js';
import { currentClaims } from './lib/session.js';
import { completeSignIn, loadSignInConfig, resumeSession, signOutEverywhere } from './lib/sign-in.js';
import * as audit from './pages/audit.js';
import * as chatbotEvents from './pages/chatbot-events.js';
import * as consents from './pages/consents.js';
import * as holds from './pages/holds.js';
import * as interaction from './pages/interaction.js';
import * as kpis from './pages/kpis.js';
import * as litigation from './pages/litigation.js';
import * as login from './pages/login.js';
import * as policy from './pages/policy.js';
import * as register from './pages/register.js';
import * as requestDesk from './pages/request-desk.js';
import * as search from './pages/search.js';
import * as staff from './pages/staff.js';
import * as subjectRequests from './pages/subject-requests.js';
import * as sweeps from './pages/sweeps.js';

/**
 * @typedef {{ title: string, render: (main: HTMLElement, params: Record<string, string>) => (void | (() => void)) }} Page
 * Hash routes: the server only ever sees /console/, and nothing personal goes into a URL
 * (search criteria stay in memory, the token in sessionStorage). The last element is the action
 * (docs/admin-api.md, `GET /v1/me`'s `allowed`) a role needs for the page, or several of which any
 * will do: without it the page and its nav entry (`data-needs`) are hidden. An interaction's own page is decided per interaction.
 */
/** @type {Array<[RegExp, Page, string[], string?]>} */
const ROUTES = [
  [/^\/login$/, login, []],
  [/^\/search$/, search, [], 'interaction.search'],
  [/^\/interactions\/([A-Za-z0-9]+)$/, interaction, ['id']],
  [/^\/audit$/, audit, [], 'audit.view'],
  [/^\/requests$/, requestDesk, [], 'subject-request.manage'],
  [/^\/subject-requests$/, subjectRequests, [], 'subject-request.manage'],
  [/^\/subject-requests\/([A-Za-z0-9_-]+)$/, subjectRequests, ['id'], 'subject-request.manage'],
  [/^\/holds$/, holds, [], 'legal-hold.manage'],
  [/^\/register$/, register, [], 'register.view'],
  [/^\/sweeps$/, sweeps, [], 'sweep.view'],
  [/^\/litigation$/, litigation, [], 'litigation.list'],
  [/^\/consents$/, consents, [], 'consent.view'],
  [/^\/policy$/, policy, [], 'policy.view'],
  [/^\/kpis$/, kpis, [], 'kpi.view privacy-kpi.view'],
  [/^\/staff$/, staff, [], 'staff.manage'],
  [/^\/chatbot-events$/, chatbotEvents, [], 'event.view'],
];

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
/** @type {(() => void) | undefined} */
let leave;

/** Counts route() calls, so an answer of `/v1/me` that arrives after a newer navigation is dropped. */
let routing = 0;

async function route() {
  leave?.();
  leave = undefined;
  const path = location.hash.replace(/^#/, '') || '/search';
  const claims = currentClaims();
  const call = ++routing;
  const allowed = claims ? await allowedActions() : null;
  if (call !== routing) return;
  showSession(claims, allowed);
  if (!claims && path !== '/login') {
    location.replace('#/login');
    return;
  }
  const found = ROUTES.map(([pattern, page, names, needs]) => ({ match: pattern.exec(path), page, names, needs })).find(
    (r) => r.match,
  );
  if (found && !mayUse(allowed, found.needs)) {
    document.title = 'Not available · Lethe console';
    markCurrent(path);
    replace(
      main,
      h('h1', { tabindex: -1 }, 'Not available to your role'),
      h(
        'div',
        { class: 'notice info', role: 'status' },
        h(
          'p',
          {},
          `The ${claims?.role} role may not use the ${found.page.title} page (it needs ${found.needs?.split(' ').join(' or ')}).`,
        ),
      ),
      h('p', {}, h('a', { href: '#/search' }, 'Go to the search')),
    );
    focusHeading();
    return;
  }
  if (!found) {
    document.title = 'Not found · Lethe console';
    replace(
      main,
      h('h1', { tabindex: -1 }, 'Page not found'),
      h('p', {}, h('a', { href: '#/search' }, 'Go to the search')),
    );
    focusHeading();
    return;
  }
  const params = Object.fromEntries(found.names.map((n, i) => [n, decodeURIComponent(found.match?.[i + 1] ?? '')]));
  document.title = `${found.page.title} · Lethe console`;
  markCurrent(path);
  main.replaceChildren();
  leave = found.page.render(main, params) ?? undefined;
  focusHeading();
}

/** Moves focus to the new page's heading, so keyboard and screen-reader users start there. */
function focusHeading() {
  const heading = main.querySelector('h1');
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

/** @param {import('./lib/session.js').Claims | null} claims @param {Set<string> | null} allowed */
function showSession(claims, allowed) {
  const nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
  const session = /** @type {HTMLElement} */ (document.getElementById('session'));
  nav.hidden = !claims;
  /** @type {HTMLElement} */ for (const link of nav.querySelectorAll('a[data-needs]'))
    link.parentElement.hidden = !mayUse(allowed, link.getAttribute('data-needs') ?? '');
  session.hidden = !claims;
  if (claims)
    /** @type {HTMLElement} */ (document.getElementById('session-who')).textContent =
      `${claims.role}${claims.group ? ` · group ${claims.group}` : ''} · tenant ${claims.tenant}`;
}

/** @param {string} path */
function markCurrent(path) {
  for (const link of document.querySelectorAll('#nav a')) {
    const target = link.getAttribute('href')?.slice(1) ?? '';
    if (path === target || path.startsWith(`${target}/`) || (target === '/search' && path.startsWith('/interactions/')))
      link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

/** @type {HTMLElement} */ (document.getElementById('logout')).addEventListener('click', async () => {
  search.forget();
  if (!(await signOutEverywhere())) location.hash = '#/login';
});
// The skip link moves focus without touching the hash, which holds the route.
/** @type {HTMLElement} */ (document.querySelector('.skip-link')).addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', () => void route());
await loadSignInConfig();
await completeSignIn();
// A renewal that fails ends the session: back to the login page.
await resumeSession(() => void route());
await route();
