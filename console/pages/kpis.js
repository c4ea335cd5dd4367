import { mayNow } from '../lib/abilities.js';
import { api } from '../lib/api.js';
import { averageWaitAndTalk, interactionsByChannel, surveyScores } from '../lib/chart-data.js';
import { chartFigure } from '../lib/charts.js';
import { ROUTES } from '../lib/routes.js';
import { announce, field, h, replace } from '../lib/dom.js';
import { errorNotice, markFields } from '../lib/errors.js';
import { privacyKpis } from './privacy-kpis.js';

export const title = 'KPIs';

const GROUPINGS = ['day', 'channel', 'queue', 'group', 'userType', 'source', 'environment', 'score'];
const LABELS = {
  questions: 'Questions',
  clicks: 'Clicks',
  ratings: 'Ratings',
  customEvents: 'Custom events',
  sessions: 'Sessions',
  interactions: 'Interactions',
  endedInteractions: 'Ended',
  waitSeconds: 'Wait (s)',
  talkSeconds: 'Talk (s)',
  surveys: 'Surveys',
};

/** The local calendar day as YYYY-MM-DD (Swedish date format is ISO). @param {Date} d */
const day = (d) => d.toLocaleDateString('sv-SE');

/** @param {HTMLElement} main */
export function render(main) {
  // The legal role sees the privacy office's figures only: the activity counters need kpi.view.
  const operational = mayNow('kpi.view');
  const today = new Date();
  const monthAgo = new Date(today.getTime() - 30 * 86_400_000);
  const out = h('div', { id: 'kpi-results' });
  const form = h(
    'form',
    { class: 'card', 'aria-label': 'KPI range' },
    h(
      'div',
      { class: 'fields' },
      field('From (day)', h('input', { type: 'date', name: 'from', value: day(monthAgo), required: true })),
      field('To (day)', h('input', { type: 'date', name: 'to', value: day(today), required: true })),
    ),
    operational
      ? h(
          'fieldset',
          {},
          h('legend', {}, 'Group by'),
          h(
            'div',
            { class: 'radios' },
            GROUPINGS.map((g) =>
              h(
                'label',
                {},
                h('input', { type: 'checkbox', name: 'groupBy', value: g, checked: g === 'day' || g === 'channel' }),
                g,
              ),
            ),
          ),
        )
      : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show KPIs')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(/** @type {HTMLFormElement} */ (form));
    const query = {
      from: String(data.get('from')),
      to: String(data.get('to')),
      groupBy: data.getAll('groupBy').join(',') || 'day',
    };
    const privacy = mayNow('privacy-kpi.view') ? privacyKpis({ from: query.from, to: query.to }) : null;
    if (!operational) {
      replace(out, privacy);
      announce('Privacy KPIs shown.');
      return;
    }
    replace(out, h('p', { class: 'muted' }, 'Loading…'));
    try {
      // The charts read the range by day and channel, whatever grouping the table was asked for.
      const [{ data: report }, { data: byDay }] = await Promise.all([
        api(ROUTES.kpis, { query }),
        api(ROUTES.kpis, { query: { ...query, groupBy: 'day,channel' } }),
      ]);
      markFields(/** @type {HTMLFormElement} */ (form), null);
      replace(out, activityCharts(byDay), reportTable(report), privacy);
      announce(`${report.rows.length} KPI rows.`);
    } catch (error) {
      markFields(/** @type {HTMLFormElement} */ (form), error);
      replace(out, errorNotice(error, 'The KPIs could not be loaded'));
    }
  });
  replace(
    main,
    h('h1', {}, 'KPIs'),
    h('p', { class: 'muted' }, 'Daily counters kept without personal data: they survive every erasure.'),
    operational
      ? null
      : h('p', { class: 'notice info' }, 'Your role sees the privacy figures; the activity counters need kpi.view.'),
    form,
    out,
  );
}

/** Interactions by channel and day, average wait and talk, survey scores. @param {{ from: string, to: string, rows: any[] }} report */
function activityCharts(report) {
  const scores = surveyScores(report);
  return h(
    'section',
    { 'aria-labelledby': 'activity-charts' },
    h('h2', { id: 'activity-charts' }, 'Activity'),
    h(
      'div',
      { class: 'charts' },
      chartFigure({ title: 'Interactions by channel and day', data: interactionsByChannel(report), kind: 'stacked' }),
      chartFigure({
        title: 'Average wait and talk per ended interaction',
        data: averageWaitAndTalk(report),
        kind: 'lines',
        unit: ' s',
      }),
      chartFigure({
        title:
          scores.averageScore === null
            ? 'Survey scores (no surveys)'
            : `Survey scores (${scores.surveys} surveys, mean ${scores.averageScore})`,
        data: scores,
        kind: 'bars',
      }),
    ),
  );
}

/** @param {{ from: string, to: string, timeZone: string, groupBy: string[], rows: any[] }} report */
function reportTable(report) {
  if (report.rows.length === 0) return h('p', {}, `No activity between ${report.from} and ${report.to}.`);
  const metrics = Object.keys(LABELS).filter((m) => report.rows.some((r) => r.metrics[m] !== undefined));
  const ctr = report.rows.some((r) => r.clickThroughRate !== undefined);
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'KPI table' },
    h(
      'table',
      {},
      h('caption', {}, `${report.from} to ${report.to} (days in ${report.timeZone})`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          report.groupBy.map((g) => h('th', { scope: 'col' }, g)),
          metrics.map((m) => h('th', { scope: 'col', class: 'num' }, LABELS[m])),
          ctr ? h('th', { scope: 'col', class: 'num' }, 'Click-through') : null,
        ),
      ),
      h(
        'tbody',
        {},
        report.rows.map((r) =>
          h(
            'tr',
            {},
            report.groupBy.map((g) => h('td', {}, r.group[g] ?? '—')),
            metrics.map((m) => h('td', { class: 'num' }, r.metrics[m] ?? 0)),
            ctr
              ? h(
                  'td',
                  { class: 'num' },
                  r.clickThroughRate === undefined ? '—' : `${(r.clickThroughRate * 100).toFixed(1)} %`,
                )
              : null,
          ),
        ),
      ),
    ),
  );
}
