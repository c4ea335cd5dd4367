import { api } from '../lib/api.js';
import { announce, h, replace } from '../lib/dom.js';
import { fieldErrorNotice, markFields } from '../lib/errors.js';
import { EXPIRY_ACTIONS, LAWFUL_BASES, matrixOf, policyFromMatrix } from '../lib/policy-matrix.js';
import { ROUTES } from '../lib/routes.js';
import { diffView } from './policy-diff.js';

/**
 * The policy's retention as a matrix form: one row per data class. "Preview the change" asks the
 * API what the edited matrix would do at the next sweep (and names each cell it refuses, next to
 * the cell); "Save the matrix" sends exactly the matrix that was previewed.
 * @param {{ canChange: boolean, onSaved: (revision: number) => Promise<void> }} options
 * @returns {{ element: HTMLElement, show: (policy: any) => void }}
 */
export function retentionMatrix({ canChange, onSaved }) {
  const body = h('tbody');
  const cells = /** @type {HTMLFieldSetElement} */ (h('fieldset', { disabled: true }));
  const problems = h('div', { id: 'matrix-problems' });
  const preview = h('div', { id: 'matrix-preview' });
  const check = h('button', { type: 'submit' }, 'Preview the change');
  const save = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'button', class: 'danger', disabled: true }, 'Save the matrix')
  );
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'card', 'aria-labelledby': 'matrix-title' },
      h('h2', { id: 'matrix-title' }, 'Retention matrix'),
      h(
        'p',
        { class: 'muted' },
        'Durations are ISO-8601: P30D is 30 days, P12M 12 months, P3Y 3 years. An empty region is the default region; one purpose per line.',
      ),
      cells,
      canChange ? h('div', { class: 'actions' }, check, save) : null,
    )
  );
  replace(
    cells,
    h('legend', { class: 'visually-hidden' }, 'Retention per data class'),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Retention per data class' },
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Data class', 'Retention', 'At expiry', 'Region', 'Purposes', 'Lawful basis'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        body,
      ),
    ),
  );

  /** @type {any} */
  let policy;
  /** The matrix whose preview is shown, the only one Save sends. */
  let previewed = '';
  const edited = () => policyFromMatrix(policy, readRows(form, matrixOf(policy)));
  form.addEventListener('input', () => {
    save.disabled = JSON.stringify(edited()) !== previewed;
  });

  /** @param {unknown} error @param {string} context */
  const showProblems = (error, context) => {
    const elsewhere = markFields(form, error);
    replace(
      problems,
      fieldErrorNotice(error, context, { label: 'Other fields to fix', markedIn: 'the matrix', listed: elsewhere }),
    );
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    replace(preview);
    const proposed = edited();
    try {
      const { data } = await api(ROUTES.policyDiff, { body: proposed });
      markFields(form, undefined);
      replace(problems);
      previewed = JSON.stringify(proposed);
      replace(preview, diffView(data));
      save.disabled = !data.changed;
      announce(data.changed ? 'Change previewed: review it, then save.' : 'The matrix changes nothing.');
    } catch (error) {
      showProblems(error, 'The matrix is not valid');
    }
  });
  save.addEventListener('click', async () => {
    const proposed = edited();
    if (JSON.stringify(proposed) !== previewed) return;
    save.disabled = true;
    try {
      const { data } = await api(ROUTES.policy, { method: 'PUT', body: proposed });
      replace(preview);
      await onSaved(data.revision);
    } catch (error) {
      showProblems(error, 'The matrix was not saved');
    }
  });

  const show = (/** @type {any} */ current) => {
    policy = current;
    previewed = '';
    save.disabled = true;
    replace(problems);
    replace(preview);
    replace(
      body,
      matrixOf(policy).map((row) => matrixRow(row, policy.defaultRegion)),
    );
    cells.disabled = !canChange;
  };
  return { element: h('div', {}, form, problems, preview), show };
}

