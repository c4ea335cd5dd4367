import { stringify } from 'csv-stringify/sync';

export type SpreadsheetCell = string | number | undefined;

/** Characters a spreadsheet skips or hides before a formula: whitespace of every script, zero-width and control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among what a spreadsheet skips
const IGNORED = /^[\s\u0000-\u001f\u007f\u200b-\u200f\u2060-\u2064\ufeff]*/u;
/** What starts a formula: ASCII and full-width = + - @. */
const FORMULA_START = /^[=+\-@\uff1d\uff0b\uff0d\uff20]/u;
/** A signed number as a phone number is written (+46 70 123 45 67): one sign, then no operator at all. */
const SIGNED_NUMBER = /^[+-]\d[\d\s().]*$/;

/** Whether one line of a text would start a formula once the characters before it are skipped. */
function startsFormula(line: string): boolean {
  const start = line.replace(IGNORED, '');
  return FORMULA_START.test(start) && !SIGNED_NUMBER.test(start);
}

/**
 * A text cell a spreadsheet could evaluate gets a leading apostrophe, in every export, CSV or
 * xlsx: any line of it that starts, after spaces, zero-width or control characters, with `=`, `+`,
 * `-` or `@` (full-width ones too), unless it is a plain signed number such as a phone number;
 * and any text that starts with a tab or a carriage return. Numbers stay numbers.
 */
export function spreadsheetSafe(value: SpreadsheetCell): SpreadsheetCell {
  if (typeof value !== 'string') return value;
  const formula = /^[\t\r]/.test(value) || value.split(/\r\n|\r|\n|\u2028|\u2029/).some(startsFormula);
  return formula ? `'${value}` : value;
}

/** Rows as CSV (RFC 4180, header row, CRLF), every cell and header spreadsheet-safe: the one CSV writer of every export. */
export function spreadsheetCsv(columns: readonly string[], rows: ReadonlyArray<readonly SpreadsheetCell[]>): string {
  return stringify(
    rows.map((row) => row.map(spreadsheetSafe)),
    {
      header: true,
      columns: columns.map((c) => String(spreadsheetSafe(c))),
      record_delimiter: 'windows',
      // csv-stringify quotes only the record delimiter itself; a lone LF or CR must be quoted too.
      quoted_match: /[\r\n]/,
    },
  );
}
