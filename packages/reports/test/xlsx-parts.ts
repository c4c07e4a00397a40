/**
 * The parts of an .xlsx zip (each XML file inside it) with their text, read by SheetJS.
 * Two workbooks with equal parts are the same workbook: the zip entries themselves carry
 * the time they were written, so the files' bytes may differ.
 */
import * as XLSX from 'xlsx';

export function xlsxParts(bytes: Uint8Array): Map<string, string> {
  const book = XLSX.read(bytes, { bookFiles: true, type: 'buffer' });
  const files = (book as unknown as { files: Record<string, { content: Uint8Array }> }).files;
  return new Map(
    Object.entries(files)
      .filter(([, file]) => file.content !== undefined)
      .map(([path, file]) => [path, Buffer.from(file.content).toString('utf8')]),
  );
}
