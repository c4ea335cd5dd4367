import { api } from '../lib/api.js';
import { removalsPerNight, requestsPerDay } from '../lib/chart-data.js';
import { chartFigure } from '../lib/charts.js';
import { h, replace } from '../lib/dom.js';
import { errorNotice } from '../lib/errors.js';
import { ROUTES } from '../lib/routes.js';

/**
 * The privacy office's figures for the range (GET /v1/privacy-kpis): subject requests filed,
 * completed and overdue, the median time to complete, what each night's sweep removed, holds in
 * force. A section of the KPI page, drawn once its answer arrives.
 * @param {{ from: string, to: string }} range
 */
export function privacyKpis(range) {
  const section = h(
    'section',
    { 'aria-labelledby': 'privacy-kpis' },
    h('h2', { id: 'privacy-kpis' }, 'Privacy'),
    h('p', { class: 'muted' }, 'Loading…'),
  );
  void api(ROUTES.privacyKpis, { query: range }).then(
    ({ data }) => replace(section, section.firstChild, figures(data), charts(data)),
    (error) => replace(section, section.firstChild, errorNotice(error, 'The privacy KPIs could not be loaded')),
  );
  return section;
}

/** @param {number | null} hours */
const duration = (hours) => (hours === null ? '—' : hours < 48 ? `${hours} h` : `${Math.round(hours / 2.4) / 10} days`);

/** @param {any} report */
function figures(report) {
  const { requests } = report;
  /** @type {Array<[string, string | number]>} */
  const shown = [
    ['Requests filed', requests.filed],
    ['Requests completed', requests.completed],
    ['Open now', requests.open],
    ['Overdue now', requests.overdue],
    ['Median time to complete', duration(requests.medianHoursToComplete)],
    ['Records removed', report.nights.reduce((/** @type {number} */ sum, /** @type {any} */ n) => sum + n.removed, 0)],
    ['Holds in force', report.holdsActive],
  ];
  return h(
    'dl',
    { class: 'card figures', 'aria-label': 'Privacy figures' },
    shown.map(([label, value]) => h('div', { 'data-figure': label }, h('dt', {}, label), h('dd', {}, String(value)))),
  );
}

/** @param {any} report */
function charts(report) {
  return h(
    'div',
    { class: 'charts' },
    chartFigure({ title: 'Subject requests filed and completed per day', data: requestsPerDay(report), kind: 'bars' }),
    chartFigure({ title: 'Records removed per night', data: removalsPerNight(report), kind: 'stacked' }),
  );
}
