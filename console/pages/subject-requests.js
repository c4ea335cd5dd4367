import { mayNow } from '../lib/abilities.js';
import { api } from '../lib/api.js';
import { announce, confirmDialog, field, h, replace, when } from '../lib/dom.js';
import { errorNotice, markFields } from '../lib/errors.js';
import { IDENTIFIERS, identifierFields } from '../lib/identifiers.js';
import { ROUTES } from '../lib/routes.js';
import { deliveriesSection } from './recipient-deliveries.js';

export const title = 'Subject requests';

const TYPES = [
  ['erase', 'Erase', 'Delete every record and object about the person, in every region.'],
  ['anonymize', 'Anonymise', 'Remove the identifiers everywhere ("forget me"); statistics stay.'],
  ['export', 'Export', 'One package of everything held about the person (access, portability).'],
  ['rectify', 'Rectify', 'Correct an identifier everywhere.'],
  ['restrict', 'Restrict', 'Exclude the records from exports and content access except by the legal role.'],
  ['object', 'Object / unsubscribe', 'Stop one purpose (e.g. recording) for the person from now on (GDPR Art. 21).'],
];
const TERMINAL = new Set(['completed', 'incomplete', 'cancelled', 'failed']);
const POLL_MS = 1000;

/**
 * The request form, or one request's live progress (`#/subject-requests/<id>`), polled until it
 * ends; leaving the page stops the polling.
 * @param {HTMLElement} main
 * @param {{ id?: string }} params
 */
export function render(main, { id }) {
  return id ? renderProgress(main, id) : renderForm(main);
}

/** @param {HTMLElement} main */
function renderForm(main) {
  const feedback = h('div');
  const options = h('div', { id: 'type-options' });
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card', 'aria-label': 'New subject request' },
      h(
        'fieldset',
        {},
        h('legend', {}, 'Request'),
        h(
          'div',
          { class: 'radios' },
          TYPES.map(([value, label], i) =>
            h(
              'label',
              { title: TYPES[i][2] },
              h('input', { type: 'radio', name: 'type', value, checked: i === 0, required: true }),
              label,
            ),
          ),
        ),
        h('p', { class: 'hint', id: 'type-hint' }, TYPES[0][2]),
      ),
      h(
        'fieldset',
        // Named like the API's field path, so a problem with the identifiers as a whole lands here.
        { name: 'identifiers', id: 'identifiers' },
        h('legend', {}, 'Who it is about (at least one)'),
        h('span', { class: 'field-error', id: 'identifiers-error', hidden: true }),
        h('div', { class: 'fields' }, identifierFields('identifiers.')),
      ),
      options,
      field(
        'Received on, if earlier (the deadline runs from receipt)',
        h('input', { type: 'datetime-local', name: 'receivedAt' }),
      ),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Submit request')),
    )
  );
  const showOptions = () => {
    const type = String(new FormData(form).get('type'));
    replace(/** @type {HTMLElement} */ (form.querySelector('#type-hint')), TYPES.find(([t]) => t === type)?.[2] ?? '');
    replace(options, optionsFor(type));
  };
  form.addEventListener('change', (event) => {
    if (/** @type {HTMLInputElement} */ (event.target).name === 'type') showOptions();
  });
  showOptions();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = requestBody(form);
    try {
      const { data } = await api(ROUTES.subjectRequests, { body });
      markFields(form, null);
      location.hash = `#/subject-requests/${data.requestId}`;
    } catch (error) {
      markFields(form, error);
      replace(feedback, errorNotice(error, 'The request was not accepted'));
      feedback.scrollIntoView({ block: 'nearest' });
    }
  });
  replace(
    main,
    h('h1', {}, 'Data-subject requests'),
    h(
      'p',
      { class: 'muted' },
      'Identifiers are used only to compute keyed hashes; they are never stored in clear. Every request is written to the audit log.',
    ),
    feedback,
    form,
  );
}

/** @param {string} type */
function optionsFor(type) {
  if (type === 'anonymize')
    return h(
      'fieldset',
      {},
      h('legend', {}, 'Content'),
      field(
        'Chat logs and recordings',
        h(
          'select',
          { name: 'options.content' },
          h('option', { value: 'delete' }, 'Delete them'),
          h('option', { value: 'keep' }, 'Keep them (identifiers removed)'),
        ),
      ),
    );
  if (type === 'rectify')
    return h(
      'fieldset',
      {},
      h('legend', {}, 'Corrected values (give the current value above)'),
      h(
        'div',
        { class: 'fields' },
        IDENTIFIERS.map(([name, label, kind]) =>
          field(
            `Corrected ${label.toLowerCase()}`,
            h('input', { type: kind, name: `options.corrected.${name}`, autocomplete: 'off' }),
          ),
        ),
      ),
    );
  if (type === 'object')
    return h(
      'fieldset',
      {},
      h('legend', {}, 'Objection'),
      field(
        'Purpose (recording, storeContent or one the policy names)',
        h('input', { type: 'text', name: 'options.purpose', required: true, autocomplete: 'off' }),
      ),
    );
  if (type === 'restrict')
    return h(
      'fieldset',
      {},
      h('legend', {}, 'Restriction'),
      h(
        'label',
        {},
        h('input', { type: 'checkbox', name: 'options.lift', value: 'true' }),
        ' Lift an earlier restriction instead',
      ),
    );
  return null;
}