/**
 * A control in a table cell with its label (read by screen readers, the column says it to the eye)
 * and the slot `markFields` writes the API's message for it into.
 * @param {string} label
 * @param {HTMLElement} control  named by its policy field path, e.g. classes.transcript.retention
 */
function labelled(label, control) {
  const id = `m-${control.getAttribute('name')?.replaceAll('.', '-')}`;
  control.id = id;
  return [
    h('label', { for: id, class: 'visually-hidden' }, label),
    control,
    h('span', { class: 'field-error', id: `${id}-error`, hidden: true }),
  ];
}

/** @param {Array<[string, string]>} choices @param {string} chosen */
const options = (choices, chosen) =>
  choices.map(([value, text]) => h('option', { value, selected: value === chosen }, text));

/** @param {import('../lib/policy-matrix.js').MatrixRow} row @param {string} defaultRegion */
function matrixRow(row, defaultRegion) {
  const c = row.dataClass;
  const path = `classes.${c}`;
  const action = /** @type {HTMLSelectElement} */ (
    h('select', { name: `${path}.afterExpiry` }, options(EXPIRY_ACTIONS, row.afterExpiry))
  );
  const archive = h(
    'div',
    { hidden: row.afterExpiry !== 'archive' },
    labelled(
      `Archived copy of ${c} kept for`,
      h('input', { name: `${path}.archiveRetention`, value: row.archiveRetention, size: 6, placeholder: 'P2Y' }),
    ),
  );
  action.addEventListener('change', () => {
    archive.hidden = action.value !== 'archive';
  });
  return h(
    'tr',
    { 'data-class': c },
    h('th', { scope: 'row' }, c),
    h(
      'td',
      {},
      labelled(`Retention of ${c}`, h('input', { name: `${path}.retention`, value: row.retention, size: 6 })),
      row.channelRetention.length
        ? h(
            'p',
            { class: 'muted' },
            row.channelRetention.map((r) => `${r.channel}: ${r.retention}`).join(', '),
            ' (per channel, in Advanced)',
          )
        : null,
    ),
    h(
      'td',
      {},
      labelled(`Action at expiry of ${c}`, action),
      archive,
      // The litigation class is the sealed archive itself: it cannot be sealed again.
      c === 'litigation'
        ? null
        : h(
            'label',
            {},
            h('input', { type: 'checkbox', name: `seal.${c}`, checked: row.sealFirst }),
            ' seal a copy first',
          ),
    ),
    h(
      'td',
      {},
      labelled(
        `Region of ${c}`,
        h('input', { name: `${path}.region`, value: row.region, size: 12, placeholder: defaultRegion }),
      ),
    ),
    h(
      'td',
      {},
      labelled(`Purposes of ${c}`, h('textarea', { name: `${path}.purposes`, rows: 2, value: row.purposes })),
    ),
    h(
      'td',
      {},
      labelled(
        `Lawful basis of ${c}`,
        h('select', { name: `${path}.lawfulBasis` }, options(LAWFUL_BASES, row.lawfulBasis)),
      ),
    ),
  );
}

/**
 * The rows as the form holds them now (the channel retentions are not edited here).
 * @param {HTMLFormElement} form
 * @param {import('../lib/policy-matrix.js').MatrixRow[]} rows
 */
function readRows(form, rows) {
  /** @param {string} name */
  const value = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
  return rows.map((row) => {
    const path = `classes.${row.dataClass}`;
    const afterExpiry = value(`${path}.afterExpiry`);
    const seal = /** @type {HTMLInputElement | null} */ (form.elements.namedItem(`seal.${row.dataClass}`));
    return {
      ...row,
      retention: value(`${path}.retention`),
      afterExpiry,
      // An archive retention only goes with archiving: switching away drops it.
      archiveRetention: afterExpiry === 'archive' ? value(`${path}.archiveRetention`) : '',
      sealFirst: seal?.checked ?? false,
      region: value(`${path}.region`),
      purposes: value(`${path}.purposes`),
      lawfulBasis: value(`${path}.lawfulBasis`),
    };
  });
}
