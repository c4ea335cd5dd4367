import { api } from '../lib/api.js';
import { announce, confirmDialog, field, h, replace, when } from '../lib/dom.js';
import { errorNotice, markFields } from '../lib/errors.js';
import { identifierFields, identifiersOf } from '../lib/identifiers.js';
import { ROUTES } from '../lib/routes.js';
import { dataTable } from '../lib/table.js';

export const title = 'Legal holds';

/** Pages of held interactions read to count what each hold keeps (200 each). */
const MAX_HELD_PAGES = 5;

/**
 * Legal holds: place one on an interaction or on a person (identifiers are hashed by the API at
 * once), list every hold with what it keeps, release one after confirmation.
 * @param {HTMLElement} main
 */
export function render(main) {
  const list = h('section', { 'aria-labelledby': 'holds-title' });
  const load = async () => {
    replace(list, h('h2', { id: 'holds-title' }, 'Holds'), h('p', { class: 'muted' }, 'Loading…'));
    try {
      const [{ data }, kept] = await Promise.all([api(ROUTES.holds), heldInteractions()]);
      const holds = [...data.holds].sort((a, b) => b.placedAt.localeCompare(a.placedAt));
      replace(list, h('h2', { id: 'holds-title' }, `Holds (${holds.length})`), holdsTable(holds, kept, release));
      announce(`${holds.length} hold${holds.length === 1 ? '' : 's'} shown.`);
    } catch (error) {
      replace(list, h('h2', { id: 'holds-title' }, 'Holds'), errorNotice(error, 'The holds could not be listed'));
    }
  };
  /** @param {any} hold */
  const release = async (hold) => {
    const sure = await confirmDialog({
      title: 'Release this hold?',
      body: `What hold ${hold.holdId} keeps becomes due again under the policy, and the erasures it postponed run again.`,
      confirm: 'Release hold',
    });
    if (!sure) return;
    try {
      const { data } = await api(ROUTES.releaseHold(hold.holdId), { method: 'POST' });
      await load();
      list.prepend(
        h(
          'div',
          { class: 'notice ok', role: 'status' },
          h('p', {}, `Hold ${data.holdId} released: ${data.itemsResumed} records follow their retention again.`),
        ),
      );
    } catch (error) {
      list.prepend(errorNotice(error, 'The hold was not released'));
    }
  };
  replace(
    main,
    h('h1', {}, 'Legal holds'),
    h(
      'p',
      { class: 'muted' },
      'A hold keeps what it covers whatever its retention says and whatever erasure is asked for, until it is released (legal hold > erasure > retention).',
    ),
    placeForm(load),
    list,
  );
  void load();
}

/** The form that places a hold on one interaction or on a person. @param {() => Promise<void>} placed */
function placeForm(placed) {
  const feedback = h('div');
  const scopes = h('div');
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card', 'aria-label': 'Place a hold' },
      h('h2', {}, 'Place a hold'),
      h(
        'fieldset',
        {},
        h('legend', {}, 'What to keep'),
        h(
          'div',
          { class: 'radios' },
          h(
            'label',
            {},
            h('input', { type: 'radio', name: 'scope', value: 'interaction', checked: true }),
            'One interaction',
          ),
          h('label', {}, h('input', { type: 'radio', name: 'scope', value: 'subject' }), 'Everything about a person'),
        ),
      ),
      scopes,
      field(
        'Reason',
        h('input', { type: 'text', name: 'reason', required: true, maxlength: 500, autocomplete: 'off' }),
        'Case reference or claim; stored redacted.',
      ),
      feedback,
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Place hold')),
    )
  );
  const scope = () => String(new FormData(form).get('scope'));
  const showScope = () =>
    replace(
      scopes,
      scope() === 'interaction'
        ? field('Interaction id', h('input', { type: 'text', name: 'interactionId', autocomplete: 'off' }))
        : h(
            'fieldset',
            { name: 'identifiers', id: 'identifiers' },
            h('legend', {}, 'Who (at least one identifier; hashed at once, never stored)'),
            h('span', { class: 'field-error', id: 'identifiers-error', hidden: true }),
            h('div', { class: 'fields' }, identifierFields('identifiers.')),
          ),
    );
  form.addEventListener('change', (event) => {
    if (/** @type {HTMLInputElement} */ (event.target).name === 'scope') showScope();
  });
  showScope();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const reason = String(data.get('reason') ?? '');
    const body =
      scope() === 'interaction'
        ? { interactionId: String(data.get('interactionId') ?? '').trim(), reason }
        : { identifiers: identifiersOf(form, 'identifiers.'), reason };
    try {
      const { data: hold } = await api(ROUTES.holds, { body });
      markFields(form, null);
      form.reset();
      showScope();
      replace(
        feedback,
        h(
          'div',
          { class: 'notice ok', role: 'status' },
          h(
            'p',
            {},
            `Hold ${hold.holdId} placed: ${hold.itemsProtected} records taken out of their retention's reach.`,
          ),
        ),
      );
      await placed();
    } catch (error) {
      markFields(form, error);
      replace(feedback, errorNotice(error, 'The hold was not placed'));
    }
  });
  return form;
}

/**
 * How many interactions each active hold keeps now, counted from the search's `held=true` hits
 * (each names the holds that keep it); undefined when that could not be read.
 * @returns {Promise<Map<string, number> | undefined>}
 */
async function heldInteractions() {
  /** @type {Map<string, number>} */
  const kept = new Map();
  let nextToken;
  try {
    for (let page = 0; page < MAX_HELD_PAGES; page++) {
      const { data } = await api(ROUTES.search, { query: { held: 'true', limit: 200, nextToken } });
      for (const item of data.items) for (const id of item.holds ?? []) kept.set(id, (kept.get(id) ?? 0) + 1);
      nextToken = data.nextToken;
      if (!nextToken) return kept;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** @param {any} target */
function targetOf(target) {
  if (target.kind === 'interaction')
    return [
      'Interaction ',
      h('a', { href: `#/interactions/${target.interactionId}` }, h('code', {}, target.interactionId)),
    ];
  const n = target.subjectKeys?.length ?? 0;
  return `A person (${n} keyed identifier${n === 1 ? '' : 's'})`;
}

/** @param {any[]} holds @param {Map<string, number> | undefined} kept @param {(hold: any) => void} onRelease */
function holdsTable(holds, kept, onRelease) {
  if (holds.length === 0) return h('p', {}, 'No hold has been placed.');
  return dataTable({
    label: 'Legal holds',
    caption: 'Legal holds, newest first',
    columns: ['Hold', 'Keeps', 'Interactions kept', 'Reason', 'Placed', 'Released', ''],
    rows: holds.map((hold) =>
      h(
        'tr',
        { 'data-hold': hold.holdId },
        h('td', {}, h('code', {}, hold.holdId)),
        h('td', {}, targetOf(hold.target)),
        h('td', { class: 'num' }, hold.releasedAt ? '—' : kept ? (kept.get(hold.holdId) ?? 0) : '?'),
        h('td', {}, hold.reason),
        h('td', {}, when(hold.placedAt), h('br'), h('span', { class: 'muted' }, hold.placedBy)),
        h(
          'td',
          {},
          hold.releasedAt
            ? [when(hold.releasedAt), h('br'), h('span', { class: 'muted' }, hold.releasedBy)]
            : h('span', { class: 'pill' }, 'active'),
        ),
        h(
          'td',
          {},
          hold.releasedAt
            ? null
            : h('button', { type: 'button', class: 'secondary', onclick: () => onRelease(hold) }, 'Release'),
        ),
      ),
    ),
  });
}
