import { api } from '../lib/api.js';
import { announce, field, h, replace, when } from '../lib/dom.js';
import { errorNotice, markFields } from '../lib/errors.js';
import { ROUTES } from '../lib/routes.js';

export const title = 'Request desk';

const option = (/** @type {string} */ value, /** @type {string} */ label) => h('option', { value }, label);
const select = (/** @type {string} */ name, /** @type {Array<[string, string]>} */ choices) =>
  h(
    'select',
    { name },
    choices.map(([v, l]) => option(v, l)),
  );

/**
 * The request desk: every subject request of the tenant with its GDPR Art. 12(3) due date, days
 * left and an overdue marker, filtered; a request's deadline is extended here, with the reason.
 * @param {HTMLElement} main
 */
export function render(main) {
  const out = h('section', { 'aria-labelledby': 'desk-results-title' });
  const extension = h('div');
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card', 'aria-label': 'Filter the requests' },
      h(
        'div',
        { class: 'fields' },
        field(
          'Type',
          select('type', [
            ['', 'Any type'],
            ['erase', 'Erase'],
            ['anonymize', 'Anonymise'],
            ['export', 'Export'],
            ['rectify', 'Rectify'],
            ['restrict', 'Restrict'],
            ['object', 'Object'],
          ]),
        ),
        field(
          'Status',
          select('status', [
            ['', 'Any status'],
            ['pending-verification', 'Pending verification'],
            ['queued', 'Queued'],
            ['running', 'Running'],
            ['failed', 'Failed'],
            ['completed', 'Completed'],
            ['cancelled', 'Cancelled'],
          ]),
        ),
        field(
          'Filed by',
          select('filedBy', [
            ['', 'Anyone'],
            ['channel', 'A channel (self-service)'],
            ['staff', 'Staff'],
          ]),
        ),
        field(
          'Deadline',
          select('overdue', [
            ['', 'Any'],
            ['true', 'Overdue only'],
            ['false', 'Not overdue'],
          ]),
        ),
      ),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show requests')),
    )
  );
  /** @type {any[]} */
  let items = [];
  /** @param {Record<string, string>} query @param {string} [nextToken] */
  const load = async (query, nextToken) => {
    if (!nextToken) replace(out, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const { data } = await api(ROUTES.subjectRequests, { query: { ...query, nextToken } });
      markFields(form, null);
      items = nextToken ? [...items, ...data.items] : data.items;
      replace(
        out,
        requestsTable(items, offerExtension),
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
      announce(`${items.length} request${items.length === 1 ? '' : 's'} shown.`);
    } catch (error) {
      markFields(form, error);
      replace(out, errorNotice(error, 'The requests could not be listed'));
    }
  };
  const criteria = () => Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]));
  /** @param {any} request */
  const offerExtension = (request) => {
    replace(
      extension,
      extensionForm(request, () => load(criteria())),
    );
    extension.querySelector('select')?.focus();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    replace(extension);
    void load(criteria());
  });
  replace(
    main,
    h('h1', {}, 'Request desk'),
    h(
      'p',
      { class: 'muted' },
      "Each request is due one month after receipt (GDPR Art. 12(3)), on the tenant's calendar; it may be extended by two further months, with the reason told to the person. ",
      h('a', { href: '#/subject-requests' }, 'File a new request'),
    ),
    form,
    extension,
    out,
  );
  void load(criteria());
}

/** @param {any[]} items @param {(request: any) => void} onExtend */
function requestsTable(items, onExtend) {
  if (items.length === 0) return [h('h2', { id: 'desk-results-title' }, 'Requests'), h('p', {}, 'No request matches.')];
  return [
    h('h2', { id: 'desk-results-title' }, `Requests (${items.length})`),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Subject requests' },
      h(
        'table',
        {},
        h('caption', { class: 'visually-hidden' }, 'Subject requests, in filing order'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Request', 'Type', 'Status', 'Filed by', 'Received', 'Due', 'Days left', ''].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          items.map((r) =>
            h(
              'tr',
              { 'data-request': r.requestId, class: r.overdue ? 'overdue' : null },
              h('td', {}, h('a', { href: `#/subject-requests/${r.requestId}` }, h('code', {}, r.requestId))),
              h('td', {}, r.type),
              h('td', {}, h('span', { class: 'pill' }, r.status)),
              h('td', {}, r.filedBy),
              h('td', {}, when(r.requestedAt)),
              h('td', {}, when(r.dueAt), r.extendedMonths ? ` (extended ${r.extendedMonths} mo.)` : null),
              h(
                'td',
                { class: 'num' },
                r.daysLeft ?? '—',
                r.overdue ? [' ', h('span', { class: 'pill overdue-marker' }, 'Overdue')] : null,
              ),
              h(
                'td',
                {},
                r.daysLeft !== undefined && r.extendedMonths < 2 && !r.overdue
                  ? h('button', { type: 'button', class: 'secondary', onclick: () => onExtend(r) }, 'Extend')
                  : null,
              ),
            ),
          ),
        ),
      ),
    ),
  ];
}

/** Extend one request's deadline by 1 or 2 months, with the reason. @param {any} request @param {() => void} done */
function extensionForm(request, done) {
  const feedback = h('div');
  const left = 2 - request.extendedMonths;
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card', 'aria-label': 'Extend the deadline' },
      h('h2', {}, 'Extend the deadline of ', h('code', {}, request.requestId)),
      h(
        'div',
        { class: 'fields' },
        field(
          'Months',
          h(
            'select',
            { name: 'months' },
            [1, 2].filter((m) => m <= left).map((m) => option(String(m), `${m} more month${m === 1 ? '' : 's'}`)),
          ),
        ),
        field(
          'Reason told to the person',
          h('textarea', { name: 'reason', rows: 2, maxlength: 1000 }),
          'Free text is stored redacted.',
        ),
      ),
      feedback,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Extend')),
    )
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const { data: extended } = await api(ROUTES.extendSubjectRequest(request.requestId), {
        body: { months: Number(data.get('months')), reason: String(data.get('reason') ?? '') },
      });
      markFields(form, null);
      replace(
        feedback,
        h('div', { class: 'notice ok', role: 'status' }, h('p', {}, `Extended: now due ${when(extended.dueAt)}.`)),
      );
      announce('Deadline extended.');
      done();
    } catch (error) {
      markFields(form, error);
      replace(feedback, errorNotice(error, 'The deadline was not extended'));
    }
  });
  return form;
}
