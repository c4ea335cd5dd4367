import { field, h } from './dom.js';

/** The identifier kinds a person is looked up by (IDENTIFIER_KINDS of the API): name, label, input type. */
export const IDENTIFIERS = [
  ['phone', 'Phone number', 'tel'],
  ['email', 'E-mail', 'email'],
  ['visitorId', 'Visitor id', 'text'],
  ['name', 'Name', 'text'],
];

/** One labelled input per identifier kind, named `<prefix><kind>`. @param {string} prefix */
export const identifierFields = (prefix) =>
  IDENTIFIERS.map(([name, label, type]) =>
    field(label, h('input', { type, name: `${prefix}${name}`, autocomplete: 'off' })),
  );

/** The identifiers filled in on `form` (inputs named `<prefix><kind>`), trimmed; empty ones left out. @param {HTMLFormElement} form @param {string} prefix */
export function identifiersOf(form, prefix) {
  const data = new FormData(form);
  /** @type {Record<string, string>} */
  const out = {};
  for (const [name] of IDENTIFIERS) {
    const value = String(data.get(`${prefix}${name}`) ?? '').trim();
    if (value) out[name] = value;
  }
  return out;
}
