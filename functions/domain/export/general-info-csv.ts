import { stringify } from 'csv-stringify/sync';
import type { InteractionInfo } from '../records';

/** Columns in the order an admin reads them: statistics first, then who the participant was. */
const COLUMNS: [header: string, cell: (info: InteractionInfo) => string | number | undefined][] = [
  ['interactionId', (i) => i.interactionId],
  ['channel', (i) => i.channel],
  ['queue', (i) => i.queue],
  ['agent', (i) => i.agent],
  ['group', (i) => i.group],
  ['startedAt', (i) => i.startedAt],
  ['endedAt', (i) => i.endedAt],
  ['waitSeconds', (i) => i.waitSeconds],
  ['talkSeconds', (i) => i.talkSeconds],
  ['contentConsent', (i) => i.consent.content],
  ['recordingConsent', (i) => i.consent.recording],
  ['noticeVersion', (i) => i.consent.noticeVersion],
  ['participantPhone', (i) => i.participant?.phone],
  ['participantEmail', (i) => i.participant?.email],
  ['participantName', (i) => i.participant?.name],
  ['visitorId', (i) => i.participant?.visitorId],
  ['participantIp', (i) => i.participant?.ip],
  ['externalId', (i) => i.externalId],
  ['anonymisedAt', (i) => i.anonymisedAt],
];

/**
 * A text that a spreadsheet would run as a formula (`=`, `@`, or `+`/`-` followed by something
 * other than a number) gets a leading apostrophe; phone numbers such as +46 70 123 stay as they are.
 */
export function spreadsheetSafe(value: string | number | undefined): string | number | undefined {
  if (typeof value !== 'string') return value;
  const formula = /^[=@\t\r]/.test(value) || (/^[+-]/.test(value) && !/^[+-][\d\s().-]*$/.test(value));
  return formula ? `'${value}` : value;
}

/** General info of interactions as CSV (RFC 4180, header row, one line per interaction). */
export function generalInfoCsv(infos: readonly InteractionInfo[]): string {
  const rows = infos.map((info) => COLUMNS.map(([, cell]) => spreadsheetSafe(cell(info))));
  return stringify(rows, {
    header: true,
    columns: COLUMNS.map(([header]) => header),
    record_delimiter: 'windows',
    // csv-stringify quotes only the record delimiter itself; a lone LF or CR must be quoted too.
    quoted_match: /[\r\n]/,
  });
}

/** The same columns and spreadsheet-safe cells, for other spreadsheet formats (the admin API's xlsx export). */
export function generalInfoTable(infos: readonly InteractionInfo[]): { headers: string[]; rows: Array<Array<string | number | undefined>> } {
  return { headers: COLUMNS.map(([header]) => header), rows: infos.map((info) => COLUMNS.map(([, cell]) => spreadsheetSafe(cell(info)))) };
}
