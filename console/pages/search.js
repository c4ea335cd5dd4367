import { mayNow } from '../lib/abilities.js';
import { api, fileNameOf } from '../lib/api.js';
import { announce, confirmDialog, field, h, localToIso, replace, saveBlob, when } from '../lib/dom.js';
import { CLASS_NAMES, expiryText } from '../lib/class-expiry.js';
import { errorNotice, markFields } from '../lib/errors.js';
import { ROUTES } from '../lib/routes.js';

export const title = 'Search';

const CHANNELS = ['chat', 'call', 'sms', 'email', 'social', 'messaging'];
const CRITERIA = ['phone', 'email', 'name', 'namePrefix', 'from', 'to', 'queue', 'agent', 'group', 'channel'];

/**
 * The last search, kept in memory only (never in the URL or storage: criteria are personal data),
 * so coming back from an interaction shows the same results.
 * @type {{ values: Record<string, string>, query: Record<string, string>, items: any[], nextToken?: string, selected: Set<string> } | null}
 */
let last = null;

/** Forgets the last search (on log-out). */
export function forget() {
  last = null;
}

/** @param {HTMLElement} main */
export function render(main) {
  const results = h('section', { 'aria-labelledby': 'results-title', id: 'results' });
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card', role: 'search', 'aria-label': 'Search interactions' },
      h(
        'div',
        { class: 'fields' },
        field(
          'Phone number',
          h('input', { type: 'tel', name: 'phone', autocomplete: 'off' }),
          'Any format, e.g. +46 70 123 45 67',
        ),
        field('E-mail', h('input', { type: 'email', name: 'email', autocomplete: 'off' })),
        field('Name', h('input', { type: 'text', name: 'name', autocomplete: 'off' }), 'The whole name'),
        field(
          'Name starts with',
          h('input', { type: 'text', name: 'namePrefix', autocomplete: 'off' }),
          'The start of each word, at least 3 letters, e.g. ann ber',
        ),
        field('From', h('input', { type: 'datetime-local', name: 'from' }), 'Your local time'),
        field('To', h('input', { type: 'datetime-local', name: 'to' })),
        field('Queue', h('input', { type: 'text', name: 'queue' })),
        field('Agent', h('input', { type: 'text', name: 'agent' })),
        field('Group', h('input', { type: 'text', name: 'group' })),
        field(
          'Channel',
          h(
            'select',
            { name: 'channel' },
            h('option', { value: '' }, 'Any channel'),
            CHANNELS.map((c) => h('option', { value: c }, c)),
          ),
        ),
      ),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit' }, 'Search'),
        h('button', { type: 'reset', class: 'secondary' }, 'Clear'),
      ),
    )
  );
  if (last)
    /** @type {HTMLInputElement} */ for (const [k, v] of Object.entries(last.values))
      form.elements.namedItem(k).value = v;
  form.addEventListener('reset', () => {
    last = null;
    replace(results);
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(CRITERIA.map((k) => [k, String(new FormData(form).get(k) ?? '').trim()]));
    const query = { ...values, from: localToIso(values.from) ?? '', to: localToIso(values.to) ?? '' };
    await runSearch(form, results, { values, query, items: [], selected: new Set() });
  });
  replace(main, h('h1', {}, 'Search interactions'), form, results);
  if (last) showResults(form, results, last);
}

/**
 * @param {HTMLFormElement} form
 * @param {HTMLElement} results
 * @param {NonNullable<typeof last>} state
 */
async function runSearch(form, results, state) {
  replace(results, h('p', { class: 'muted' }, 'Searching…'));
  try {
    const { data } = await api(ROUTES.search, { query: { ...state.query, nextToken: state.nextToken } });
    markFields(form, null);
    last = { ...state, items: [...state.items, ...data.items], nextToken: data.nextToken };
    showResults(form, results, last);
    announce(
      `${last.items.length} interaction${last.items.length === 1 ? '' : 's'} found${last.nextToken ? ', more available' : ''}.`,
    );
  } catch (error) {
    const unmatched = markFields(form, error);
    replace(results, errorNotice(error, 'The search failed'));
    if (unmatched.length === 0)
      /** @type {HTMLElement | null} */ (form.querySelector('[aria-invalid="true"]'))?.focus();
  }
}

