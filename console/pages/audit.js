import { api } from '../lib/api.js';
import { announce, field, h, localToIso, replace, when } from '../lib/dom.js';
import { errorNotice, markFields } from '../lib/errors.js';
import { ROUTES } from '../lib/routes.js';

export const title = 'Audit log';

/**
 * The actions the audit log can filter on, as the API itself documents them (the `action` query
 * parameter of GET /v1/audit in the OpenAPI document), so the list never drifts from the server's.
 * @param {HTMLSelectElement} select
 */
async function fillActions(select) {
  try {
    const { data } = await api('/v1/openapi.json');
    const parameter = (data?.paths?.['/v1/audit']?.get?.parameters ?? []).find(
      (/** @type {any} */ p) => p.name === 'action',
    );
    for (const action of parameter?.schema?.enum ?? []) select.append(h('option', { value: action }, action));
  } catch {
    // Without the list the filter still offers "Any action"; the entries themselves are unaffected.
  }
}
/** @param {HTMLElement} main */
export function render(main) {
  const actions = /** @type {HTMLSelectElement} */ (
    h('select', { name: 'action' }, h('option', { value: '' }, 'Any action'))
  );
  void fillActions(actions);
  const out = h('section', { 'aria-labelledby': 'audit-results-title' });
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card', 'aria-label': 'Filter the audit log' },
      h(
        'div',
        { class: 'fields' },
        field('From', h('input', { type: 'datetime-local', name: 'from' })),
        field('To', h('input', { type: 'datetime-local', name: 'to' })),
        field('Action', actions),
        field(
          'Interaction id',
          h('input', { type: 'text', name: 'interactionId', autocomplete: 'off', spellcheck: 'false' }),
        ),
        field('Staff user', h('input', { type: 'text', name: 'user', autocomplete: 'off' })),
        field(
          'Support access',
          h(
            'select',
            { name: 'support' },
            h('option', { value: '' }, 'All entries'),
            h('option', { value: 'true' }, 'Vendor support only'),
            h('option', { value: 'false' }, 'Staff only'),
          ),
        ),
      ),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show entries')),
    )
  );
  /** @type {any[]} */
  let items = [];
  /** @param {Record<string, string>} query @param {string} [nextToken] */
  const load = async (query, nextToken) => {
    if (!nextToken) replace(out, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const { data } = await api(ROUTES.audit, { query: { ...query, nextToken } });
      markFields(form, null);
      items = nextToken ? [...items, ...data.items] : data.items;
      replace(
        out,
        entriesTable(items),
        data.nextToken
          ? h(
              'div',
              { class: 'actions' },
              h(
                'button',
                { type: 'button', class: 'secondary', onclick: () => load(query, data.nextToken) },
                'Load more',
              ),
            )
          : null,
      );
      announce(`${items.length} audit entr${items.length === 1 ? 'y' : 'ies'} shown.`);
    } catch (error) {
      markFields(form, error);
      replace(out, errorNotice(error, 'The audit log could not be read'));
    }
  };
  const criteria = () => {
    const data = new FormData(form);
    const value = (/** @type {string} */ k) => String(data.get(k) ?? '').trim();
    return {
      from: localToIso(value('from')) ?? '',
      to: localToIso(value('to')) ?? '',
      action: value('action'),
      interactionId: value('interactionId'),
      user: value('user'),
      support: value('support'),
    };
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load(criteria());
  });
  replace(
    main,
    h('h1', {}, 'Audit log'),
    h(
      'p',
      { class: 'muted' },
      'Every play, download, view and deletion of content, every export, subject request and policy change. Entries are chained by hash; they hold no content and no identifiers.',
    ),
    form,
    out,
  );
  void load(criteria());
}

/** @param {any[]} items */
function entriesTable(items) {
  if (items.length === 0)
    return [h('h2', { id: 'audit-results-title' }, 'Entries'), h('p', {}, 'No audit entry matches.')];
  return [
    h('h2', { id: 'audit-results-title' }, `Entries (${items.length})`),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Audit entries' },
      h(
        'table',
        {},
        h('caption', { class: 'visually-hidden' }, 'Audit entries, newest first'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['#', 'When', 'Action', 'Who', 'Interaction', 'From', 'Details'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          {},
          items.map((e) =>
            h(
              'tr',
              { 'data-action': e.action },
              h('td', { class: 'num' }, e.seq),
              h('td', {}, when(e.at)),
              h('td', {}, h('span', { class: 'pill' }, e.action)),
              h(
                'td',
                {},
                `${e.actor.user} (${e.actor.role})`,
                e.actor.support ? h('span', { class: 'pill' }, ' support access') : null,
              ),
              h(
                'td',
                {},
                e.interactionId
                  ? h('a', { href: `#/interactions/${e.interactionId}` }, h('code', {}, e.interactionId))
                  : '—',
              ),
              h('td', {}, e.from),
              h('td', {}, details(e.details)),
            ),
          ),
        ),
      ),
    ),
  ];
}

/** @param {Record<string, unknown>} d */
function details(d) {
  const entries = Object.entries(d ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}: ${v}`).join(', ') : '—';
}
