/**
 * The bench's one rendering process without the queue (`queue.ts`): renders the invoices
 * in a JSON file to PDF files in a folder, with the flags a worker's rendering process has,
 * after a warm-up, and prints the milliseconds of the timed pass, wall then CPU.
 *
 *     node --max-semi-space-size=32 … --import tsx render-child.ts invoices.json out-dir
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DayRange, Invoice } from '@carebill/core';
import { renderInvoicePdf } from '@carebill/reports/pdf';

const [input, outDir] = process.argv.slice(2) as [string, string];
const { invoices, period } = JSON.parse(await readFile(input, 'utf8')) as {
  invoices: Invoice[];
  period: DayRange;
};
for (const invoice of invoices.slice(0, 30)) await renderInvoicePdf(invoice, { period });
const t0 = performance.now();
const cpu = process.cpuUsage();
for (const invoice of invoices)
  await writeFile(
    join(outDir, `${invoice.number}.pdf`),
    await renderInvoicePdf(invoice, { period }),
  );
const used = process.cpuUsage(cpu);
process.stdout.write(`${performance.now() - t0} ${(used.user + used.system) / 1000}\n`);
