import { h } from '../lib/dom.js';

/** What the change does, as the API describes it: its sentences, then the facts per data class. @param {any} diff */
export function diffView(diff) {
  if (!diff.changed)
    return h('section', { class: 'card' }, h('h2', {}, 'No change'), h('p', {}, 'The text is the policy in force.'));
  const classes = diff.classes ?? [];
  /** @param {{ before?: string, after?: string } | undefined} change */
  const moved = (change) =>
    change
      ? [
          h('span', { class: 'diff-removed' }, change.before ?? 'none'),
          ' → ',
          h('span', { class: 'diff-added' }, change.after ?? 'none'),
        ]
      : '—';
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'diff-title' },
    h('h2', { id: 'diff-title' }, `What revision ${diff.toRevision} changes`),
    h(
      'ul',
      { 'aria-label': 'Effects of the change' },
      (diff.effects ?? []).map((e) => h('li', {}, e)),
    ),
    classes.length
      ? h(
          'div',
          { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Changes per data class' },
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Data class', 'Retention', 'After expiry', 'Regions', 'Due at next sweep', 'Expire sooner'].map((c) =>
                  h('th', { scope: 'col' }, c),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              classes.map((c) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, c.dataClass),
                  h(
                    'td',
                    {},
                    moved(c.retention),
                    (c.channelRetention ?? []).map((r) => [h('br'), `${r.channel}: `, moved(r)]),
                  ),
                  h('td', {}, moved(c.afterExpiry)),
                  h(
                    'td',
                    {},
                    (c.regions ?? []).length
                      ? c.regions.map((r, i) => [
                          i ? h('br') : '',
                          `${r.channel ? `${r.channel} ` : ''}${r.phase}: `,
                          moved(r),
                        ])
                      : '—',
                  ),
                  h('td', { class: 'num' }, c.estimate ? c.estimate.dueAtNextSweep : '—'),
                  h('td', { class: 'num' }, c.estimate ? c.estimate.expireSooner : '—'),
                ),
              ),
            ),
          ),
        )
      : null,
    diff.otherChanges?.length
      ? h(
          'p',
          {},
          'Other settings changed: ',
          diff.otherChanges.map((p, i) => [i ? ', ' : '', h('code', {}, p)]),
        )
      : null,
  );
}
