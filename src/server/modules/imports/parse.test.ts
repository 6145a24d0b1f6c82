import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { openTable } from './parse';

// A workbook whose zip puts xl/workbook.xml after the worksheet (and after the shared strings and
// relationships) — an order some writers produce — is read like any other.

describe('reading an XLSX file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmw-parse-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the first sheet when the workbook part comes after the worksheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('客户');
    ws.addRow(['客户号', '客户名称']);
    ws.addRow(['C001', '上海同瑞电子']);
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    const last = ['xl/worksheets/sheet1.xml', 'xl/workbook.xml'];
    const reordered = new JSZip();
    for (const name of [...names.filter((n) => !last.includes(n)), ...last])
      reordered.file(name, await zip.file(name)!.async('uint8array'));
    const file = path.join(dir, 'late-workbook.xlsx');
    fs.writeFileSync(file, await reordered.generateAsync({ type: 'nodebuffer' }));
    expect(Object.keys((await JSZip.loadAsync(fs.readFileSync(file))).files).slice(-2)).toEqual(last);

    const table = await openTable({
      path: file,
      fileName: 'late-workbook.xlsx',
      size: 0,
      sha256: '',
      format: 'xlsx',
    });
    const rows = [];
    for await (const r of table.rows) rows.push(r.cells);
    expect(table.headers).toEqual(['客户号', '客户名称']);
    expect(rows).toEqual([['C001', '上海同瑞电子']]);
  });
});
