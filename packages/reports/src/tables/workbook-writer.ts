/**
 * The streaming workbook every carebill workbook starts from: exceljs's `WorkbookWriter`
 * with styles on (or number formats are dropped), no shared strings, and the document's
 * dates from a calendar day of the run, never the clock.
 */
import type { Stream } from 'node:stream';
import type { Day } from '@carebill/core';
import ExcelJS from 'exceljs';
import { dateOfDay } from '../preview/xlsx-table.js';

/**
 * A streaming workbook writing into a writable stream, dated `day`.
 *
 * @example const workbook = createWorkbookWriter(stream, pack.period.from)
 */
export function createWorkbookWriter(
  output: NodeJS.WritableStream,
  day: Day,
): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    // exceljs types its stream as a `Stream`; any Node writable works.
    stream: output as unknown as Stream,
    useStyles: true,
    useSharedStrings: false,
  });
  const stamp = dateOfDay(day);
  workbook.created = stamp;
  workbook.modified = stamp;
  workbook.creator = 'carebill';
  workbook.lastModifiedBy = 'carebill';
  return workbook;
}
