import type { Invoice, InvoiceLine, Preview } from '@carebill/core';
import { formatDay } from '@carebill/core';
import { formatPoundsPlain } from '@carebill/core/internal';
import { propertyRuns } from '@carebill/core/testing';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { arbPreview, parsePounds, readCsv } from '../../test/exports-sample.js';
import { transliterateToWindows1252 } from './encoding.js';
import {
  DEFAULT_EXPORT_ENCODING,
  EXPORT_FORMATS,
  type ExportFormat,
  renderExport,
} from './index.js';
import { deriveSageAccountRef } from './sage50-account-ref.js';
import { sageDetails } from './sage50-csv.js';
import type { ExportWarning } from './types.js';
import { xeroContactName } from './xero-csv.js';

/** A text as the file can hold it: transliterated in Windows-1252, as it is in UTF-8. */
type Fit = (text: string) => string;

/**
 * Undoes the neutralising, using the FORMULA_TEXT warnings as the record of what changed:
 * they must name, in row and column order, exactly the cells that gained a leading quote.
 */
function unneutralise(
  header: readonly string[],
  rows: Record<string, string>[],
  invoiceColumn: string,
  warnings: readonly ExportWarning[],
  fit: Fit,
): Record<string, string>[] {
  const pending = warnings.filter((w) => w.code === 'FORMULA_TEXT');
  let next = 0;
  const out = rows.map((row) => {
    const copy = { ...row };
    for (const column of header) {
      const warning = pending[next];
      if (
        warning &&
        warning.invoice === row[invoiceColumn] &&
        warning.column === column &&
        row[column] === `'${fit(warning.value)}`
      ) {
        copy[column] = fit(warning.value);
        next += 1;
      }
    }
    return copy;
  });
  expect(next).toBe(pending.length);
  return out;
}

interface Expected {
  readonly invoice: Invoice;
  readonly line: InvoiceLine;
}

/** What each format should hold for a line, before neutralising. */
function expectedCells(format: ExportFormat, expected: Expected, fit: Fit): Record<string, string> {
  return Object.fromEntries(
    Object.entries(cellsOf(format, expected)).map(([column, text]) => [column, fit(text)]),
  );
}

function cellsOf(format: ExportFormat, { invoice, line }: Expected): Record<string, string> {
  switch (format) {
    case 'xero':
      return {
        ContactName: xeroContactName(invoice.payer),
        InvoiceNumber: invoice.number,
        Description: line.description,
      };
    case 'sage50': {
      const code = invoice.payer.accountCode.trim();
      return {
        'Account Reference':
          code === '' ? deriveSageAccountRef(invoice.payer.kind, invoice.payer.id) : code,
        Reference: invoice.number,
        Details: sageDetails(line.label, line.from, line.to, 'windows-1252'),
      };
    }
    case 'csv':
      return {
        Invoice: invoice.number,
        Payer: invoice.payer.name,
        'Account code': invoice.payer.accountCode,
        Resident: line.label,
        Description: line.description,
        Days: String(line.days),
        'Adjusts from': line.adjusts === null ? '' : formatDay(line.adjusts.from),
        'Adjusts to': line.adjusts === null ? '' : formatDay(line.adjusts.to),
        Was: line.wasPence === null ? '' : formatPoundsPlain(line.wasPence),
        Now: line.nowPence === null ? '' : formatPoundsPlain(line.nowPence),
      };
  }
}

const INVOICE_COLUMN = { xero: 'InvoiceNumber', sage50: 'Reference', csv: 'Invoice' } as const;
const AMOUNT_COLUMN = { xero: 'UnitAmount', sage50: 'Net Amount', csv: 'Amount' } as const;

/** Reads a file back from its bytes, naming columns without Xero's required-column `*`. */
function readBack(
  bytes: Uint8Array,
  encoding: string,
): { header: string[]; rows: Record<string, string>[] } {
  const { header, rows } = readCsv(iconv.decode(Buffer.from(bytes), encoding));
  const unstar = (name: string) => name.replace(/^\*/, '');
  return {
    header: header.map(unstar),
    rows: rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([key, value]) => [unstar(key), value])),
    ),
  };
}

function checkRoundTrip(format: ExportFormat, preview: Preview): void {
  const { files, warnings } = renderExport(format, preview, { maxInvoicesPerFile: 2 });
  const encoding = DEFAULT_EXPORT_ENCODING[format];
  const fit: Fit =
    encoding === 'windows-1252' ? (text) => transliterateToWindows1252(text).text : (text) => text;
  const rows = files.flatMap((file) => {
    expect(file.encoding).toBe(encoding);
    expect(iconv.decode(Buffer.from(file.bytes), encoding, { stripBOM: false })).toBe(file.text);
    const { header, rows: read } = readBack(file.bytes, encoding);
    // Sage keeps 60 characters of Details, a safety quote included.
    if (format === 'sage50')
      for (const row of read) expect([...row['Details']!].length).toBeLessThanOrEqual(60);
    return unneutralise(
      header,
      read,
      INVOICE_COLUMN[format],
      warnings.filter((w) => read.some((r) => r[INVOICE_COLUMN[format]] === w.invoice)),
      fit,
    );
  });
  // Xero writes the credit notes after the invoices, in files of their own (SPEC §10).
  const credit = (invoice: Invoice) => invoice.kind === 'credit_note';
  const documents =
    format === 'xero'
      ? [...preview.invoices.filter((i) => !credit(i)), ...preview.invoices.filter(credit)]
      : preview.invoices;
  const expected = documents.flatMap((invoice) => invoice.lines.map((line) => ({ invoice, line })));
  expect(rows).toHaveLength(expected.length);
  if (format === 'xero') {
    const creditFiles = files.filter((f) => f.fileName.startsWith('xero-credit-notes-'));
    expect(creditFiles.length).toBe(Math.ceil(preview.invoices.filter(credit).length / 2));
  }
  const sums = new Map<string, number>();
  rows.forEach((row, i) => {
    const want = expected[i]!;
    expect(row).toMatchObject(expectedCells(format, want, fit));
    // A credit note's amounts are written as positive credits to Xero and Sage 50.
    const written = parsePounds(row[AMOUNT_COLUMN[format]]!);
    if (format === 'sage50') expect(row['Type']).toBe(credit(want.invoice) ? 'SC' : 'SI');
    const pence = format !== 'csv' && credit(want.invoice) ? 0 - written : written;
    expect(pence).toBe(want.line.amountPence);
    sums.set(want.invoice.number, (sums.get(want.invoice.number) ?? 0) + pence);
  });
  for (const invoice of preview.invoices) expect(sums.get(invoice.number)).toBe(invoice.totalPence);
  expect([...sums.values()].reduce((a, b) => a + b, 0)).toBe(preview.totals.invoicedPence);
  // Every transliterated cell is warned about, and nothing else is.
  const changed = warnings.filter((w) => w.code === 'TRANSLITERATED');
  for (const warning of changed) expect(fit(warning.value)).not.toBe(warning.value);
  if (encoding === 'utf-8') expect(changed).toEqual([]);
}

describe('accountant exports, for random previews', () => {
  for (const format of EXPORT_FORMATS) {
    it(`${format}: reads back the same cells (un-neutralised by the warnings) and the same totals`, () => {
      fc.assert(
        fc.property(arbPreview, (preview) => checkRoundTrip(format, preview)),
        { numRuns: propertyRuns(150) },
      );
    });
  }
});
