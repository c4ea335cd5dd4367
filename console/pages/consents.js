import { api } from '../lib/api.js';
import { announce, field, h, replace, when } from '../lib/dom.js';
import { errorNotice, markFields } from '../lib/errors.js';
import { identifierFields, identifiersOf } from '../lib/identifiers.js';
import { ROUTES } from '../lib/routes.js';
import { dataTable } from '../lib/table.js';

export const title = 'Consent records';

/**
 * Consent proofs and objections, per person (found by keyed hash, never named in the answer) or
 * per interaction (what the channel reported, and its participant's proofs). The identifiers
 * typed stay in memory: they go to the API only.
 * @param {HTMLElement} main
 */
export function render(main) {
  const out = h('section', { id: 'consent-results', 'aria-live': 'polite' });
  /** @param {HTMLFormElement} form @param {() => Promise<any>} ask */
  const show = async (form, ask) => {
    replace(out, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const data = await ask();
      markFields(form, null);
      replace(out, resultView(data));
      announce(`${data.consents.length} consent record${data.consents.length === 1 ? '' : 's'} shown.`);
    } catch (error) {
      markFields(form, error);
      replace(out, errorNotice(error, 'The consent records could not be read'));
    }
  };
  const byPerson = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card', 'aria-label': 'Consents of a person' },
      h('h2', {}, 'Of a person'),
      h('div', { class: 'fields' }, identifierFields('')),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show consents of the person')),
    )
  );
  byPerson.addEventListener('submit', (event) => {
    event.preventDefault();
    void show(byPerson, async () => (await api(ROUTES.subjectConsents, { query: identifiersOf(byPerson, '') })).data);
  });
  const byInteraction = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card', 'aria-label': 'Consents of an interaction' },
      h('h2', {}, 'Of an interaction'),
      field('Interaction id', h('input', { type: 'text', name: 'interactionId', required: true, autocomplete: 'off' })),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show consents of the interaction')),
    )
  );
  byInteraction.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = String(new FormData(byInteraction).get('interactionId') ?? '').trim();
    void show(byInteraction, async () => (await api(ROUTES.interactionConsents(id))).data);
  });
  replace(
    main,
    h('h1', {}, 'Consent records'),
    h(
      'p',
      { class: 'muted' },
      'Every consent proof, withdrawal and objection (GDPR Art. 21) on record; an objection beats any consent from its instant on.',
    ),
    byPerson,
    byInteraction,
    out,
  );
}

/** @param {{ interactionId?: string, reported?: any, consents: any[] }} data */
function resultView(data) {
  return [
    h('h2', {}, data.interactionId ? ['Interaction ', h('code', {}, data.interactionId)] : 'Consent records'),
    data.reported
      ? h(
          'p',
          {},
          `The channel reported: content ${data.reported.content}, recording ${data.reported.recording}`,
          data.reported.noticeVersion ? `, notice ${data.reported.noticeVersion}` : '',
          '.',
        )
      : null,
    data.consents.length
      ? dataTable({
          label: 'Consent records',
          caption: 'Consent records, oldest first',
          columns: ['When', 'Purpose', 'Standing', 'Notice', 'Channel', 'Request', 'Region'],
          rows: data.consents.map((c) =>
            h(
              'tr',
              { 'data-consent': c.consentId },
              h('td', {}, when(c.at)),
              h('td', {}, c.purpose),
              h(
                'td',
                {},
                h('span', { class: 'pill' }, c.objection ? 'objection' : c.granted ? 'granted' : 'withdrawn'),
              ),
              h('td', {}, c.noticeVersion ?? '—'),
              h('td', {}, c.channel ?? '—'),
              h(
                'td',
                {},
                c.requestId ? h('a', { href: `#/subject-requests/${c.requestId}` }, h('code', {}, c.requestId)) : '—',
              ),
              h('td', {}, c.region),
            ),
          ),
        })
      : h('p', {}, 'No consent record.'),
  ];
}
