import { api } from '../lib/api.js';
import { announce, confirmDialog, field, h, replace, when } from '../lib/dom.js';
import { errorNotice, markFields } from '../lib/errors.js';
import { ROUTES } from '../lib/routes.js';
import { currentClaims } from '../lib/session.js';
import { dataTable } from '../lib/table.js';

export const title = 'Staff';

/** The roles of the admin API (Cognito groups); the API names them again in its 400 if one is wrong. */
const ROLES = ['admin', 'manager', 'advisor', 'support', 'legal'];

/** @param {string} [selected] */
const roleSelect = (selected = 'advisor') =>
  h(
    'select',
    { name: 'role', required: true },
    ROLES.map((role) => h('option', { value: role, selected: role === selected }, role)),
  );

/** The body of a role: a group only when one was typed. @param {FormData} data */
const roleBody = (data) => {
  const group = String(data.get('group') ?? '').trim();
  return { role: String(data.get('role')), ...(group ? { group } : {}) };
};

/**
 * Staff profiles (admins only): invite a staff user with a role (a manager with their agent
 * group), move one to another role, disable or delete one. The directory e-mails the invited user
 * a temporary password. An admin's own row takes no action (another admin must change it).
 * @param {HTMLElement} main
 */
export function render(main) {
  const list = h('section', { 'aria-labelledby': 'staff-title' });
  /** @param {Node} [notice] */
  const load = async (notice) => {
    replace(list, h('h2', { id: 'staff-title' }, 'Staff users'), h('p', { class: 'muted' }, 'Loading…'));
    try {
      const { data } = await api(ROUTES.staff);
      replace(
        list,
        h('h2', { id: 'staff-title' }, `Staff users (${data.items.length})`),
        notice,
        staffTable(data.items, act),
      );
      announce(`${data.items.length} staff user${data.items.length === 1 ? '' : 's'} shown.`);
    } catch (error) {
      replace(list, h('h2', { id: 'staff-title' }, 'Staff users'), errorNotice(error, 'The staff could not be listed'));
    }
  };
  /** @param {string} what @param {() => Promise<unknown>} call @param {string} done */
  const act = async (what, call, done) => {
    try {
      await call();
      await load(h('div', { class: 'notice ok', role: 'status' }, h('p', {}, done)));
    } catch (error) {
      list.prepend(errorNotice(error, what));
    }
  };
  replace(
    main,
    h('h1', {}, 'Staff'),
    h(
      'p',
      { class: 'muted' },
      "The tenant's staff users and their roles. A disabled user can no longer sign in; tokens already issued run out within the hour.",
    ),
    inviteForm(() => load()),
    list,
  );
  void load();
}

/** @param {() => Promise<void>} invited */
function inviteForm(invited) {
  const feedback = h('div');
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card', 'aria-label': 'Invite a staff user' },
      h('h2', {}, 'Invite a staff user'),
      h(
        'div',
        { class: 'fields' },
        field('E-mail', h('input', { type: 'email', name: 'email', required: true, autocomplete: 'off' })),
        field('Role', roleSelect()),
        field(
          'Agent group',
          h('input', { type: 'text', name: 'group', autocomplete: 'off' }),
          'Managers: the group they manage.',
        ),
      ),
      feedback,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Invite')),
    )
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const { data: user } = await api(ROUTES.staff, {
        body: { email: String(data.get('email') ?? '').trim(), ...roleBody(data) },
      });
      markFields(form, null);
      form.reset();
      replace(
        feedback,
        h(
          'div',
          { class: 'notice ok', role: 'status' },
          h('p', {}, `${user.email} invited as ${user.role}: a temporary password is on its way.`),
        ),
      );
      await invited();
    } catch (error) {
      markFields(form, error);
      replace(feedback, errorNotice(error, 'The staff user was not invited'));
    }
  });
  return form;
}

/** The role change of one row: a role, a group, Save. @param {any} user @param {(what: string, call: () => Promise<unknown>, done: string) => void} act */
function roleForm(user, act) {
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'inline', 'aria-label': `Role of ${user.email}` },
      h('label', { class: 'visually-hidden', for: `role-${user.userId}` }, 'Role'),
      Object.assign(roleSelect(user.role), { id: `role-${user.userId}` }),
      h('input', {
        type: 'text',
        name: 'group',
        value: user.group ?? '',
        placeholder: 'group',
        'aria-label': 'Agent group',
        size: 10,
      }),
      h('button', { type: 'submit', class: 'secondary' }, 'Save role'),
    )
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = roleBody(new FormData(form));
    act(
      'The role was not changed',
      () => api(ROUTES.staffRole(user.userId), { method: 'PUT', body }),
      `${user.email} is now ${body.role}.`,
    );
  });
  return form;
}

/** @param {any[]} users @param {(what: string, call: () => Promise<unknown>, done: string) => void} act */
function staffTable(users, act) {
  if (users.length === 0) return h('p', {}, 'No staff user yet.');
  const me = currentClaims()?.user;
  /** @param {any} user */
  const remove = async (user) => {
    const sure = await confirmDialog({
      title: `Delete ${user.email}?`,
      body: 'The user is removed from the directory and can no longer sign in. The audit log keeps their id.',
      confirm: 'Delete user',
    });
    if (sure)
      act(
        'The user was not deleted',
        () => api(ROUTES.staffUser(user.userId), { method: 'DELETE' }),
        `${user.email} deleted.`,
      );
  };
  return dataTable({
    label: 'Staff users',
    caption: 'Staff users by e-mail',
    columns: ['E-mail', 'Role', 'Status', 'Invited', ''],
    rows: users.map((user) =>
      h(
        'tr',
        { 'data-user': user.userId },
        h('td', {}, user.email, h('br'), h('code', { class: 'muted' }, user.userId)),
        h('td', {}, user.userId === me ? `${user.role ?? '—'} (you)` : roleForm(user, act)),
        h(
          'td',
          {},
          user.enabled ? h('span', { class: 'pill' }, 'enabled') : 'disabled',
          h('br'),
          h('span', { class: 'muted' }, user.status),
        ),
        h('td', {}, when(user.createdAt)),
        h(
          'td',
          {},
          user.userId === me
            ? null
            : [
                user.enabled
                  ? h(
                      'button',
                      {
                        type: 'button',
                        class: 'secondary',
                        onclick: () =>
                          act(
                            'The user was not disabled',
                            () => api(ROUTES.staffDisable(user.userId), { method: 'POST' }),
                            `${user.email} disabled.`,
                          ),
                      },
                      'Disable',
                    )
                  : null,
                h('button', { type: 'button', class: 'danger', onclick: () => remove(user) }, 'Delete'),
              ],
        ),
      ),
    ),
  });
}