/** The API's body from the form's dotted names; empty fields are left out. @param {HTMLFormElement} form */
function requestBody(form) {
  /** @type {Record<string, any>} */
  const body = { identifiers: {}, options: {} };
  for (const [name, raw] of new FormData(form)) {
    const value = String(raw).trim();
    if (!value) continue;
    if (name === 'type') body.type = value;
    // The browser's wall-clock time, sent as an instant with its zone.
    else if (name === 'receivedAt') body.receivedAt = new Date(value).toISOString();
    else if (name === 'options.lift') body.options.lift = true;
    else {
      const path = name.split('.');
      let node = body;
      for (const part of path.slice(0, -1)) node = node[part] ??= {};
      node[path[path.length - 1]] = value;
    }
  }
  return body;
}

/** @param {HTMLElement} main @param {string} id */
function renderProgress(main, id) {
  const status = h(
    'div',
    { 'aria-live': 'polite', 'aria-atomic': 'true', id: 'request-status' },
    h('p', { class: 'muted' }, 'Loading…'),
  );
  const bar = /** @type {HTMLProgressElement} */ (
    h('progress', { max: 100, value: 0, 'aria-labelledby': 'progress-label' })
  );
  const result = h('div');
  const actions = h('div', { class: 'actions' });
  replace(
    main,
    h('p', {}, h('a', { href: '#/subject-requests' }, '← New request')),
    h('h1', {}, 'Subject request'),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'progress-label' },
      h('h2', { id: 'progress-label' }, 'Progress'),
      bar,
      status,
      actions,
    ),
    result,
  );
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let stopped = false;
  let lastStep = '';
  const poll = async () => {
    try {
      const { data } = await api(ROUTES.subjectRequest(id));
      const p = data.progress ?? { percent: TERMINAL.has(data.status) ? 100 : 0, step: data.status };
      bar.value = p.percent;
      bar.textContent = `${p.percent} %`;
      replace(
        status,
        h(
          'dl',
          { class: 'info' },
          h('dt', {}, 'Request'),
          h('dd', {}, `${data.type} · `, h('code', {}, data.requestId ?? id)),
          h('dt', {}, 'Status'),
          h('dd', {}, h('strong', {}, data.status)),
          h('dt', {}, 'Step'),
          h(
            'dd',
            {},
            `${p.step}${p.steps ? ` (${Math.min(p.stepIndex + 1, p.steps)} of ${p.steps})` : ''}${p.partitionsTotal ? `, ${p.partitionsDone} of ${p.partitionsTotal} interactions` : ''}`,
          ),
          h('dt', {}, 'Progress'),
          h('dd', {}, `${p.percent} %`),
          h('dt', {}, 'Requested'),
          h('dd', {}, when(data.requestedAt)),
          h('dt', {}, 'Due'),
          h(
            'dd',
            {},
            when(data.dueAt),
            data.daysLeft !== undefined ? ` (${data.daysLeft} days left)` : null,
            data.overdue ? [' ', h('span', { class: 'pill overdue-marker' }, 'Overdue')] : null,
          ),
          data.verifyAgainst
            ? [
                h('dt', {}, 'Verify the person against'),
                h(
                  'dd',
                  {},
                  h(
                    'ul',
                    {},
                    data.verifyAgainst.map((/** @type {any} */ v) =>
                      h('li', {}, `${v.kind}: `, h('code', {}, v.masked)),
                    ),
                  ),
                ),
              ]
            : null,
        ),
      );
      const stepNow = `${data.status}:${p.step}`;
      if (stepNow !== lastStep)
        announce(`Subject request ${data.status}${p.step ? `, step ${p.step}` : ''}, ${p.percent} percent.`);
      lastStep = stepNow;
      replace(
        actions,
        data.status !== 'pending-verification'
          ? null
          : mayNow('subject-request.confirm')
            ? h('button', { type: 'button', onclick: confirm }, 'Confirm request')
            : h('p', { class: 'muted' }, 'Confirming a request a channel filed is for the admin role.'),
        TERMINAL.has(data.status) || data.cancelRequested
          ? null
          : h('button', { type: 'button', class: 'danger', onclick: cancel }, 'Cancel request'),
      );
      if (TERMINAL.has(data.status)) {
        replace(result, outcome(data), data.result ? deliveriesSection(id, data.deliveries) : null);
        return;
      }
    } catch (error) {
      replace(status, errorNotice(error, 'The request status could not be read'));
      return;
    }
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  };
  const cancel = async () => {
    try {
      await api(ROUTES.subjectRequest(id), { method: 'DELETE' });
      announce('Cancellation requested.');
    } catch (error) {
      replace(result, errorNotice(error, 'The request could not be cancelled'));
    }
  };
  const confirm = async () => {
    const sure = await confirmDialog({
      title: 'Confirm the request?',
      body: 'Confirm only once the person is verified against the identifiers shown: the request then runs, and what it does cannot be undone.',
      confirm: 'Confirm and run',
    });
    if (!sure) return;
    try {
      await api(ROUTES.confirmSubjectRequest(id), { method: 'POST' });
      announce('Request confirmed: it runs now.');
    } catch (error) {
      replace(result, errorNotice(error, 'The request could not be confirmed'));
    }
  };
  void poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** The certificate (what was found and done, per store and region, and the verification) or the failure of a finished request. @param {any} data */
