import type { FileFormat, FileLang, ImportKindCode } from '../../../shared/schemas/import';
import { type SmallTable, tableBuffer } from '../exports/table-file';
import { exampleOf } from './kind';
import { importKind } from './kinds';

// Files for people: a template of each kind (its header row in either language, one example row), and
// the error report of an import (the bad rows as they were in the file, with an error column).

export const ERROR_HEADER = '错误';

const SHEET_NAMES: Record<ImportKindCode, string> = {
  customers: '客户',
  contacts: '联系人',
  accounts: '账户',
  'account-monthly': '账户月度数据',
  interactions: '接触记录',
  prospects: '潜在客户',
  'financial-statements': '财务报表',
  'risk-flags': '风险标记',
};

export async function templateFile(kindCode: ImportKindCode, format: FileFormat, lang: FileLang) {
  const kind = importKind(kindCode);
  const table: SmallTable = {
    sheetName: lang === 'en' ? kindCode : SHEET_NAMES[kindCode],
    headers: kind.columns.map((c) => (lang === 'en' ? c.name : c.zh)),
    rows: [kind.columns.map((c) => exampleOf(c, lang) || null)],
    textColumns: kind.columns.flatMap((c, i) => (c.type === 'code' || c.type === 'text' ? [i] : [])),
  };
  return {
    body: await tableBuffer(format, table),
    fileName: `${lang === 'en' ? `${kindCode}-template` : `${SHEET_NAMES[kindCode]}导入模板`}.${format}`,
  };
}

export async function errorReportFile(report: {
  fileName: string;
  headers: string[];
  rows: { row: number; cells: string[]; messages: string[] }[];
}) {
  const width = Math.max(report.headers.length, ...report.rows.map((r) => r.cells.length));
  const headers = [...report.headers, ...Array<string>(width - report.headers.length).fill('')];
  const table: SmallTable = {
    sheetName: '错误',
    headers: [...headers, ERROR_HEADER],
    rows: report.rows.map((r) => [
      ...r.cells,
      ...Array<string>(width - r.cells.length).fill(''),
      r.messages.join('; '),
    ]),
    textColumns: headers.map((_, i) => i),
    markedColumns: [width],
  };
  const base = report.fileName.replace(/\.[^.]+$/, '');
  return { body: await tableBuffer('xlsx', table), fileName: `${base}-错误报告.xlsx` };
}
