import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '../export/general-info-csv';
import type { OpenedRecord } from './opened-record';

const KEY_COLUMNS = ['pk', 'sk', 'class', 'expiresAt'] as const;

/** A cell: scalars as they are, anything nested as JSON, and nothing a spreadsheet would run. */
function cell(value: unknown): string | number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return spreadsheetSafe(value);
  if (typeof value === 'boolean') return String(value);
  return spreadsheetSafe(JSON.stringify(value));
}

/**
 * Opened records as CSV (RFC 4180, header row): the record key, its class and expiry (ISO-8601),
 * then one column per field any record has, in name order. Used for the archive tier (Inbenta:
 * "available only on request, as CSV") and for decrypted litigation batches.
 */
export function recordsCsv(records: readonly OpenedRecord[]): string {
  const fieldNames = [...new Set(records.flatMap((r) => Object.keys(r.fields)))].sort();
  const rows = records.map((r) => [r.pk, r.sk, r.dataClass, new Date(r.expiresAt * 1000).toISOString(), ...fieldNames.map((name) => cell(r.fields[name]))]);
  return stringify(rows, { header: true, columns: [...KEY_COLUMNS, ...fieldNames], record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}
