import { h } from './dom.js';

/**
 * A table in its own scrolling region (the page fits a phone screen), with a caption for screen
 * readers. `rows` are `<tr>` elements built by the page.
 * @param {{ label: string, caption: string, columns: string[], rows: HTMLElement[] }} table
 */
export function dataTable({ label, caption, columns, rows }) {
  return h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': label },
    h(
      'table',
      {},
      h('caption', { class: 'visually-hidden' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}
