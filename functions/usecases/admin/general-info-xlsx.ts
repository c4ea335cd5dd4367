import { loadExcelJS } from '../../domain/export/export-formats';
import { generalInfoTable } from '../../domain/export/general-info-csv';
import type { InteractionInfo } from '../../domain/records';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** General info as an Excel workbook (Puzzel exports general info as xlsx): the CSV's columns, one sheet, header row frozen. */
export async function generalInfoXlsx(infos: readonly InteractionInfo[]): Promise<Buffer> {
  const { headers, rows } = generalInfoTable(infos);
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'Lethe';
  const sheet = workbook.addWorksheet('General info', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((cell) => cell ?? null));
  for (const column of sheet.columns) column.width = 20;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
