import { ApiError } from './api.js';
import { h } from './dom.js';

/**
 * An error as the user sees it: the API's message, its code, every field it names and the
 * correlation id to quote. Rendered as an alert so screen readers read it at once.
 * @param {unknown} error
 * @param {string} [context]  what was being done, e.g. "Search failed"
 */
export function errorNotice(error, context) {
  const e =
    error instanceof ApiError
      ? error
      : new ApiError(0, 'CONSOLE', error instanceof Error ? error.message : String(error));
  const hint =
    e.status === 401
      ? 'Your token was refused or has expired: log in again.'
      : e.status === 403
        ? 'Your role does not allow this.'
        : undefined;
  return h(
    'div',
    { class: 'notice error', role: 'alert' },
    h('p', {}, h('strong', {}, context ? `${context}: ` : ''), e.message),
    hint ? h('p', {}, hint, e.status === 401 ? [' ', h('a', { href: '#/login' }, 'Log in')] : null) : null,
    e.fields.length ? fieldList(e.fields) : null,
    h(
      'p',
      { class: 'error-code' },
      `${e.code}${e.status ? ` · HTTP ${e.status}` : ''}${e.correlationId ? ` · correlation id ${e.correlationId}` : ''}`,
    ),
  );
}

/**
 * The notice for an API answer that names fields: how many to fix (and where they are marked),
 * then the problems listed; any other error gets the plain `errorNotice`.
 * @param {unknown} error
 * @param {string} context  what was being done, e.g. "The policy was not saved"
 * @param {{ label: string, markedIn?: string, listed?: ApiError['fields'] }} shown
 *   the list's accessible name; where the fields are marked, if they are; the problems to list
 *   (default: all of them), e.g. those no control shows
 */
export function fieldErrorNotice(error, context, { label, markedIn, listed }) {
  if (!(error instanceof ApiError && error.fields.length)) return errorNotice(error, context);
  const count = error.fields.length;
  const problems = listed ?? error.fields;
  return h(
    'div',
    { class: 'notice error', role: 'alert' },
    h(
      'p',
      {},
      h('strong', {}, `${context}: `),
      `${count} field${count === 1 ? '' : 's'} to fix${markedIn ? `, marked in ${markedIn}` : ''}.`,
    ),
    problems.length ? fieldList(problems, label) : null,
  );
}

/**
 * The API's field problems as a list: each path in code (the whole body when it names none) and
 * its message.
 * @param {ApiError['fields']} problems
 * @param {string} [label]  the list's accessible name
 */
function fieldList(problems, label) {
  return h(
    'ul',
    label ? { 'aria-label': label } : {},
    problems.map((f) => h('li', {}, h('code', {}, f.path || '(request)'), ` ${f.message}`)),
  );
}

/**
 * Marks the controls of `form` whose name an API field problem names (first path segment), with
 * the message next to the control; clears earlier marks. Returns the problems no control matched.
 * @param {HTMLFormElement} form
 * @param {unknown} error
 */
export function markFields(form, error) {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.field-error')) {
    el.textContent = '';
    el.setAttribute('hidden', '');
  }
  if (!(error instanceof ApiError)) return [];
  const unmatched = [];
  for (const problem of error.fields) {
    const control = controlFor(form, String(problem.path ?? ''));
    if (!(control instanceof HTMLElement)) {
      unmatched.push(problem);
      continue;
    }
    control.setAttribute('aria-invalid', 'true');
    const slot = document.getElementById(`${control.id}-error`);
    if (slot) {
      slot.textContent = slot.textContent ? `${slot.textContent}; ${problem.message}` : problem.message;
      slot.removeAttribute('hidden');
      const described = new Set((control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
      described.add(slot.id);
      control.setAttribute('aria-describedby', [...described].join(' '));
    }
  }
  return unmatched;
}

/**
 * The control a field path names: the control of that exact name (`identifiers.phone`), else of
 * the longest leading part of the path (`options.corrected.email` → `options.corrected`).
 * @param {HTMLFormElement} form
 * @param {string} path
 * @returns {HTMLElement | null}
 */
function controlFor(form, path) {
  const parts = path.split(/[.[\]]+/).filter(Boolean);
  for (let n = parts.length; n > 0; n--) {
    const control = form.elements.namedItem(parts.slice(0, n).join('.'));
    if (control instanceof HTMLElement) return control;
  }
  return null;
}
