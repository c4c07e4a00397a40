/**
 * The PDF files of `carebill preview`: one per invoice in `invoices/`, and the print packs
 * in numbered chunks of at most {@link PRINT_PACK_SIZE} invoices, so no process ever holds
 * a group's thousands of pages at once (`print-pack-001.pdf`, `print-pack-002.pdf`, …, and
 * `print-pack-large-print-001.pdf`, … for large print).
 */
import { join } from 'node:path';
import type { DayRange, Invoice } from '@carebill/core';
import type { PdfJob } from '../io/pdf-pool.js';

/** Invoices per print-pack file: about 275 pages, ~3 s to render; 500 took a child past 340 MB. */
export const PRINT_PACK_SIZE = 250;

/** The file name of the `index`-th (from 1) print pack. @example printPackName(false, 2) === 'print-pack-002.pdf' */
export function printPackName(largePrint: boolean, index: number): string {
  return `print-pack${largePrint ? '-large-print' : ''}-${String(index).padStart(3, '0')}.pdf`;
}

function invoicePath(out: string, invoice: Invoice): string {
  return join(out, 'invoices', `${invoice.number}.pdf`);
}

/**
 * Every PDF of a preview, in order: each invoice, and each print pack (standard, then
 * large print) right after the invoice that completes it, merged from its invoices' files
 * (`mergeInvoicePdfs`: the same pages, no second layout). Spread through the run, a pack
 * is mostly merged while the other PDF process renders invoices; queued all last, both
 * processes merged packs at once at the end, the run's peak memory (docs/performance.md).
 *
 * @example planPreviewPdfs(preview.invoices, 'out', period).jobs.length
 */
export function planPreviewPdfs(
  invoices: readonly Invoice[],
  out: string,
  period: DayRange | undefined,
  packSize = PRINT_PACK_SIZE,
): { jobs: PdfJob[]; packs: string[] } {
  // The packs' chunks first, each keyed by the invoice that completes it.
  const packs: string[] = [];
  const packsAfter = new Map<Invoice, Omit<PdfJob, 'seq'>[]>();
  for (const largePrint of [false, true]) {
    const posted = invoices.filter((i) => i.delivery.post && i.delivery.largePrint === largePrint);
    for (let start = 0; start < posted.length; start += packSize) {
      const chunk = posted.slice(start, start + packSize);
      const name = printPackName(largePrint, start / packSize + 1);
      packs.push(`${name} (${chunk.length})`);
      const last = chunk[chunk.length - 1] as Invoice;
      const after = packsAfter.get(last) ?? [];
      after.push({
        kind: 'pack',
        invoices: chunk,
        path: join(out, name),
        period,
        sources: chunk.map((invoice) => invoicePath(out, invoice)),
      });
      packsAfter.set(last, after);
    }
  }
  const jobs: PdfJob[] = [];
  for (const invoice of invoices) {
    jobs.push({
      seq: jobs.length,
      kind: 'invoice',
      invoices: [invoice],
      path: invoicePath(out, invoice),
      period,
    });
    for (const pack of packsAfter.get(invoice) ?? []) jobs.push({ seq: jobs.length, ...pack });
  }
  return { jobs, packs };
}
