/**
 * Sage 50 audit-trail CSV (SPEC §6 "Accountant exports"): sales invoices (type SI) as Sage
 * 50's "Audit Trail Transactions" import reads them, one row per invoice line, in
 * Windows-1252. Where each column rule comes from: docs/exports.md "Sage 50".
 *
 * One row per line, not per invoice, every row carrying the invoice number as Reference: each
 * posting keeps its own resident and period in Details (one row per invoice could not fit a
 * consolidated council invoice's residents into 60 characters), and the rows of a Reference
 * add up to exactly the invoice's total.
 */
import type { Invoice, InvoiceLine, Preview } from '@carebill/core';
import { formatDayDmy, formatPoundsPlain } from '@carebill/core/internal';
import { isFormulaText } from './csv-safety.js';
import { type CsvColumn, renderCsvTable } from './csv-write.js';
import { type ExportEncoding, transliterateToWindows1252 } from './encoding.js';
import { deriveSageAccountRef, isSageAccountRef } from './sage50-account-ref.js';
import type { ExportResult, ExportWarning } from './types.js';

/** The columns of Sage 50's audit-trail transaction import, in its order. */
export const SAGE50_COLUMNS = [
  'Type',
  'Account Reference',
  'Nominal A/C Ref',
  'Department',
  'Date',
  'Reference',
  'Details',
  'Net Amount',
  'Tax Code',
  'Tax Amount',
] as const;
export type Sage50Column = (typeof SAGE50_COLUMNS)[number];

/** Sage 50 keeps at most 60 characters of a transaction's Details. */
export const SAGE_DETAILS_MAX = 60;

/** Options of the Sage 50 export; every one has a default. */
export interface Sage50CsvOptions {
  /** Sales nominal code. Default `4000` (Sage 50's default "Sales Type A"). */
  readonly nominalCode?: string;
  /** VAT code. Default `T2` (exempt): residential care fees are VAT-exempt. */
  readonly taxCode?: string;
  /** Department number. Default 0. */
  readonly department?: number;
  /** Text encoding of the file. Default {@link SAGE50_DEFAULT_ENCODING}. */
  readonly encoding?: ExportEncoding;
  /** Start the file with a UTF-8 byte order mark (UTF-8 only). Default false. */
  readonly bom?: boolean;
}

/**
 * Sage 50 Accounts (UK) is a Windows program that reads an import CSV in the Windows code
 * page, Windows-1252 ("ANSI"): a "£" written as UTF-8 arrives as "Â£".
 */
export const SAGE50_DEFAULT_ENCODING: ExportEncoding = 'windows-1252';

/** The file name of the Sage 50 export. */
export const SAGE50_FILE_NAME = 'sage50-audit-trail.csv';

interface SageRow {
  readonly invoice: Invoice;
  readonly line: InvoiceLine;
  /** The line's number within its invoice, from 1. */
  readonly lineNumber: number;
  readonly accountRef: string;
}

/**
 * A line's Details: the resident's label and the line's period, `Ann Smith 01/11/2024-30/11/2024`,
 * on one line (runs of white space, line breaks included, become one space), cut to 60
 * characters by shortening the label (59 when it will take a leading `'` for safety, as
 * written in `encoding`: a minus sign − is "-" in Windows-1252), so the period is never lost.
 *
 * @example sageDetails('Ann Smith', from, to) === 'Ann Smith 01/11/2024-30/11/2024'
 */
export function sageDetails(
  label: string,
  from: InvoiceLine['from'],
  to: InvoiceLine['to'],
  encoding: ExportEncoding = 'utf-8',
): string {
  const period = `${formatDayDmy(from)}-${formatDayDmy(to)}`;
  const chars = Array.from(label.replace(/\s+/g, ' ').trim());
  const written =
    encoding === 'windows-1252' ? transliterateToWindows1252(chars.join('')).text : chars.join('');
  const room = SAGE_DETAILS_MAX - (isFormulaText(written) ? 1 : 0) - period.length - 1;
  const name = chars.length > room ? chars.slice(0, room).join('').trimEnd() : chars.join('');
  return name === '' ? period : `${name} ${period}`;
}

