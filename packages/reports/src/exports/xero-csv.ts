/**
 * Xero sales-invoice import CSV (SPEC §6 "Accountant exports"): Xero's template columns in
 * its order, one row per invoice line, rows of an invoice sharing its number, at most
 * {@link XERO_MAX_INVOICES_PER_FILE} invoices per file, UTF-8. Where each column rule comes
 * from: docs/exports.md "Xero sales-invoice import".
 */
import type { Invoice, InvoiceLine, Preview } from '@carebill/core';
import { formatDayDmy, formatPoundsPlain } from '@carebill/core/internal';
import { type CsvColumn, renderCsvTable } from './csv-write.js';
import type { ExportEncoding } from './encoding.js';
import type { ExportFile, ExportResult, ExportWarning } from './types.js';

/**
 * Xero's sales-invoice import template (Sales → Invoices → Import → "Download template
 * file"), its headings in its order, `*` marking the columns the template marks required.
 * Xero's help asks that no column be deleted and no heading changed. The template has no
 * Total or TaxAmount column: Xero works both out from Quantity, UnitAmount and TaxType
 * (TaxAmount is a column one adds only to override the tax Xero works out).
 */
export const XERO_COLUMNS = [
  '*ContactName',
  'EmailAddress',
  'POAddressLine1',
  'POAddressLine2',
  'POAddressLine3',
  'POAddressLine4',
  'POCity',
  'PORegion',
  'POPostalCode',
  'POCountry',
  '*InvoiceNumber',
  'Reference',
  '*InvoiceDate',
  '*DueDate',
  'InventoryItemCode',
  '*Description',
  '*Quantity',
  '*UnitAmount',
  'Discount',
  '*AccountCode',
  '*TaxType',
  'TrackingName1',
  'TrackingOption1',
  'TrackingName2',
  'TrackingOption2',
  'Currency',
  'BrandingTheme',
] as const;
export type XeroColumn = (typeof XERO_COLUMNS)[number];

/** Xero imports at most 500 invoices from one file. */
export const XERO_MAX_INVOICES_PER_FILE = 500;

/** Options of the Xero export; every one has a default. */
export interface XeroCsvOptions {
  /** Sales account code in the Xero chart of accounts. Default `200` (Xero's UK "Sales"). */
  readonly accountCode?: string;
  /** Tax rate display name as it appears in Xero. Default `Exempt Income` (care is VAT-exempt). */
  readonly taxType?: string;
  /** Invoices per file, 1–500. Default 500. */
  readonly maxInvoicesPerFile?: number;
  /** Branding theme name, blank by default (Xero then uses the contact's or the default). */
  readonly brandingTheme?: string;
  /** When set, TrackingName1 is this and TrackingOption1 the home's name (or location id). */
  readonly trackingName?: string;
  /** Text encoding of the files. Default {@link XERO_DEFAULT_ENCODING}. */
  readonly encoding?: ExportEncoding;
  /** Start each file with a UTF-8 byte order mark. Default false. */
  readonly bom?: boolean;
}

/** Xero is a web application and reads its import files as UTF-8. */
export const XERO_DEFAULT_ENCODING: ExportEncoding = 'utf-8';

interface XeroRow {
  readonly invoice: Invoice;
  readonly line: InvoiceLine;
  /** The line's number within its invoice, from 1. */
  readonly lineNumber: number;
}

/**
 * The Xero contact of a payer: "Name (ACCOUNT_CODE)", or just "Name" without a code, so two
 * payers with the same name stay two contacts.
 *
 * @example xeroContactName({ name: 'Ann Smith', accountCode: 'SMI001' }) === 'Ann Smith (SMI001)'
 * xeroContactName({ name: 'Ann Smith', accountCode: '' }) === 'Ann Smith'
 */
export function xeroContactName(payer: {
  readonly name: string;
  readonly accountCode: string;
}): string {
  const code = payer.accountCode.trim();
  return code === '' ? payer.name : `${payer.name} (${code})`;
}

/** An invoice's Reference: the resident's label, or "N residents" for a consolidated one. */
function xeroReference(invoice: Invoice): string {
  const labels = [...new Set(invoice.lines.map((line) => line.label))];
  if (labels.length === 1) return labels[0]!;
  return `${labels.length} residents`;
}

