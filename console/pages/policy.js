import { mayNow } from '../lib/abilities.js';
import { api } from '../lib/api.js';
import { announce, field, h, replace, when } from '../lib/dom.js';
import { errorNotice, fieldErrorNotice } from '../lib/errors.js';
import { ROUTES } from '../lib/routes.js';
import { currentClaims } from '../lib/session.js';
import { diffView } from './policy-diff.js';
import { retentionMatrix } from './retention-matrix.js';

export const title = 'Policy';

/**
 * The tenant policy: its retention as a matrix form, and the whole policy as JSON in the Advanced
 * view. In both, "check" asks the API to validate the change and say what it would do at the next
 * sweep; "Save" is offered only for what was checked. A role that may not change the policy reads
 * it, with the reason it cannot edit.
 * @param {HTMLElement} main
 */
export function render(main) {
  const canChange = mayNow('policy.change');
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
  const saved = h('div', { id: 'policy-saved' });
  /** @param {number} number */
  const showSaved = async (number) => {
    replace(
      saved,
      h(
        'div',
        { class: 'notice ok', role: 'status' },
        h('p', {}, `Policy saved as revision ${number}. The next sweep applies it.`),
      ),
    );
    await load();
  };
  const matrix = retentionMatrix({ canChange, onSaved: showSaved });
  /** The text whose diff is shown, the only text Save sends. */
  let checked = '';

  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card', 'aria-label': 'Policy editor' },
      field('Tenant policy (JSON)', editor, 'Edit, then check what the change does before saving it.'),
      canChange ? h('div', { class: 'actions' }, check, save) : null,
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
    replace(problems, fieldErrorNotice(error, context, { label: 'Policy fields to fix' }));
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
      replace(problems);
      replace(diffOut);
      await showSaved(data.revision);
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
      editor.readOnly = !canChange;
      check.disabled = false;
      matrix.show(policy);
      replace(revision, `Revision ${data.revision}, saved ${when(data.savedAt)} by ${data.savedBy}.`);
    } catch (error) {
      replace(revision, errorNotice(error, 'The policy could not be read'));
    }
  };
  const role = currentClaims()?.role ?? 'signed-in';
  replace(
    main,
    h('h1', {}, 'Tenant policy'),
    revision,
    canChange
      ? null
      : h(
          'div',
          { class: 'notice info', role: 'status', id: 'policy-read-only' },
          h(
            'p',
            {},
            `Read only: the ${role} role may read the policy but not change it (changing it needs the policy.change permission, which this role does not have).`,
          ),
        ),
    saved,
    matrix.element,
    h(
      'details',
      { class: 'advanced' },
      h('summary', {}, 'Advanced: the whole policy as JSON'),
      problems,
      form,
      diffOut,
    ),
  );
  void load();
}
