import type { Invoice, InvoiceLine, Preview } from '@carebill/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbPreview, parsePounds, readCsv } from '../../test/exports-sample.js';
import { EXPORT_FORMATS, type ExportFormat, renderExport } from './index.js';
import { deriveSageAccountRef } from './sage50-account-ref.js';
import { sageDetails } from './sage50-csv.js';
import type { ExportWarning } from './types.js';
import { xeroContactName } from './xero-csv.js';

/**
 * Undoes the neutralising, using the FORMULA_TEXT warnings as the record of what changed:
 * they must name, in row and column order, exactly the cells that gained a leading quote.
 */
function unneutralise(
  header: readonly string[],
  rows: Record<string, string>[],
  invoiceColumn: string,
  warnings: readonly ExportWarning[],
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
        row[column] === `'${warning.value}`
      ) {
        copy[column] = warning.value;
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
function expectedCells(format: ExportFormat, { invoice, line }: Expected): Record<string, string> {
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
        Details: sageDetails(line.label, line.from, line.to),
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
      };
  }
}

const INVOICE_COLUMN = { xero: 'InvoiceNumber', sage50: 'Reference', csv: 'Invoice' } as const;
const AMOUNT_COLUMN = { xero: 'UnitAmount', sage50: 'Net Amount', csv: 'Amount' } as const;

function checkRoundTrip(format: ExportFormat, preview: Preview): void {
  const { files, warnings } = renderExport(format, preview, { maxInvoicesPerFile: 2 });
  const rows = files.flatMap((file) => {
    const { header, rows: read } = readCsv(file.text);
    return unneutralise(
      header,
      read,
      INVOICE_COLUMN[format],
      warnings.filter((w) => read.some((r) => r[INVOICE_COLUMN[format]] === w.invoice)),
    );
  });
  const expected = preview.invoices.flatMap((invoice) =>
    invoice.lines.map((line) => ({ invoice, line })),
  );
  expect(rows).toHaveLength(expected.length);
  const sums = new Map<string, number>();
  rows.forEach((row, i) => {
    const want = expected[i]!;
    expect(row).toMatchObject(expectedCells(format, want));
    const pence = parsePounds(row[AMOUNT_COLUMN[format]]!);
    expect(pence).toBe(want.line.amountPence);
    if (format === 'xero') expect(parsePounds(row['Total']!)).toBe(want.invoice.totalPence);
    sums.set(want.invoice.number, (sums.get(want.invoice.number) ?? 0) + pence);
  });
  for (const invoice of preview.invoices) expect(sums.get(invoice.number)).toBe(invoice.totalPence);
  expect([...sums.values()].reduce((a, b) => a + b, 0)).toBe(preview.totals.invoicedPence);
}

describe('accountant exports, for random previews', () => {
  for (const format of EXPORT_FORMATS) {
    it(`${format}: reads back the same cells (un-neutralised by the warnings) and the same totals`, () => {
      fc.assert(
        fc.property(arbPreview, (preview) => checkRoundTrip(format, preview)),
        { numRuns: 150 },
      );
    });
  }
});
