import { api } from '../lib/api.js';
import { announce, h, replace, when } from '../lib/dom.js';
import { errorNotice } from '../lib/errors.js';
import { ROUTES } from '../lib/routes.js';
import { dataTable } from '../lib/table.js';

/**
 * The recipients a finished request was told about (GDPR Art. 19): one signed webhook per
 * recipient and round, its attempts, the last answer and when it was delivered or is tried again.
 * Retries go on after the request ends, so the section can be read again.
 * @param {string} id the request
 * @param {any[] | undefined} deliveries as the request's view carries them
 */
export function deliveriesSection(id, deliveries) {
  const body = h('div', {});
  const refresh = async () => {
    try {
      const { data } = await api(ROUTES.subjectRequest(id));
      replace(body, deliveriesTable(data.deliveries ?? []));
      announce('Recipient deliveries read again.');
    } catch (error) {
      replace(body, errorNotice(error, 'The deliveries could not be read'));
    }
  };
  replace(body, deliveriesTable(deliveries ?? []));
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'deliveries-title' },
    h('h2', { id: 'deliveries-title' }, 'Recipients told'),
    body,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => void refresh() }, 'Refresh deliveries'),
    ),
  );
}

/** @param {any[]} deliveries */
function deliveriesTable(deliveries) {
  if (!deliveries.length) return h('p', {}, 'The policy names no recipient to tell about this request.');
  return dataTable({
    label: 'Recipient deliveries',
    caption: 'Webhooks to the recipients, per recipient and round',
    columns: ['Recipient', 'Round', 'Status', 'Attempts', 'Last answer', 'Last attempt', 'Delivered / next attempt'],
    rows: deliveries.map((d) =>
      h(
        'tr',
        { 'data-recipient': d.recipient, 'data-round': d.round },
        h('th', { scope: 'row' }, d.recipient),
        h('td', { class: 'num' }, d.round),
        h('td', {}, h('span', { class: d.status === 'failed' ? 'pill overdue-marker' : 'pill' }, d.status)),
        h('td', { class: 'num' }, d.attempts),
        h('td', {}, d.lastStatus !== undefined ? `HTTP ${d.lastStatus}` : (d.lastError ?? '—')),
        h('td', {}, when(d.lastAttemptAt)),
        h('td', {}, d.deliveredAt ? when(d.deliveredAt) : d.nextAttemptAt ? `next ${when(d.nextAttemptAt)}` : '—'),
      ),
    ),
  });
}
