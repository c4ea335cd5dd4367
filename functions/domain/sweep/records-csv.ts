import { spreadsheetCsv, type SpreadsheetCell } from '../export/spreadsheet';
import type { OpenedRecord } from '../records';

const KEY_COLUMNS = ['pk', 'sk', 'class', 'expiresAt'] as const;

/** A cell: scalars as they are, anything nested as JSON (spreadsheetCsv defuses what a spreadsheet would run). */
function cell(value: unknown): SpreadsheetCell {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Opened records as CSV (RFC 4180, header row): the record key, its class and expiry (ISO-8601),
 * then one column per field any record has, in name order. Used for the archive tier (Inbenta:
 * "available only on request, as CSV") and for decrypted litigation batches.
 */
export function recordsCsv(records: readonly OpenedRecord[]): string {
  const fieldNames = [...new Set(records.flatMap((r) => Object.keys(r.fields)))].sort();
  const rows = records.map((r) => [
    r.pk,
    r.sk,
    r.dataClass,
    new Date(r.expiresAt * 1000).toISOString(),
    ...fieldNames.map((name) => cell(r.fields[name])),
  ]);
  return spreadsheetCsv([...KEY_COLUMNS, ...fieldNames], rows);
}