/** @param {HTMLFormElement} form @param {HTMLElement} results @param {NonNullable<typeof last>} state */
function showResults(form, results, state) {
  const feedback = h('div', { id: 'bulk-feedback' });
  const count = () => `${state.selected.size} selected`;
  const selectedCount = h('span', { class: 'muted', 'aria-live': 'polite' }, count());
  const boxes = /** @type {HTMLInputElement[]} */ ([]);
  const all = /** @type {HTMLInputElement} */ (
    h('input', { type: 'checkbox', 'aria-label': 'Select every interaction shown' })
  );
  const sync = () => {
    selectedCount.textContent = count();
    all.checked = boxes.length > 0 && boxes.every((b) => b.checked);
    all.indeterminate = !all.checked && boxes.some((b) => b.checked);
  };
  all.addEventListener('change', () => {
    for (const b of boxes) {
      b.checked = all.checked;
      if (all.checked) state.selected.add(b.value);
      else state.selected.delete(b.value);
    }
    sync();
  });

  const rows = state.items.map((item) => {
    const box = /** @type {HTMLInputElement} */ (
      h('input', {
        type: 'checkbox',
        value: item.interactionId,
        checked: state.selected.has(item.interactionId),
        'aria-label': `Select the ${item.channel} interaction of ${when(item.startedAt)}`,
      })
    );
    box.addEventListener('change', () => {
      if (box.checked) state.selected.add(box.value);
      else state.selected.delete(box.value);
      sync();
    });
    boxes.push(box);
    return h(
      'tr',
      {},
      h('td', { class: 'select-cell' }, box),
      h('td', {}, h('a', { href: `#/interactions/${item.interactionId}` }, when(item.startedAt))),
      h('td', {}, item.channel),
      h('td', {}, item.queue ?? '—'),
      h('td', {}, item.agent ?? '—'),
      h('td', {}, item.group ?? '—'),
      h('td', {}, contentSummary(item)),
      h('td', {}, classExpiries(item)),
    );
  });
  sync();

  const needSelection = () => {
    if (state.selected.size > 0) return false;
    replace(
      feedback,
      h('div', { class: 'notice error', role: 'alert' }, h('p', {}, 'Select at least one interaction first.')),
    );
    return true;
  };
  /** @param {'recording'|'transcript'} kind */
  const bulkDownload = async (kind) => {
    if (needSelection()) return;
    replace(feedback, h('p', { class: 'muted' }, 'Preparing the download…'));
    try {
      const { data } = await api(ROUTES.bulkDownload, {
        body: { interactionIds: [...state.selected], content: [kind] },
      });
      const link = h('a', { href: data.url, rel: 'noreferrer', download: '' }, 'Download the zip again');
      replace(
        feedback,
        h(
          'div',
          { class: 'notice ok', role: 'status' },
          h('p', {}, `Zip ready: ${outcomeSummary(data.results)}. `, link),
        ),
      );
      link.click();
    } catch (error) {
      replace(feedback, errorNotice(error, 'The download failed'));
    }
  };
  /** @param {'recording'|'transcript'} kind */
  const bulkDelete = async (kind) => {
    if (needSelection()) return;
    const what = kind === 'recording' ? 'recordings' : 'chat logs';
    const confirmed = await confirmDialog({
      title: `Delete the ${what} of ${state.selected.size} interaction${state.selected.size === 1 ? '' : 's'}?`,
      body: `The ${what} are deleted for good, in every region. The general info of each interaction is kept.`,
      confirm: `Delete ${what}`,
    });
    if (!confirmed) return;
    try {
      const { data } = await api(ROUTES.bulkDelete, { body: { interactionIds: [...state.selected], content: [kind] } });
      replace(
        feedback,
        h(
          'div',
          { class: 'notice ok', role: 'status' },
          h('p', {}, `Deleted ${what}: ${outcomeSummary(data.results)}.`),
        ),
      );
    } catch (error) {
      replace(feedback, errorNotice(error, 'The deletion failed'));
    }
  };
  /** @param {'xlsx'|'csv'} format */
  const exportResult = async (format) => {
    replace(feedback, h('p', { class: 'muted' }, `Preparing the ${format} export…`));
    try {
      const accept =
        format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
      const res = await api(ROUTES.export, { query: { ...state.query, format }, accept });
      saveBlob(res.data, fileNameOf(res.headers, `interactions.${format}`));
      replace(
        feedback,
        h(
          'div',
          { class: 'notice ok', role: 'status' },
          h('p', {}, `Exported the general info of the search result as ${format}.`),
        ),
      );
    } catch (error) {
      replace(feedback, errorNotice(error, 'The export failed'));
    }
  };

  replace(
    results,
    h('h2', { id: 'results-title' }, `Results (${state.items.length}${state.nextToken ? '+' : ''})`),
    state.items.length === 0
      ? h(
          'p',
          {},
          'No interaction matches. Searches by phone, e-mail, name or its start find only interactions that were not anonymised.',
        )
      : [
          h(
            'div',
            { class: 'card actions', role: 'group', 'aria-label': 'Actions on the search result' },
            selectedCount,
            mayNow('recording.download') &&
              h(
                'button',
                { type: 'button', class: 'secondary', onclick: () => bulkDownload('recording') },
                'Download recordings',
              ),
            mayNow('transcript.download') &&
              h(
                'button',
                { type: 'button', class: 'secondary', onclick: () => bulkDownload('transcript') },
                'Download chat logs',
              ),
            mayNow('recording.delete') &&
              h(
                'button',
                { type: 'button', class: 'danger', onclick: () => bulkDelete('recording') },
                'Delete recordings',
              ),
            mayNow('transcript.delete') &&
              h(
                'button',
                { type: 'button', class: 'danger', onclick: () => bulkDelete('transcript') },
                'Delete chat logs',
              ),
            mayNow('interaction.export') && [
              h('button', { type: 'button', onclick: () => exportResult('xlsx') }, 'Export xlsx'),
              h('button', { type: 'button', class: 'secondary', onclick: () => exportResult('csv') }, 'Export CSV'),
            ],
          ),
          feedback,
          h(
            'div',
            { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Search results' },
            h(
              'table',
              {},
              h('caption', { class: 'visually-hidden' }, 'Interactions found'),
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', { scope: 'col', class: 'select-cell' }, all),
                  ['Started', 'Channel', 'Queue', 'Agent', 'Group', 'Content', 'Expires'].map((c) =>
                    h('th', { scope: 'col' }, c),
                  ),
                ),
              ),
              h('tbody', {}, rows),
            ),
          ),
        ],
    state.nextToken
      ? h(
          'div',
          { class: 'actions' },
          h(
            'button',
            { type: 'button', class: 'secondary', onclick: () => runSearch(form, results, state) },
            'Load more',
          ),
        )
      : null,
  );
}

