import { h, replace } from './lib/dom.js';
import { currentClaims } from './lib/session.js';
import { completeSignIn, loadSignInConfig, resumeSession, signOutEverywhere } from './lib/sign-in.js';
import * as audit from './pages/audit.js';
import * as interaction from './pages/interaction.js';
import * as kpis from './pages/kpis.js';
import * as login from './pages/login.js';
import * as policy from './pages/policy.js';
import * as requestDesk from './pages/request-desk.js';
import * as search from './pages/search.js';
import * as subjectRequests from './pages/subject-requests.js';

/**
 * @typedef {{ title: string, render: (main: HTMLElement, params: Record<string, string>) => (void | (() => void)) }} Page
 * Hash routes: the server only ever sees /console/, and nothing personal goes into a URL
 * (search criteria stay in memory, the token in sessionStorage).
 */
/** @type {Array<[RegExp, Page, string[]]>} */
const ROUTES = [
  [/^\/login$/, login, []],
  [/^\/search$/, search, []],
  [/^\/interactions\/([A-Za-z0-9]+)$/, interaction, ['id']],
  [/^\/audit$/, audit, []],
  [/^\/requests$/, requestDesk, []],
  [/^\/subject-requests$/, subjectRequests, []],
  [/^\/subject-requests\/([A-Za-z0-9_-]+)$/, subjectRequests, ['id']],
  [/^\/policy$/, policy, []],
  [/^\/kpis$/, kpis, []],
];

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
/** @type {(() => void) | undefined} */
let leave;

function route() {
  leave?.();
  leave = undefined;
  const path = location.hash.replace(/^#/, '') || '/search';
  const claims = currentClaims();
  showSession(claims);
  if (!claims && path !== '/login') {
    location.replace('#/login');
    return;
  }
  const found = ROUTES.map(([pattern, page, names]) => ({ match: pattern.exec(path), page, names })).find(
    (r) => r.match,
  );
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

/** @param {import('./lib/session.js').Claims | null} claims */
function showSession(claims) {
  const nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
  const session = /** @type {HTMLElement} */ (document.getElementById('session'));
  nav.hidden = !claims;
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
window.addEventListener('hashchange', route);
await loadSignInConfig();
await completeSignIn();
// A renewal that fails ends the session: back to the login page.
await resumeSession(() => route());
route();
