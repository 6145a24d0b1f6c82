import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { openTable } from './parse';

// A workbook whose zip puts xl/workbook.xml after its worksheets (and after the shared strings and
// relationships) — an order some writers produce, exceljs's own now and then — is read like any
// other: the sheet asked for by name, else the first.

describe('reading an XLSX file whose workbook part comes last', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmw-parse-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function lateWorkbook() {
    const wb = new ExcelJS.Workbook();
    const readme = wb.addWorksheet('说明');
    readme.addRow(['本文件为客户导入']);
    const data = wb.addWorksheet('data');
    data.addRow(['客户号', '客户名称']);
    data.addRow(['C001', '上海同瑞电子']);
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    const last = ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/workbook.xml'];
    const reordered = new JSZip();
    for (const name of [...names.filter((n) => !last.includes(n)), ...last]) {
      reordered.file(name, await zip.file(name)!.async('uint8array'));
    }
    const file = path.join(dir, 'late-workbook.xlsx');
    fs.writeFileSync(file, await reordered.generateAsync({ type: 'nodebuffer' }));
    const order = Object.keys((await JSZip.loadAsync(fs.readFileSync(file))).files);
    expect(order.slice(-3)).toEqual(last);
    expect(order.indexOf('xl/sharedStrings.xml')).toBeLessThan(order.indexOf('xl/worksheets/sheet1.xml'));
    expect(order.indexOf('xl/_rels/workbook.xml.rels')).toBeLessThan(
      order.indexOf('xl/worksheets/sheet1.xml'),
    );
    return file;
  }

  const read = async (file: string, sheet?: string) => {
    const table = await openTable(
      { path: file, fileName: 'late-workbook.xlsx', size: 0, sha256: '', format: 'xlsx' },
      { sheet },
    );
    const rows = [];
    for await (const r of table.rows) rows.push(r.cells);
    return { headers: table.headers, rows };
  };

  it('reads the sheet asked for by name', async () => {
    expect(await read(await lateWorkbook(), 'data')).toEqual({
      headers: ['客户号', '客户名称'],
      rows: [['C001', '上海同瑞电子']],
    });
  });

  it('reads the first sheet when none is named', async () => {
    expect(await read(await lateWorkbook())).toEqual({ headers: ['本文件为客户导入'], rows: [] });
  });
});
