/**
 * Invoice PDFs (SPEC §6): one per invoice, large print where the payer asked, and merged
 * print packs. Output is byte-identical for the same invoice: the metadata dates come
 * from the issue date, never the clock.
 */
import type { DayRange, Invoice } from '@carebill/core';
import { dateOfDay } from '../preview/xlsx-table.js';
import { type DocDefinition, defaultPdfEngine, FONT, renderPdf, writePdf } from './engine.js';
import { largePrintInvoiceSection } from './invoice-large-print.js';
import { standardInvoiceSection } from './invoice-standard.js';
import { type Section, sectionedDocument } from './sections.js';

/** Options of the invoice PDFs and print packs. */
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

function metadata(title: string, invoice: Invoice | undefined, subject = 'Care home fees invoice') {
  const issuer = invoice?.issuer;
  const stamp =
    invoice === undefined ? new Date(Date.UTC(2000, 0, 1)) : dateOfDay(invoice.issueDate);
  return {
    title,
    author: issuer?.companyName || issuer?.name || 'carebill',
    subject,
    creator: 'carebill',
    producer: 'carebill (pdfmake)',
    creationDate: stamp,
    modDate: stamp,
  };
}

/**
 * One invoice as PDF bytes: large print when `invoice.delivery.largePrint`, standard
 * otherwise. The same invoice always gives the same bytes (the metadata dates are its
 * issue date, never the clock).
 *
 * @example
 * const preview = buildPreview(loaded, { period });
 * const pdf = await renderInvoicePdf(preview.invoices[0]!, { period }); // starts with %PDF-
 */
export function renderInvoicePdf(
  invoice: Invoice,
  options: InvoicePdfOptions = {},
): Promise<Uint8Array> {
  return renderPdf(invoiceDocument(invoice, options));
}

/**
 * Several invoices' PDFs, one each: the bytes {@link renderInvoicePdf} gives each, for about
 * three quarters of its CPU time, as the invoices are laid out together in one pass and
 * then rendered each into a document of its own. Best given a few dozen at a time (the
 * layout of all of them is held until the last is rendered); the CLI renders 25 at a time.
 *
 * @example
 * const pdfs = await renderInvoicePdfs(preview.invoices.slice(0, 25), { period });
 * // pdfs[i] has the bytes of await renderInvoicePdf(preview.invoices[i], { period })
 */
export async function renderInvoicePdfs(
  invoices: readonly Invoice[],
  options: InvoicePdfOptions = {},
): Promise<Uint8Array[]> {
  return defaultPdfEngine().renderEach(
    invoices.map((invoice) => invoiceDocument(invoice, options)),
  );
}

/**
 * The invoices laid out together as {@link renderInvoicePdfs} lays them out, each rendered
 * on demand (or several into one document): the benchmark's floor of a separate invoice.
 *
 * @internal
 * @example const laidOut = invoicesLaidOut(invoices, { period }); const first = await laidOut.render(0);
 */
export function invoicesLaidOut(invoices: readonly Invoice[], options: InvoicePdfOptions = {}) {
  return defaultPdfEngine().layOutTogether(
    invoices.map((invoice) => invoiceDocument(invoice, options)),
  );
}

/**
 * Writes one invoice's PDF into a writable stream (a file, an HTTP response), ends the
 * stream and resolves once it has finished. The bytes are those of {@link renderInvoicePdf}.
 *
 * @example await writeInvoicePdf(invoice, createWriteStream(`${invoice.number}.pdf`), { period });
 */
export function writeInvoicePdf(
  invoice: Invoice,
  output: NodeJS.WritableStream,
  options: InvoicePdfOptions = {},
): Promise<void> {
  return writePdf(invoiceDocument(invoice, options), output);
}

/**
 * The pdfmake document definition of one invoice, as `renderInvoicePdf` renders it (the
 * benchmark times pdfmake alone on these).
 *
 * @internal
 * @example const pdf = await renderPdf(invoiceDocument(invoice)); // same bytes as renderInvoicePdf
 */
export function invoiceDocument(invoice: Invoice, options: InvoicePdfOptions = {}): DocDefinition {
  return sectionedDocument([sectionOf(invoice, options)], {
    info:
      invoice.kind === 'credit_note'
        ? metadata(`Credit note ${invoice.number}`, invoice, 'Care home fees credit note')
        : metadata(`Invoice ${invoice.number}`, invoice),
    defaultStyle: { font: FONT },
  });
}

/**
 * Several invoices in one PDF for printing, as bytes: each invoice starts on a new page
 * with its own "Page 1 of N" and keeps its own layout. The caller makes one pack of the
 * standard-print invoices to post and one of the large-print ones. Rejects with a
 * `RangeError` when given no invoices.
 *
 * @example
 * const toPost = preview.invoices.filter((i) => i.delivery.post && !i.delivery.largePrint);
 * const pack = await renderPrintPack(toPost, { period });
 */
export async function renderPrintPack(
  invoices: readonly Invoice[],
  options: InvoicePdfOptions = {},
): Promise<Uint8Array> {
  return renderPdf(printPackDocument(invoices, options));
}

/**
 * Writes a print pack (see {@link renderPrintPack}) into a writable stream, ends the
 * stream and resolves once it has finished.
 *
 * @example await writePrintPack(toPost, createWriteStream('print-pack-001.pdf'), { period });
 */
export async function writePrintPack(
  invoices: readonly Invoice[],
  output: NodeJS.WritableStream,
  options: InvoicePdfOptions = {},
): Promise<void> {
  return writePdf(printPackDocument(invoices, options), output);
}

/**
 * A print pack made of invoice PDFs already rendered by {@link renderInvoicePdf} or
 * {@link writeInvoicePdf}: their pages in order, so it reads and prints exactly as
 * {@link renderPrintPack} lays the same invoices out (each on new pages, numbered "Page 1
 * of N" per invoice), in a fraction of the time — no layout, and each font the invoices
 * share (carebill's invoices all share one subset per face) embedded once, with the widths
 * of every glyph they use. The metadata are the first invoice's, titled "Print pack: N
 * invoices". The same PDFs always give the same bytes. Rejects with a `RangeError` when
 * given none. pdf-lib is loaded on the first call. `pdfs` may be an async iterable: each
 * PDF is taken in turn and let go once its pages are copied, so one that reads files as
 * it is asked holds one invoice's bytes at a time, not the whole pack's (~13 MB for 250).
 *
 * @example
 * const pdfs = await Promise.all(toPost.map((invoice) => renderInvoicePdf(invoice, { period })));
 * const pack = await mergeInvoicePdfs(pdfs); // the pages of renderPrintPack(toPost, { period })
 * // or a file at a time:
 * async function* read(paths: string[]) { for (const path of paths) yield await readFile(path); }
 * const same = await mergeInvoicePdfs(read(paths));
 */
export async function mergeInvoicePdfs(
  pdfs: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
): Promise<Uint8Array> {
  const { mergePdfs } = await import('./merge.js');
  return mergePdfs(pdfs);
}

function printPackDocument(
  invoices: readonly Invoice[],
  options: InvoicePdfOptions,
): DocDefinition {
  if (invoices.length === 0) throw new RangeError('a print pack needs at least one invoice');
  return sectionedDocument(
    invoices.map((invoice) => sectionOf(invoice, options)),
    {
      info: metadata(`Print pack: ${invoices.length} invoices`, invoices[0]),
      defaultStyle: { font: FONT },
    },
  );
}
