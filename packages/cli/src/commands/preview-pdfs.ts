/**
 * The PDF files of `carebill preview`: one per invoice in `invoices/`, then the print packs
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

/**
 * Every PDF of a preview, in order: invoices, then standard then large-print packs.
 *
 * @example planPreviewPdfs(preview.invoices, 'out', period).jobs.length
 */
export function planPreviewPdfs(
  invoices: readonly Invoice[],
  out: string,
  period: DayRange | undefined,
  packSize = PRINT_PACK_SIZE,
): { jobs: PdfJob[]; packs: string[] } {
  const jobs: PdfJob[] = invoices.map((invoice, seq) => ({
    seq,
    kind: 'invoice',
    invoices: [invoice],
    path: join(out, 'invoices', `${invoice.number}.pdf`),
    period,
  }));
  const packs: string[] = [];
  for (const largePrint of [false, true]) {
    const posted = invoices.filter((i) => i.delivery.post && i.delivery.largePrint === largePrint);
    for (let start = 0; start < posted.length; start += packSize) {
      const chunk = posted.slice(start, start + packSize);
      const name = printPackName(largePrint, start / packSize + 1);
      packs.push(`${name} (${chunk.length})`);
      jobs.push({ seq: jobs.length, kind: 'pack', invoices: chunk, path: join(out, name), period });
    }
  }
  return { jobs, packs };
}