/** @param {any} item */
function contentSummary(item) {
  const parts = [];
  if (item.anonymisedAt) parts.push('anonymised');
  if (!item.contentStored) parts.push('general info only');
  if (item.flags?.includes('deny_recording')) parts.push('recording refused');
  if (item.restricted) parts.push('restricted');
  if (item.holds?.length) parts.push('legal hold');
  return parts.length ? parts.join(', ') : 'stored';
}

/** Each class the interaction still holds, with when its last record expires. @param {any} item */
function classExpiries(item) {
  const held = (item.retention ?? []).filter((/** @type {any} */ c) => c.records > 0);
  if (!held.length) return when(item.expiresAt);
  return h(
    'ul',
    { class: 'class-expiries' },
    held.map((/** @type {any} */ c) =>
      h('li', { 'data-class': c.dataClass }, `${CLASS_NAMES[c.dataClass] ?? c.dataClass}: ${expiryText(c)}`),
    ),
  );
}

/** @param {{ status: string }[]} results */
function outcomeSummary(results) {
  const by = (s) => results.filter((r) => r.status === s).length;
  const parts = [`${by('done')} done`];
  if (by('forbidden')) parts.push(`${by('forbidden')} not allowed`);
  if (by('not-found')) parts.push(`${by('not-found')} not found`);
  return parts.join(', ');
}
