// Shapes the API's KPI reports into chart series: one label per day (or score), one series per
// thing compared, a value per label. Pure functions: no DOM, unit-tested in test/unit/console.

/**
 * @typedef {{ name: string, values: Array<number | null> }} Series
 * @typedef {{ labels: string[], series: Series[] }} ChartData
 */

const DAY_MS = 86_400_000;

/** Every calendar day from `from` to `to` (YYYY-MM-DD), both included. @param {string} from @param {string} to */
export function daysBetween(from, to) {
  const days = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The rows' metric summed per day (and per value of `by`, when given); a missing day counts 0. */
function sumsPerDay(/** @type {any} */ report, /** @type {string} */ metric, /** @type {string} [by] */ by) {
  /** @type {Map<string, Map<string, number>>} */
  const sums = new Map();
  for (const row of report.rows) {
    const key = by ? String(row.group[by] ?? 'none') : metric;
    let perDay = sums.get(key);
    if (!perDay) sums.set(key, (perDay = new Map()));
    const day = String(row.group.day);
    perDay.set(day, (perDay.get(day) ?? 0) + (row.metrics[metric] ?? 0));
  }
  return sums;
}

/**
 * Interactions started per day, one series per channel (a report grouped by day and channel).
 * @param {{ from: string, to: string, rows: any[] }} report
 * @returns {ChartData}
 */
export function interactionsByChannel(report) {
  const labels = daysBetween(report.from, report.to);
  const sums = sumsPerDay(report, 'interactions', 'channel');
  const series = [...sums.entries()]
    .filter(([, perDay]) => [...perDay.values()].some((n) => n > 0))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, perDay]) => ({ name, values: labels.map((d) => perDay.get(d) ?? 0) }));
  return { labels, series };
}

/**
 * Average wait and talk time per ended interaction, in seconds, per day; null on a day nothing ended.
 * @param {{ from: string, to: string, rows: any[] }} report
 * @returns {ChartData}
 */
export function averageWaitAndTalk(report) {
  const labels = daysBetween(report.from, report.to);
  const ended = sumsPerDay(report, 'endedInteractions').get('endedInteractions') ?? new Map();
  /** @param {string} metric @param {string} name */
  const average = (metric, name) => {
    const total = sumsPerDay(report, metric).get(metric) ?? new Map();
    return {
      name,
      values: labels.map((d) => {
        const count = ended.get(d) ?? 0;
        return count ? Math.round((total.get(d) ?? 0) / count) : null;
      }),
    };
  };
  return { labels, series: [average('waitSeconds', 'Wait'), average('talkSeconds', 'Talk')] };
}

/**
 * Surveys per score 0–10 over the whole range, and their mean score (null without surveys).
 * @param {{ rows: any[] }} report
 * @returns {ChartData & { surveys: number, averageScore: number | null }}
 */
export function surveyScores(report) {
  const labels = Array.from({ length: 11 }, (_, score) => String(score));
  const counts = labels.map(() => 0);
  for (const row of report.rows)
    for (const [score, n] of Object.entries(row.scoreDistribution ?? {})) {
      const at = labels.indexOf(score);
      if (at >= 0) counts[at] += Number(n);
    }
  const surveys = counts.reduce((sum, n) => sum + n, 0);
  const scored = counts.reduce((sum, n, score) => sum + n * score, 0);
  return {
    labels,
    series: [{ name: 'Surveys', values: counts }],
    surveys,
    averageScore: surveys ? Math.round((scored / surveys) * 10) / 10 : null,
  };
}

/**
 * Subject requests filed and completed per day of the range (GET /v1/privacy-kpis).
 * @param {{ from: string, to: string, requests: { filedPerDay: Array<{ day: string, filed: number, completed: number }> } }} privacy
 * @returns {ChartData}
 */
export function requestsPerDay(privacy) {
  const labels = daysBetween(privacy.from, privacy.to);
  const byDay = new Map(privacy.requests.filedPerDay.map((d) => [d.day, d]));
  return {
    labels,
    series: [
      { name: 'Filed', values: labels.map((d) => byDay.get(d)?.filed ?? 0) },
      { name: 'Completed', values: labels.map((d) => byDay.get(d)?.completed ?? 0) },
    ],
  };
}

/**
 * Records each night's sweep removed (deleted, anonymised), per night of the range; a night with
 * no sweep recorded counts 0.
 * @param {{ from: string, to: string, nights: Array<{ night: string, deleted: number, anonymised: number }> }} privacy
 * @returns {ChartData}
 */
export function removalsPerNight(privacy) {
  const labels = daysBetween(privacy.from, privacy.to);
  const byNight = new Map(privacy.nights.map((n) => [n.night, n]));
  return {
    labels,
    series: [
      { name: 'Deleted', values: labels.map((d) => byNight.get(d)?.deleted ?? 0) },
      { name: 'Anonymised', values: labels.map((d) => byNight.get(d)?.anonymised ?? 0) },
    ],
  };
}

/**
 * The top of a value axis: the smallest 1, 2 or 5 × 10ⁿ at or above `max` (1 for nothing).
 * @param {number} max
 */
export function axisTop(max) {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((top) => top >= max) ?? 10 * power;
}

/**
 * The highest value a chart draws: the tallest stack when stacked, else the largest value.
 * @param {ChartData} data @param {boolean} stacked
 */
export function highest(data, stacked) {
  let max = 0;
  data.labels.forEach((_, i) => {
    const at = data.series.map((s) => s.values[i] ?? 0);
    max = Math.max(max, stacked ? at.reduce((sum, v) => sum + v, 0) : Math.max(0, ...at));
  });
  return max;
}
