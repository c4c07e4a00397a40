/**
 * `@carebill/reports/internal`: what carebill's own CLI and benchmark need beyond the
 * public API. Not covered by semver: anything here may change or go in any release.
 *
 * @internal
 * @packageDocumentation
 */
export { type DocDefinition, renderPdf } from './pdf/engine.js';
export { invoiceDocument, invoicesLaidOut } from './pdf/invoice-pdf.js';
export { managementPackDocument } from './report/pdf.js';
