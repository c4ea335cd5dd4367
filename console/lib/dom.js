// Building the DOM without innerHTML: every value reaches the page as text, never as markup.

/**
 * h('button', { type: 'button', onclick: fn, class: 'secondary' }, 'Delete')
 * Attributes starting with "on" become listeners; `false`/`null`/`undefined` attributes are left out.
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...(Node|string|number|null|undefined|false|Array<unknown>)} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function')
      el.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    else if (name === 'value' && 'value' in el) /** @type {HTMLInputElement} */ (el).value = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** @param {Element} parent @param {unknown[]} children */
function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces everything inside `el`. @param {Element} el @param {...unknown} children */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

let fieldIds = 0;
/**
 * A labelled form control: label, control, optional hint (aria-describedby) and a slot for the
 * API's per-field error.
 * @param {string} label
 * @param {HTMLElement} control  its `name` is the field's name
 * @param {string} [hint]
 */
export function field(label, control, hint) {
  const id = control.id || `f${++fieldIds}`;
  control.id = id;
  const hintEl = hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hintEl,
    h('span', { class: 'field-error', id: `${id}-error`, hidden: true }),
  );
}

/** Says something to screen readers through the page's polite live region. @param {string} text */
export function announce(text) {
  const status = document.getElementById('status');
  if (!status) return;
  status.textContent = '';
  // A fresh text node is what makes screen readers repeat an identical message.
  requestAnimationFrame(() => (status.textContent = text));
}

/** A date-time as the user's locale shows it, or a dash. @param {string|undefined|null} iso */
export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? String(iso)
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** `<input type="datetime-local">` value (local time) as an ISO instant, or undefined when empty. @param {string} value */
export function localToIso(value) {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Saves a Blob as a file through a temporary object URL. @param {Blob} blob @param {string} fileName */
export function saveBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Asks for confirmation in a modal dialog; resolves true only when the user confirms.
 * @param {{ title: string, body: string, confirm: string }} text
 * @returns {Promise<boolean>}
 */
export function confirmDialog(text) {
  return new Promise((resolve) => {
    const dialog = /** @type {HTMLDialogElement} */ (
      h(
        'dialog',
        { 'aria-labelledby': 'confirm-title' },
        h('h2', { id: 'confirm-title' }, text.title),
        h('p', {}, text.body),
        h(
          'form',
          { method: 'dialog', class: 'actions' },
          h('button', { value: 'cancel', class: 'secondary', autofocus: true }, 'Cancel'),
          h('button', { value: 'confirm', class: 'danger' }, text.confirm),
        ),
      )
    );
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
