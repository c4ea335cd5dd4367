import type { InteractionInfo } from '../records';
import { spreadsheetCsv, spreadsheetSafe, type SpreadsheetCell } from './spreadsheet';

/** Columns in the order an admin reads them: statistics first, then who the participant was. */
const COLUMNS: [header: string, cell: (info: InteractionInfo) => SpreadsheetCell][] = [
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

/** General info of interactions as CSV (RFC 4180, header row, one line per interaction). */
export function generalInfoCsv(infos: readonly InteractionInfo[]): string {
  return spreadsheetCsv(
    COLUMNS.map(([header]) => header),
    infos.map((info) => COLUMNS.map(([, cell]) => cell(info))),
  );
}

/** The same columns and spreadsheet-safe cells, for other spreadsheet formats (the admin API's xlsx export). */
export function generalInfoTable(infos: readonly InteractionInfo[]): { headers: string[]; rows: SpreadsheetCell[][] } {
  return {
    headers: COLUMNS.map(([header]) => header),
    rows: infos.map((info) => COLUMNS.map(([, cell]) => spreadsheetSafe(cell(info)))),
  };
}