function outcome(data) {
  const section = h(
    'section',
    { class: 'card', 'aria-labelledby': 'outcome-title' },
    h('h2', { id: 'outcome-title' }, data.result ? 'Certificate' : 'Outcome'),
  );
  if (data.status === 'failed' && data.error)
    section.append(
      h('div', { class: 'notice error', role: 'alert' }, h('p', {}, `The request failed: ${data.error.message}`)),
    );
  if (data.status === 'cancelled' && !data.result)
    section.append(h('p', {}, 'The request was cancelled before it did anything.'));
  if (data.status === 'incomplete' && data.result)
    section.append(
      h(
        'div',
        { class: 'notice error', role: 'alert' },
        h(
          'p',
          {},
          `Not completed: ${data.result.verification.remaining} records still found. ${data.result.incompleteBecause ?? ''}`,
        ),
      ),
    );
  if (data.download)
    section.append(
      h(
        'p',
        {},
        h('a', { class: 'button', href: data.download.url, rel: 'noreferrer' }, 'Download the export package'),
        ` (link valid until ${when(data.download.expiresAt)})`,
      ),
    );
  const c = data.result;
  if (!c) return section;
  const v = c.verification;
  section.append(...certificateParts(c, v));
  return section;
}

/** @param {any} c the certificate @param {any} v its verification */
function certificateParts(c, v) {
  return [
    h(
      'dl',
      { class: 'info' },
      h('dt', {}, 'Outcome'),
      h('dd', {}, `${c.outcome} on ${when(c.completedAt)}`),
      h('dt', {}, 'Searched by'),
      h('dd', {}, c.searchedBy.join(', ')),
      h('dt', {}, 'Verification'),
      h(
        'dd',
        {},
        `${v.ok ? 'passed' : 'FAILED'}: ${v.method} in ${v.regions.join(', ')}, ${v.remaining} remaining, ${v.retained} retained`,
      ),
      c.cryptoShredding ? [h('dt', {}, 'Crypto-shredding'), h('dd', {}, c.cryptoShredding.statement)] : null,
      c.export
        ? [
            h('dt', {}, 'Package'),
            h(
              'dd',
              {},
              `${c.export.records} records in ${c.export.files} files, ${c.export.bytes} bytes, SHA-256 `,
              h('code', {}, c.export.sha256),
            ),
          ]
        : null,
      h('dt', {}, 'Kept until'),
      h('dd', {}, when(c.keptUntil)),
    ),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'What was found and done' },
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Region', 'Store', 'Data class', 'Action', 'Found', 'Done'].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          {},
          c.lines.map((l) =>
            h(
              'tr',
              {},
              h('td', {}, l.region),
              h('td', {}, l.store),
              h('td', {}, l.dataClass ?? '—'),
              h('td', {}, l.action),
              h('td', { class: 'num' }, l.found),
              h('td', { class: 'num' }, l.done ?? '—'),
            ),
          ),
        ),
      ),
    ),
    c.retained.length
      ? h(
          'ul',
          { 'aria-label': 'Retained' },
          c.retained.map((r) =>
            h(
              'li',
              {},
              `${r.records} ${r.classes.join('/')} records in ${r.region} kept: ${r.reason} (${r.lawfulBasis}) until ${r.until}`,
            ),
          ),
        )
      : null,
    h(
      'details',
      {},
      h('summary', {}, 'The certificate as JSON'),
      h('pre', { class: 'code', tabindex: 0 }, JSON.stringify(c, null, 2)),
    ),
  ].filter((part) => part !== null);
}