function sageColumns(options: Sage50CsvOptions, encoding: ExportEncoding): CsvColumn<SageRow>[] {
  const nominalCode = options.nominalCode ?? '4000';
  const taxCode = options.taxCode ?? 'T2';
  const department = options.department ?? 0;
  if (!Number.isInteger(department) || department < 0 || department > 999) {
    throw new RangeError(`department must be a whole number from 0 to 999: ${department}`);
  }
  const values: Record<Sage50Column, CsvColumn<SageRow>['value']> = {
    Type: () => 'SI',
    'Account Reference': (r) => r.accountRef,
    'Nominal A/C Ref': () => nominalCode,
    Department: () => String(department),
    Date: (r) => formatDayDmy(r.invoice.issueDate),
    Reference: (r) => r.invoice.number,
    Details: (r) => sageDetails(r.line.label, r.line.from, r.line.to, encoding),
    'Net Amount': (r) => formatPoundsPlain(r.line.amountPence),
    'Tax Code': () => taxCode,
    'Tax Amount': () => '0.00',
  };
  const numeric: ReadonlySet<Sage50Column> = new Set(['Department', 'Net Amount', 'Tax Amount']);
  return SAGE50_COLUMNS.map((header) => ({
    header,
    kind: numeric.has(header) ? 'number' : 'text',
    value: values[header],
  }));
}

/**
 * Renders the preview's invoices as one Sage 50 audit-trail CSV of sales invoices. A payer
 * without an account code gets {@link deriveSageAccountRef}'s code and a `NO_ACCOUNT_CODE`
 * warning (once per payer).
 *
 * @example
 * const { files } = renderSage50Csv(preview, { nominalCode: '4000' });
 * files[0].fileName === 'sage50-audit-trail.csv'
 */
export function renderSage50Csv(preview: Preview, options: Sage50CsvOptions = {}): ExportResult {
  const encoding = options.encoding ?? SAGE50_DEFAULT_ENCODING;
  const columns = sageColumns(options, encoding);
  const warnings: ExportWarning[] = [];
  const refOfPayer = new Map<string, string>();
  const payerOfRef = new Map<string, string>();
  const rows: SageRow[] = [];
  for (const invoice of preview.invoices) {
    const { payer } = invoice;
    const key = `${payer.kind}/${payer.id}`;
    let accountRef = refOfPayer.get(key);
    if (accountRef === undefined) {
      accountRef = accountRefOf(invoice, key, warnings);
      refOfPayer.set(key, accountRef);
      const other = payerOfRef.get(accountRef);
      if (other === undefined) payerOfRef.set(accountRef, key);
      else {
        warnings.push({
          code: 'SHARED_ACCOUNT_CODE',
          invoice: invoice.number,
          column: 'Account Reference',
          value: accountRef,
          message: `Invoice ${invoice.number}: payer ${key} and payer ${other} would both post to Sage 50 account ${accountRef}; give each its own account code in CareHQ.`,
        });
      }
    }
    if (invoice.totalPence < 0) {
      warnings.push({
        code: 'NEGATIVE_TOTAL',
        invoice: invoice.number,
        column: 'Net Amount',
        value: formatPoundsPlain(invoice.totalPence),
        message: `Invoice ${invoice.number} totals ${formatPoundsPlain(invoice.totalPence)}: post it to Sage 50 as a sales credit (SC) rather than an invoice.`,
      });
    }
    invoice.lines.forEach((line, i) => {
      rows.push({ invoice, line, lineNumber: i + 1, accountRef });
    });
  }
  const table = renderCsvTable(columns, rows, {
    invoiceOf: (row) => row.invoice.number,
    lineOf: (row) => row.lineNumber,
    encoding,
    bom: options.bom ?? false,
  });
  return {
    files: [{ fileName: SAGE50_FILE_NAME, text: table.text, bytes: table.bytes, encoding }],
    warnings: [...warnings, ...table.warnings],
  };
}

/** The Sage account reference of an invoice's payer, warning when it is missing or unusable. */
function accountRefOf(invoice: Invoice, key: string, warnings: ExportWarning[]): string {
  const code = invoice.payer.accountCode.trim();
  if (code === '') {
    const derived = deriveSageAccountRef(invoice.payer.kind, invoice.payer.id);
    warnings.push({
      code: 'NO_ACCOUNT_CODE',
      invoice: invoice.number,
      column: 'Account Reference',
      value: '',
      message: `Invoice ${invoice.number}: payer ${key} (${invoice.payer.name}) has no account code, so the Sage 50 account ${derived} was derived from its id; set account_code in CareHQ to choose one.`,
    });
    return derived;
  }
  if (!isSageAccountRef(code)) {
    warnings.push({
      code: 'INVALID_ACCOUNT_CODE',
      invoice: invoice.number,
      column: 'Account Reference',
      value: code,
      message: `Invoice ${invoice.number}: payer ${key} has account code ${JSON.stringify(code)}, which Sage 50 will not accept (1–8 upper-case letters or digits, no spaces); correct account_code in CareHQ.`,
    });
  }
  return code;
}
