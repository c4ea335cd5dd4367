import { api } from '../lib/api.js';
import { announce, h, replace, when } from '../lib/dom.js';
import { errorNotice } from '../lib/errors.js';
import { ROUTES } from '../lib/routes.js';
import { dataTable } from '../lib/table.js';

export const title = 'Sweep history';

/**
 * What each retention sweep did to the tenant, newest night first: per data class and region the
 * records due, deleted, anonymised, archived, sealed for litigation, kept by a hold or failed, and
 * each failure's reason. Rows where nothing was due are left out.
 * @param {HTMLElement} main
 */
export function render(main) {
  const out = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  /** @type {any[]} */
  let runs = [];
  /** @param {string} [nextToken] */
  const load = async (nextToken) => {
    try {
      const { data } = await api(ROUTES.sweepHistory, { query: { nextToken } });
      runs = nextToken ? [...runs, ...data.items] : data.items;
      replace(
        out,
        runs.length ? runs.map(runView) : h('p', {}, 'No sweep has run for this tenant yet.'),
        data.nextToken
          ? h(
              'div',
              { class: 'actions' },
              h('button', { type: 'button', class: 'secondary', onclick: () => load(data.nextToken) }, 'Load more'),
            )
          : null,
      );
      announce(`${runs.length} sweep run${runs.length === 1 ? '' : 's'} shown.`);
    } catch (error) {
      replace(out, errorNotice(error, 'The sweep history could not be read'));
    }
  };
  replace(
    main,
    h('h1', {}, 'Sweep history'),
    h(
      'p',
      { class: 'muted' },
      'Each night the retention sweep applies the policy to what has expired. A failed record is retried at the next run.',
    ),
    out,
  );
  void load();
}

/** One run: its night, whether it finished, its counts and failures. @param {any} run @param {number} i */
function runView(run, i) {
  const id = `sweep-run-${i}`;
  const rows = run.rows.filter((/** @type {any} */ r) => Object.values(r.tally).some((n) => Number(n) > 0));
  const columns = Object.keys(run.rows[0]?.tally ?? {});
  return h(
    'section',
    { class: 'card', 'aria-labelledby': id, 'data-swept-at': run.sweptAt },
    h(
      'h2',
      { id },
      `Sweep of ${when(run.sweptAt)} `,
      h('span', { class: run.complete ? 'pill' : 'pill overdue-marker' }, run.complete ? 'complete' : 'incomplete'),
    ),
    rows.length
      ? dataTable({
          label: `Counts of the sweep of ${when(run.sweptAt)}`,
          caption: 'Records per data class and region',
          columns: ['Data class', 'Region', ...columns],
          rows: rows.map((/** @type {any} */ r) =>
            h(
              'tr',
              { 'data-class': r.dataClass, 'data-region': r.region },
              h('th', { scope: 'row' }, r.dataClass),
              h('td', {}, r.region),
              columns.map((c) => h('td', { class: 'num' }, r.tally[c])),
            ),
          ),
        })
      : h('p', {}, 'Nothing was due.'),
    run.failures.length
      ? [
          h('h3', {}, `Failures (${run.failures.length})`),
          h(
            'ul',
            { 'aria-label': 'Sweep failures' },
            run.failures.map((/** @type {any} */ f) => h('li', {}, `${f.dataClass} in ${f.region}: ${f.reason}`)),
          ),
        ]
      : null,
  );
}
