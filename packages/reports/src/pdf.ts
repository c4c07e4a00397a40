/**
 * `@carebill/reports/pdf`: invoice PDFs, print packs, the runway PDF and the management pack, each as bytes
 * (`render…`) or written into a writable stream (`write…`). pdfmake is loaded on the first
 * render, as an instance of this package's own: the `pdfmake` module a caller imports
 * keeps its defaults.
 *
 * @packageDocumentation
 */
export {
  type InvoicePdfOptions,
  mergeInvoicePdfs,
  renderInvoicePdf,
  renderInvoicePdfs,
  renderPrintPack,
  writeInvoicePdf,
  writePrintPack,
} from './pdf/invoice-pdf.js';
export { PDF_PROCESS_EXEC_ARGV } from './pdf/process-flags.js';
export { renderManagementPackPdf, writeManagementPackPdf } from './report/pdf.js';
export { renderRunwayPdf, writeRunwayPdf } from './runway/pdf.js';
