import ExcelJS from 'exceljs';
import { generalInfoCsv } from '../../../../functions/domain/export/general-info-csv';
import { spreadsheetCsv, spreadsheetSafe } from '../../../../functions/domain/export/spreadsheet';
import type { InteractionInfo } from '../../../../functions/domain/records';
import { recordsCsv } from '../../../../functions/domain/sweep/records-csv';
import { generalInfoXlsx } from '../../../../functions/usecases/admin/general-info-xlsx';

/** Cells a spreadsheet could evaluate (finding L5): each must come out with a leading apostrophe. */
const HOSTILE = [
  '=1+1',
  '@SUM(A1)',
  '+cmd|calc',
  '-2+3',
  '-2-3',
  '+1-1',
  ' =1+1',
  '\u00a0=1+1',
  '\u3000=1+1',
  '\u200b=1+1',
  '\ufeff=1+1',
  '\u2060@SUM(A1)',
  '\uff1d1+1',
  '\uff0b1+1',
  '\uff20SUM(A1)',
  '\n=1+1',
  'harmless\n=HYPERLINK("http://evil.example","x")',
  'first\r\n\t-2+3',
  '\t=1+1',
  '\rcmd',
];
/** Text that only looks like one: left exactly as it is. */
const BENIGN = ['+46 70 123 45 67', '-5', '+1 (555) 010 0199', 'a-b=c', 'anna@example.se', 'hello world', ''];

const base: InteractionInfo = {
  tenantId: '01HZX3K6J8M2Q4R5S6T7V8W9XA',
  interactionId: '01HZX4A0000000000000000000',
  channel: 'chat',
  startedAt: '2024-05-02T10:15:00.000Z',
  consent: { content: 'granted', recording: 'refused' },
} as InteractionInfo;

describe('every cell a spreadsheet could evaluate is defused, in every export', () => {
  it.each(HOSTILE.map((v) => [JSON.stringify(v), v]))('%s gets a leading apostrophe', (_shown, value) => {
    // Act / Assess
    expect(spreadsheetSafe(value)).toBe(`'${value}`);
  });

  it.each(BENIGN.map((v) => [JSON.stringify(v), v]))('%s stays as it is', (_shown, value) => {
    // Act / Assess
    expect(spreadsheetSafe(value)).toBe(value);
  });

  it('numbers stay numbers', () => {
    // Act / Assess
    expect(spreadsheetSafe(-3)).toBe(-3);
  });

  it('the general-info CSV, the records CSV (archive, litigation, offboarding) and their headers defuse each hostile text', () => {
    // Prepare
    const infos = HOSTILE.map((queue) => ({ ...base, queue }));
    const records = HOSTILE.map((text, i) => ({
      pk: 'T#1#I#1',
      sk: `MSG#${i}`,
      dataClass: 'transcript' as const,
      expiresAt: 1_800_000_000,
      fields: { text, [text]: 'x' },
    }));
    // Act
    const general = generalInfoCsv(infos);
    const archived = recordsCsv(records);
    const plain = spreadsheetCsv(
      ['value'],
      HOSTILE.map((v) => [v]),
    );
    // Assess
    for (const csv of [general, archived, plain])
      for (const value of HOSTILE) expect(csv).toContain(`'${value.replace(/"/g, '""')}`);
  });

  it('the xlsx export holds each hostile text as a defused string, never a formula', async () => {
    // Prepare
    const infos = HOSTILE.map((queue) => ({ ...base, queue }));
    // Act
    const workbook = new ExcelJS.Workbook();
    const bytes = await generalInfoXlsx(infos);
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    // Assess
    const sheet = workbook.worksheets[0];
    const queueColumn = (sheet.getRow(1).values as string[]).indexOf('queue');
    const cells = HOSTILE.map((_, i) => sheet.getRow(i + 2).getCell(queueColumn));
    expect(cells.map((c) => c.type)).toEqual(HOSTILE.map(() => ExcelJS.ValueType.String));
    // XML keeps line breaks as LF only.
    const lf = (text: string) => text.replace(/\r\n?/g, '\n');
    expect(cells.map((c) => lf(String(c.value)))).toEqual(HOSTILE.map((v) => lf(`'${v}`)));
  });
});
