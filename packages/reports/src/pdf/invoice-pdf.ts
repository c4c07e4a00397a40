/**
 * Invoice PDFs (SPEC §6): one per invoice, large print where the payer asked, and merged
 * print packs. Output is byte-identical for the same invoice: the metadata dates come
 * from the issue date, never the clock.
 */
import type { DayRange, Invoice } from '@carebill/core';
import { dateOfDay } from '../preview/xlsx-table.js';
import { type DocDefinition, FONT, renderPdf } from './engine.js';
import { largePrintInvoiceSection } from './invoice-large-print.js';
import { standardInvoiceSection } from './invoice-standard.js';
import { type Section, sectionedDocument } from './sections.js';

export interface InvoicePdfOptions {
  /** The billing period shown on the invoice; defaults to the days its lines cover. */
  readonly period?: DayRange;
}

/** The layout the payer asked for: large print or standard. */
function sectionOf(invoice: Invoice, options: InvoicePdfOptions): Section {
  return invoice.delivery.largePrint
    ? largePrintInvoiceSection(invoice, options.period)
    : standardInvoiceSection(invoice, options.period);
}

function metadata(title: string, invoice: Invoice | undefined) {
  const issuer = invoice?.issuer;
  const stamp =
    invoice === undefined ? new Date(Date.UTC(2000, 0, 1)) : dateOfDay(invoice.issueDate);
  return {
    title,
    author: issuer?.companyName || issuer?.name || 'carebill',
    subject: 'Care home fees invoice',
    creator: 'carebill',
    producer: 'carebill (pdfmake)',
    creationDate: stamp,
    modDate: stamp,
  };
}

/**
 * One invoice as a PDF: large print when `invoice.delivery.largePrint`.
 *
 * @example const pdf = await renderInvoicePdf(invoice); // Buffer starting with %PDF-
 */
export function renderInvoicePdf(
  invoice: Invoice,
  options: InvoicePdfOptions = {},
): Promise<Buffer> {
  return renderPdf(invoiceDocument(invoice, options));
}

/**
 * The pdfmake document definition of one invoice, as `renderInvoicePdf` renders it (the
 * benchmark times pdfmake alone on these).
 *
 * @example const pdf = await renderPdf(invoiceDocument(invoice)); // same bytes as renderInvoicePdf
 */
export function invoiceDocument(invoice: Invoice, options: InvoicePdfOptions = {}): DocDefinition {
  return sectionedDocument([sectionOf(invoice, options)], {
    info: metadata(`Invoice ${invoice.number}`, invoice),
    defaultStyle: { font: FONT },
  });
}

/**
 * Several invoices in one PDF for printing, each starting on a new page with its own
 * "Page 1 of N". The caller makes one pack of the standard-print invoices to post and one
 * of the large-print ones (each invoice keeps its own layout either way).
 *
 * @example const pack = await renderPrintPack(invoices.filter((i) => i.delivery.post && !i.delivery.largePrint));
 */
export function renderPrintPack(
  invoices: readonly Invoice[],
  options: InvoicePdfOptions = {},
): Promise<Buffer> {
  if (invoices.length === 0) throw new RangeError('a print pack needs at least one invoice');
  const first = invoices[0];
  return renderPdf(
    sectionedDocument(
      invoices.map((invoice) => sectionOf(invoice, options)),
      {
        info: metadata(`Print pack: ${invoices.length} invoices`, first),
        defaultStyle: { font: FONT },
      },
    ),
  );
}