function xeroColumns(options: XeroCsvOptions): CsvColumn<XeroRow>[] {
  const accountCode = options.accountCode ?? '200';
  const taxType = options.taxType ?? 'Exempt Income';
  const brandingTheme = options.brandingTheme ?? '';
  const trackingName = options.trackingName ?? '';
  const address = (row: XeroRow) => row.invoice.payer.postalAddress;
  const values: Record<XeroColumn, CsvColumn<XeroRow>['value']> = {
    '*ContactName': (r) => xeroContactName(r.invoice.payer),
    EmailAddress: (r) => r.invoice.payer.email,
    POAddressLine1: (r) => address(r)?.address1 ?? '',
    POAddressLine2: (r) => address(r)?.address2 ?? '',
    POAddressLine3: () => '',
    POAddressLine4: () => '',
    POCity: (r) => address(r)?.town ?? '',
    PORegion: (r) => address(r)?.county ?? '',
    POPostalCode: (r) => address(r)?.postcode ?? '',
    POCountry: (r) => address(r)?.country ?? '',
    '*InvoiceNumber': (r) => r.invoice.number,
    Reference: (r) => xeroReference(r.invoice),
    '*InvoiceDate': (r) => formatDayDmy(r.invoice.issueDate),
    '*DueDate': (r) => formatDayDmy(r.invoice.dueDate),
    InventoryItemCode: () => '',
    '*Description': (r) => r.line.description,
    // One unit at the line's amount: days × a daily rate would not be exact to the penny
    // (a weekly rate ÷ 7 is rarely a whole number of pence).
    '*Quantity': () => '1',
    '*UnitAmount': (r) => formatPoundsPlain(r.line.amountPence),
    Discount: () => '',
    '*AccountCode': () => accountCode,
    '*TaxType': () => taxType,
    TrackingName1: () => trackingName,
    TrackingOption1: (r) =>
      trackingName === '' ? '' : (r.invoice.issuer?.name ?? r.invoice.location ?? ''),
    TrackingName2: () => '',
    TrackingOption2: () => '',
    Currency: () => 'GBP',
    BrandingTheme: () => brandingTheme,
  };
  const numeric: ReadonlySet<XeroColumn> = new Set(['*Quantity', '*UnitAmount']);
  return XERO_COLUMNS.map((header) => ({
    header,
    label: header.replace(/^\*/, ''),
    kind: numeric.has(header) ? 'number' : 'text',
    value: values[header],
  }));
}

/** The name of the `index`th (0-based) Xero file. @example xeroFileName(0) === 'xero-invoices-001.csv' */
export function xeroFileName(index: number): string {
  return `xero-invoices-${String(index + 1).padStart(3, '0')}.csv`;
}

/**
 * Renders the preview's invoices as Xero sales-invoice import files, split so that no file
 * holds more than `maxInvoicesPerFile` invoices and no invoice is split across files. A
 * preview without invoices gives one file holding only the header row.
 *
 * @example
 * const { files, warnings } = renderXeroCsv(preview, { accountCode: '200' });
 * files[0].fileName === 'xero-invoices-001.csv'
 */
export function renderXeroCsv(preview: Preview, options: XeroCsvOptions = {}): ExportResult {
  const perFile = options.maxInvoicesPerFile ?? XERO_MAX_INVOICES_PER_FILE;
  if (!Number.isInteger(perFile) || perFile < 1 || perFile > XERO_MAX_INVOICES_PER_FILE) {
    throw new RangeError(
      `maxInvoicesPerFile must be a whole number from 1 to ${XERO_MAX_INVOICES_PER_FILE}: ${perFile}`,
    );
  }
  const columns = xeroColumns(options);
  const encoding = options.encoding ?? XERO_DEFAULT_ENCODING;
  const warnings: ExportWarning[] = [...checkXeroInvoices(preview.invoices)];
  const files: ExportFile[] = [];
  const { invoices } = preview;
  for (let start = 0; start === 0 || start < invoices.length; start += perFile) {
    const rows = invoices
      .slice(start, start + perFile)
      .flatMap((invoice) => invoice.lines.map((line, i) => ({ invoice, line, lineNumber: i + 1 })));
    const table = renderCsvTable(columns, rows, {
      invoiceOf: (row) => row.invoice.number,
      lineOf: (row) => row.lineNumber,
      encoding,
      bom: options.bom ?? false,
    });
    files.push({
      fileName: xeroFileName(files.length),
      text: table.text,
      bytes: table.bytes,
      encoding,
    });
    warnings.push(...table.warnings);
  }
  return { files, warnings };
}

/** Invoices Xero would not import as meant: a negative total, two payers on one contact. */
function checkXeroInvoices(invoices: readonly Invoice[]): ExportWarning[] {
  const warnings: ExportWarning[] = [];
  const payerOfContact = new Map<string, string>();
  const warned = new Set<string>();
  for (const invoice of invoices) {
    const { payer } = invoice;
    if (invoice.totalPence < 0) {
      warnings.push({
        code: 'NEGATIVE_TOTAL',
        invoice: invoice.number,
        column: 'UnitAmount',
        value: formatPoundsPlain(invoice.totalPence),
        message: `Invoice ${invoice.number} totals ${formatPoundsPlain(invoice.totalPence)}: Xero does not import a negative invoice; enter it as a credit note instead.`,
      });
    }
    const contact = xeroContactName(payer);
    const key = `${payer.kind}/${payer.id}`;
    const seen = payerOfContact.get(contact);
    if (seen === undefined) payerOfContact.set(contact, key);
    else if (seen !== key && !warned.has(key)) {
      warned.add(key);
      warnings.push({
        code: 'SHARED_CONTACT_NAME',
        invoice: invoice.number,
        column: 'ContactName',
        value: contact,
        message: `Invoice ${invoice.number}: payer ${key} and payer ${seen} would both be the Xero contact ${JSON.stringify(contact)}; give each an account code in CareHQ.`,
      });
    }
  }
  return warnings;
}
