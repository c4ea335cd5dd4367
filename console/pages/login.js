import { api } from '../lib/api.js';
import { field, h, replace } from '../lib/dom.js';
import { errorNotice } from '../lib/errors.js';
import { ROUTES } from '../lib/routes.js';
import { readClaims, signIn, signOut } from '../lib/session.js';
import { beginSignIn, signInConfig, takeSignInProblem } from '../lib/sign-in.js';

export const title = 'Log in';

/** @param {HTMLElement} main */
export function render(main) {
  if (signInConfig().signIn === 'cognito') renderHostedSignIn(main);
  else renderTokenPaste(main);
}

/** AWS: the Cognito domain's sign-in (password, MFA as the pool requires), then back here. @param {HTMLElement} main */
function renderHostedSignIn(main) {
  const problem = takeSignInProblem();
  const button = h('button', { type: 'button' }, 'Sign in');
  button.addEventListener('click', () => {
    button.setAttribute('disabled', 'true');
    void beginSignIn();
  });
  replace(
    main,
    h('h1', {}, 'Log in to the Lethe console'),
    problem ? h('div', { class: 'notice error', role: 'alert' }, h('p', {}, problem)) : h('div'),
    h(
      'div',
      { class: 'card' },
      h(
        'p',
        {},
        'Sign in with your Lethe admin account on the sign-in page of this deployment; you come back here signed in.',
      ),
      h('div', { class: 'actions' }, button),
    ),
  );
}

/** Local stack: paste a token the CLI signed. @param {HTMLElement} main */
function renderTokenPaste(main) {
  const input = h('input', {
    type: 'password',
    name: 'token',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
  });
  const problem = h('div');
  const form = h(
    'form',
    { class: 'card', method: 'post', 'aria-describedby': 'login-help' },
    field('Admin token', input, 'Kept in this tab only (sessionStorage) and sent as a Bearer token to the Lethe API.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Log in')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = /** @type {HTMLInputElement} */ (input).value.trim();
    const read = readClaims(value);
    if ('problem' in read) {
      input.setAttribute('aria-invalid', 'true');
      replace(problem, h('div', { class: 'notice error', role: 'alert' }, h('p', {}, read.problem)));
      input.focus();
      return;
    }
    // The API has the last word: a token of another stack or a revoked user is refused here.
    signIn(value);
    try {
      await api(ROUTES.me);
    } catch (error) {
      signOut();
      input.setAttribute('aria-invalid', 'true');
      replace(problem, errorNotice(error, 'The token was not accepted'));
      input.focus();
      return;
    }
    location.hash = '#/search';
  });
  replace(
    main,
    h('h1', {}, 'Log in to the Lethe console'),
    h(
      'p',
      { id: 'login-help' },
      'Paste an admin token. Locally: ',
      h('code', {}, 'npx lethe token --tenant T --role admin'),
      ' or the adminToken printed by ',
      h('code', {}, 'npx lethe tenant create'),
      '; in AWS, the ID token of your Cognito user.',
    ),
    problem,
    form,
  );
}
