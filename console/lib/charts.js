import { axisTop, highest } from './chart-data.js';
import { h } from './dom.js';
import { dataTable } from './table.js';

// Bar and line charts drawn as plain SVG (no library): colours come from the stylesheet
// (`.series-N`), since the console's CSP allows no inline style. Each chart carries its numbers
// in a table under a disclosure, for screen readers and for reading exact values.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 28, left: 44 };
/** At most this many labels under the axis; the others are skipped (the table has them all). */
const MAX_TICKS = 10;

/** An SVG element with attributes and children. @param {string} tag @param {Record<string, string | number>} attrs @param {...(Node | string)} children */
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  el.append(...children);
  return el;
}

let charts = 0;

/**
 * A chart in a figure: title, SVG, legend, and the numbers as a table.
 * @param {{ title: string, data: import('./chart-data.js').ChartData, kind: 'bars' | 'stacked' | 'lines', unit?: string }} chart
 */
export function chartFigure({ title, data, kind, unit = '' }) {
  const id = `chart-${++charts}`;
  const top = axisTop(highest(data, kind === 'stacked'));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, data.labels.length);
  const y = (/** @type {number} */ v) => PAD.top + plotH - (v / top) * plotH;
  const svg = s('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-labelledby': `${id}-title`,
    class: 'chart',
    'data-kind': kind,
  });
  svg.append(s('title', { id: `${id}-title` }, title));
  for (const v of [0, top / 2, top]) {
    svg.append(
      s('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(v), y2: y(v), class: 'chart-grid' }),
      s('text', { x: PAD.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'chart-axis' }, `${v}${unit}`),
    );
  }
  const every = Math.ceil(data.labels.length / MAX_TICKS);
  data.labels.forEach((label, i) => {
    if (i % every) return;
    const text = label.length === 10 ? label.slice(5) : label;
    svg.append(
      s('text', { x: PAD.left + slot * (i + 0.5), y: HEIGHT - 8, 'text-anchor': 'middle', class: 'chart-axis' }, text),
    );
  });
  if (kind === 'lines') drawLines(svg, data, slot, y);
  else drawBars(svg, data, slot, y, kind === 'stacked');
  return h(
    'figure',
    { class: 'card chart-figure', 'data-chart': title },
    h('figcaption', {}, h('strong', {}, title)),
    svg,
    h(
      'ul',
      { class: 'chart-legend', 'aria-hidden': 'true' },
      data.series.map((series, i) => h('li', {}, h('span', { class: `swatch series-${i % 6}` }), series.name)),
    ),
    h(
      'details',
      {},
      h('summary', {}, 'Numbers'),
      dataTable({
        label: `${title}: numbers`,
        caption: title,
        columns: ['', ...data.series.map((series) => series.name)],
        rows: data.labels.map((label, i) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, label),
            data.series.map((series) => h('td', { class: 'num' }, series.values[i] ?? '—')),
          ),
        ),
      }),
    ),
  );
}

/**
 * Bars side by side per label, or stacked.
 * @param {SVGElement} svg @param {import('./chart-data.js').ChartData} data @param {number} slot
 * @param {(v: number) => number} y @param {boolean} stacked
 */
function drawBars(svg, data, slot, y, stacked) {
  const inner = slot * 0.8;
  const width = stacked ? inner : inner / Math.max(1, data.series.length);
  data.labels.forEach((label, i) => {
    let base = 0;
    data.series.forEach((series, k) => {
      const v = series.values[i] ?? 0;
      if (v <= 0) return;
      const x = PAD.left + slot * i + slot * 0.1 + (stacked ? 0 : k * width);
      const from = stacked ? base : 0;
      base += v;
      svg.append(
        s(
          'rect',
          { x, y: y(from + v), width, height: y(from) - y(from + v), class: `series-${k % 6}`, 'data-value': v },
          s('title', {}, `${series.name}, ${label}: ${v}`),
        ),
      );
    });
  });
}

/**
 * One polyline per series; a null value breaks the line (nothing measured that day).
 * @param {SVGElement} svg @param {import('./chart-data.js').ChartData} data @param {number} slot
 * @param {(v: number) => number} y
 */
function drawLines(svg, data, slot, y) {
  data.series.forEach((series, k) => {
    /** @type {string[][]} */
    const runs = [[]];
    series.values.forEach((v, i) => {
      if (v === null) runs.push([]);
      else runs[runs.length - 1].push(`${PAD.left + slot * (i + 0.5)},${y(v)}`);
    });
    for (const points of runs.filter((r) => r.length))
      svg.append(
        points.length === 1
          ? s('circle', {
              cx: points[0].split(',')[0],
              cy: points[0].split(',')[1],
              r: 3,
              class: `series-${k % 6} chart-point`,
            })
          : s('polyline', { points: points.join(' '), class: `series-${k % 6} chart-line` }),
      );
  });
}
