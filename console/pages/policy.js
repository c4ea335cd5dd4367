import { ApiError, api } from '../lib/api.js';
import { announce, field, h, replace, when } from '../lib/dom.js';
import { errorNotice } from '../lib/errors.js';
import { ROUTES } from '../lib/routes.js';

export const title = 'Policy';

/**
 * The tenant policy as JSON. "Check changes" asks the API to validate the text and say what it
 * would do at the next sweep; "Save" is offered only for the text that was checked.
 * @param {HTMLElement} main
 */
export function render(main) {
  const editor = /** @type {HTMLTextAreaElement} */ (
    h('textarea', { name: 'policy', rows: 24, spellcheck: 'false', autocomplete: 'off', disabled: true })
  );
  const problems = h('div', { id: 'policy-problems' });
  const diffOut = h('div', { id: 'policy-diff' });
  const check = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', disabled: true }, 'Check changes'));
  const save = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'button', class: 'danger', disabled: true }, 'Save policy')
  );
  const revision = h('p', { class: 'muted' }, 'Loading the policy…');
  /** The text whose diff is shown, the only text Save sends. */
  let checked = '';

  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card', 'aria-label': 'Policy editor' },
      field('Tenant policy (JSON)', editor, 'Edit, then check what the change does before saving it.'),
      h('div', { class: 'actions' }, check, save),
    )
  );
  editor.addEventListener('input', () => {
    save.disabled = editor.value !== checked;
  });

  /** @returns {unknown | undefined} the parsed text, or undefined with the syntax error shown */
  const parsed = () => {
    try {
      return JSON.parse(editor.value);
    } catch (error) {
      editor.setAttribute('aria-invalid', 'true');
      replace(
        problems,
        h(
          'div',
          { class: 'notice error', role: 'alert' },
          h('p', {}, `The text is not valid JSON: ${error instanceof Error ? error.message : error}`),
        ),
      );
      return undefined;
    }
  };
  /** @param {unknown} error @param {string} context */
  const showProblems = (error, context) => {
    editor.setAttribute('aria-invalid', 'true');
    if (error instanceof ApiError && error.fields.length)
      replace(
        problems,
        h(
          'div',
          { class: 'notice error', role: 'alert' },
          h(
            'p',
            {},
            h('strong', {}, `${context}: `),
            `${error.fields.length} field${error.fields.length === 1 ? '' : 's'} to fix.`,
          ),
          h(
            'ul',
            { 'aria-label': 'Policy fields to fix' },
            error.fields.map((f) => h('li', {}, h('code', {}, f.path || '(policy)'), ` ${f.message}`)),
          ),
        ),
      );
    else replace(problems, errorNotice(error, context));
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    replace(diffOut);
    const policy = parsed();
    if (policy === undefined) return;
    try {
      const { data } = await api(ROUTES.policyDiff, { body: policy });
      editor.removeAttribute('aria-invalid');
      replace(problems);
      checked = editor.value;
      replace(diffOut, diffView(data));
      save.disabled = !data.changed;
      announce(data.changed ? 'Changes checked: review them, then save.' : 'The text changes nothing.');
    } catch (error) {
      showProblems(error, 'The policy is not valid');
    }
  });
  save.addEventListener('click', async () => {
    const policy = parsed();
    if (policy === undefined || editor.value !== checked) return;
    save.disabled = true;
    try {
      const { data } = await api(ROUTES.policy, { method: 'PUT', body: policy });
      replace(
        problems,
        h(
          'div',
          { class: 'notice ok', role: 'status' },
          h('p', {}, `Policy saved as revision ${data.revision}. The next sweep applies it.`),
        ),
      );
      await load();
      replace(diffOut);
    } catch (error) {
      showProblems(error, 'The policy was not saved');
    }
  });

  const load = async () => {
    try {
      const { data } = await api(ROUTES.policy);
      const policy = data.policy;
      editor.value = JSON.stringify(policy, null, 2);
      checked = '';
      editor.disabled = false;
      check.disabled = false;
      replace(revision, `Revision ${data.revision}, saved ${when(data.savedAt)} by ${data.savedBy}.`);
    } catch (error) {
      replace(revision, errorNotice(error, 'The policy could not be read'));
    }
  };
  replace(main, h('h1', {}, 'Tenant policy'), revision, problems, form, diffOut);
  void load();
}

/** What the change does, as the API describes it: its sentences, then the facts per data class. @param {any} diff */
function diffView(diff) {
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
