import { mayNow } from '../lib/abilities.js';
import { api, fileNameOf } from '../lib/api.js';
import { announce, field, h, replace, saveBlob, when } from '../lib/dom.js';
import { errorNotice, markFields } from '../lib/errors.js';
import { ROUTES } from '../lib/routes.js';
import { dataTable } from '../lib/table.js';

export const title = 'Chatbot events';

/**
 * Raw chatbot events (Inbenta) while retained: the events of one bot session, found by keyed hash
 * of its session id, each opened on request (every search and read is audited); and the archive
 * the sweep moved expired events to, month by month, each month a CSV download.
 * @param {HTMLElement} main
 */
export function render(main) {
  const results = h('section', { id: 'event-results', 'aria-live': 'polite' });
  const detail = h('section', { id: 'event-detail', 'aria-live': 'polite' });
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card', 'aria-label': 'Find chatbot events' },
      h(
        'div',
        { class: 'fields' },
        field(
          'Session id',
          h('input', { type: 'text', name: 'sessionId', required: true, autocomplete: 'off', spellcheck: 'false' }),
          'The bot session (visitor id) the events were sent with',
        ),
      ),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Find events')),
    )
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const sessionId = String(new FormData(form).get('sessionId') ?? '').trim();
    replace(results, h('p', { class: 'muted' }, 'Loading…'));
    replace(detail);
    try {
      const { data } = await api(ROUTES.chatbotEvents, { query: { sessionId } });
      markFields(form, null);
      replace(
        results,
        eventsTable(data.events, (id) => open(detail, id)),
      );
      announce(`${data.events.length} chatbot event${data.events.length === 1 ? '' : 's'} found.`);
    } catch (error) {
      markFields(form, error);
      replace(results, errorNotice(error, 'The chatbot events could not be read'));
    }
  });
  replace(
    main,
    h('h1', {}, 'Chatbot events'),
    h(
      'p',
      { class: 'muted' },
      'Questions, clicks, ratings and custom events while their retention runs. Every search and every opened event is in the audit log.',
    ),
    form,
    results,
    detail,
    mayNow('archive.export') ? archiveSection() : null,
  );
}

/** @param {any[]} events @param {(id: string) => void} onOpen */
function eventsTable(events, onOpen) {
  if (!events.length) return h('p', {}, 'No retained event of this session.');
  return dataTable({
    label: 'Chatbot events',
    caption: 'The events of the session, newest first',
    columns: ['At', 'Type', 'User type', 'Source', 'Environment', 'Region', 'Retained until', ''],
    rows: events.map((e) =>
      h(
        'tr',
        { 'data-event': e.eventId },
        h('td', {}, when(e.at)),
        h('td', {}, e.type, e.restricted ? h('span', { class: 'pill overdue-marker' }, ' restricted') : null),
        h('td', {}, e.userType ?? '—'),
        h('td', {}, e.source ?? '—'),
        h('td', {}, e.environment ?? '—'),
        h('td', {}, e.region),
        h('td', {}, when(e.expiresAt)),
        h(
          'td',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'aria-label': `Open event ${e.eventId}`,
              onclick: () => onOpen(e.eventId),
            },
            'Open',
          ),
        ),
      ),
    ),
  });
}

/** Reads one event with its payload into `out`. @param {HTMLElement} out @param {string} id */
async function open(out, id) {
  replace(out, h('p', { class: 'muted' }, 'Loading…'));
  try {
    const { data: e } = await api(ROUTES.chatbotEvent(id));
    replace(
      out,
      h(
        'article',
        { class: 'card', 'aria-labelledby': 'event-title', 'data-event': e.eventId },
        h('h2', { id: 'event-title' }, `Event ${e.eventId}`),
        h(
          'dl',
          {},
          [
            ['Type', e.type],
            ['At', when(e.at)],
            ['Session id', e.sessionId ?? '—'],
            ['Retained until', when(e.expiresAt)],
            ['Content', e.contentRefused ? `refused (${e.contentRefused})` : e.payload ? 'stored' : 'none'],
          ].map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
        ),
        e.payload
          ? h('pre', { class: 'payload', 'aria-label': 'Event payload' }, JSON.stringify(e.payload, null, 2))
          : null,
      ),
    );
    announce(`Event ${e.eventId} opened.`);
  } catch (error) {
    replace(out, errorNotice(error, 'The event could not be opened'));
  }
}

/** A month as YYYY-MM, `back` months before this one. @param {number} back */
const monthAgo = (back) => {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - back);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

/** The months the archive holds chatbot events of (the last twelve unless asked), each a CSV download. */
function archiveSection() {
  const listing = h('div', {});
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card', 'aria-label': 'Archive months' },
      h(
        'div',
        { class: 'fields' },
        field('From (month)', h('input', { type: 'month', name: 'from', value: monthAgo(12), required: true })),
        field('To (month)', h('input', { type: 'month', name: 'to', value: monthAgo(0), required: true })),
      ),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'List the archive')),
    )
  );
  const list = async () => {
    const data = new FormData(form);
    replace(listing, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const { data: archive } = await api(ROUTES.archiveMonths('event'), {
        query: { from: String(data.get('from')), to: String(data.get('to')) },
      });
      markFields(form, null);
      replace(listing, monthsTable(listing, archive.months));
    } catch (error) {
      markFields(form, error);
      replace(listing, errorNotice(error, 'The archive could not be listed'));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void list();
  });
  void list();
  return h(
    'section',
    { 'aria-labelledby': 'event-archive' },
    h('h2', { id: 'event-archive' }, 'Archive'),
    h(
      'p',
      { class: 'muted' },
      'Expired events the policy archives, by month of transfer: each month is a CSV download.',
    ),
    form,
    listing,
  );
}

/** @param {HTMLElement} listing @param {Array<{ month: string, objects: number }>} months */
function monthsTable(listing, months) {
  if (!months.length) return h('p', {}, 'Nothing archived in these months.');
  return dataTable({
    label: 'Archived chatbot events',
    caption: 'Months of transfer to the archive',
    columns: ['Month', 'Records', ''],
    rows: months.map((m) =>
      h(
        'tr',
        { 'data-month': m.month },
        h('td', {}, m.month),
        h('td', { class: 'num' }, m.objects),
        h(
          'td',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'aria-label': `Download the archive of ${m.month} as CSV`,
              onclick: () => download(listing, m.month),
            },
            'Download CSV',
          ),
        ),
      ),
    ),
  });
}

/** @param {HTMLElement} section @param {string} month */
async function download(section, month) {
  try {
    const { data, headers } = await api(ROUTES.archive('event'), {
      query: { from: month, to: month },
      accept: 'text/csv',
    });
    saveBlob(data, fileNameOf(headers, `lethe-archive-event-${month}.csv`));
    announce(`The archive of ${month} was downloaded.`);
  } catch (error) {
    section.append(errorNotice(error, 'The archive could not be downloaded'));
  }
}
