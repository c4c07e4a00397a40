/**
 * The bench's PDF rows, run in a fresh process of their own (`node --import tsx
 * pdf-rows.ts <invoices file>`), so rendering is timed in a heap the size of a PDF child's
 * rather than beside the bench's datasets. The invoices come as a v8-serialised file.
 *
 * The sample is rendered in chunks of 25 (`INVOICE_BATCH`); for each chunk, one after the
 * other: every invoice as its own PDF as the CLI renders them (the chunk laid out in one
 * pass, `renderInvoicePdfs`), the same one at a time (`renderInvoicePdf`), pdfmake alone
 * on the same document definitions, the chunk laid out as one print pack, the pack merged
 * from the chunk's invoice PDFs, and the floor of a separate invoice: the chunk's pages,
 * already laid out, rendered into a bare document each (the same fonts, repertoire subset
 * and text runs through pdfkit, no layout), and into one document. Ratios are taken chunk
 * by chunk, so the machine's load moves both sides of each ratio together; the medians
 * over the chunks are printed as one JSON object on stdout. The process runs with the V8
 * flags of the CLI's PDF processes (`PDF_PROCESS_EXEC_ARGV` of `@carebill/reports/pdf`: one GC thread), so CPU time is the
 * renderer's alone, as in a preview.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deserialize } from 'node:v8';
import type { DayRange, Invoice } from '@carebill/core';
import { invoiceDocument, invoicesLaidOut } from '@carebill/reports/internal';
import {
  mergeInvoicePdfs,
  renderInvoicePdf,
  renderInvoicePdfs,
  renderPrintPack,
} from '@carebill/reports/pdf';
import { INVOICE_BATCH } from '../src/io/pdf-job.js';

/** What the bench reads back: medians over the chunks, in milliseconds. */
export interface PdfRows {
  readonly invoices: number;
  readonly pages: number;
  readonly chunks: number;
  /** Wall time of one invoice as its own PDF, as the CLI renders it (25 laid out at once). */
  readonly separateMs: number;
  /** CPU time (this process, with its GC threads) of one invoice as its own PDF. */
  readonly separateCpuMs: number;
  /** CPU time of one invoice rendered alone (`renderInvoicePdf`, laid out by itself). */
  readonly aloneCpuMs: number;
  /** Median over the chunks of (invoice alone ÷ laid-out pack page), CPU. */
  readonly aloneOverPackPageCpu: number;
  /** CPU time of the floor: an invoice's laid-out pages rendered into a bare document. */
  readonly floorSeparateCpuMs: number;
  /** CPU time of a page of the same pages rendered into one document. */
  readonly floorPackPageCpuMs: number;
  /**
   * Median over the chunks of the floor of the ratio: (pack CPU per invoice − its pages
   * rendered into one document + rendered into one document each) ÷ pack page CPU — a
   * separate invoice that pays the pack's layout and only its own document's rendering.
   */
  readonly floorOverPackPageCpu: number;
  /** pdfmake alone, Roboto from its files, on the same document definitions. */
  readonly pdfmakeMs: number;
  /** One page of a print pack laid out. */
  readonly packPageMs: number;
  /** One page of the same pack merged from the invoices' PDFs. */
  readonly mergedPageMs: number;
  /** Median over the chunks of (separate invoice ÷ laid-out pack page). */
  readonly separateOverPackPage: number;
  /** The same ratio of CPU times: steadier than wall time on a loaded machine. */
  readonly separateOverPackPageCpu: number;
  /** CPU time of one page of a print pack laid out. */
  readonly packPageCpuMs: number;
  /** Median over the chunks of (engine ÷ pdfmake alone). */
  readonly engineOverPdfmake: number;
  readonly bytesPerInvoice: number;
}

const CHUNK = INVOICE_BATCH;

interface Pdfmake {
  addFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

/** pdfmake as a caller would use it: its singleton, Roboto from the files it ships. */
function plainPdfmake(): Pdfmake {
  const require = createRequire(createRequire(import.meta.url).resolve('@carebill/reports'));
  const pdfmake = require('pdfmake') as Pdfmake;
  const fonts = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  pdfmake.addFonts({
    Roboto: { normal: join(fonts, 'Roboto-Regular.ttf'), bold: join(fonts, 'Roboto-Medium.ttf') },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(fonts));
  return pdfmake;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function pagesOf(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0
  );
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function measure(invoices: readonly Invoice[], period: DayRange): Promise<PdfRows> {
  const options = { period };
  const pdfmake = plainPdfmake();
  // Warm up (JIT, the word cache, both engines' fonts), so no chunk pays for it.
  await renderInvoicePdfs(invoices.slice(0, 30), options);
  await invoicesLaidOut(invoices.slice(0, 30), options).render(0);
  for (const invoice of invoices.slice(0, 30)) {
    await renderInvoicePdf(invoice, options);
    await pdfmake.createPdf(invoiceDocument(invoice, options)).getBuffer();
  }
  await renderPrintPack(invoices.slice(0, 30), options);
  const per = {
    separate: [] as number[],
    separateCpu: [] as number[],
    pdfmake: [] as number[],
    packPage: [] as number[],
    mergedPage: [] as number[],
    ratio: [] as number[],
    ratioCpu: [] as number[],
    packPageCpu: [] as number[],
    floorRatio: [] as number[],
    aloneCpu: [] as number[],
    aloneRatioCpu: [] as number[],
    floorSeparateCpu: [] as number[],
    floorPackPageCpu: [] as number[],
    floorRatioCpu: [] as number[],
  };
  let pages = 0;
  let bytes = 0;
  for (let start = 0; start < invoices.length; start += CHUNK) {
    const chunk = invoices.slice(start, start + CHUNK);
    // The two ways of a separate invoice take turns going first: whatever runs first in a
    // chunk pays for the chunk before (the merge's garbage, pdf-lib's code in the caches).
    let aloneCpu = 0;
    const alone = async () => {
      const c0 = cpuMs();
      for (const invoice of chunk) await renderInvoicePdf(invoice, options);
      aloneCpu = (cpuMs() - c0) / chunk.length;
    };
    if (start % (2 * CHUNK) !== 0) await alone();
    let t = performance.now();
    let c = cpuMs();
    const singles = await renderInvoicePdfs(chunk, options);
    const separate = (performance.now() - t) / chunk.length;
    per.separateCpu.push((cpuMs() - c) / chunk.length);
    bytes += singles.reduce((n, pdf) => n + pdf.length, 0);
    if (start % (2 * CHUNK) === 0) await alone();
    per.aloneCpu.push(aloneCpu);
    const docs = chunk.map((invoice) => invoiceDocument(invoice, options));
    t = performance.now();
    for (const doc of docs) await pdfmake.createPdf(doc).getBuffer();
    const floor = (performance.now() - t) / chunk.length;
    t = performance.now();
    const packCpu = cpuMs();
    const pack = await renderPrintPack(chunk, options);
    const packMs = performance.now() - t;
    const chunkPages = pagesOf(pack);
    const pageCpu = (cpuMs() - packCpu) / chunkPages;
    per.packPageCpu.push(pageCpu);
    per.ratioCpu.push((per.separateCpu.at(-1) ?? 0) / pageCpu);
    per.aloneRatioCpu.push(aloneCpu / pageCpu);
    // The floor: the chunk laid out (not timed), its pages rendered into a bare document
    // each, then all into one.
    const laidOut = invoicesLaidOut(chunk, options);
    await laidOut.render(0); // the layout's lazy parts, untimed
    c = cpuMs();
    for (let i = 0; i < chunk.length; i++) await laidOut.render(i);
    const floorSeparate = (cpuMs() - c) / chunk.length;
    c = cpuMs();
    await laidOut.render(chunk.map((_, i) => i));
    const floorPackInvoice = (cpuMs() - c) / chunk.length;
    per.floorSeparateCpu.push(floorSeparate);
    per.floorPackPageCpu.push((floorPackInvoice * chunk.length) / chunkPages);
    const packInvoice = (pageCpu * chunkPages) / chunk.length;
    per.floorRatioCpu.push((packInvoice - floorPackInvoice + floorSeparate) / pageCpu);
    t = performance.now();
    await mergeInvoicePdfs(singles);
    per.mergedPage.push((performance.now() - t) / chunkPages);
    pages += chunkPages;
    per.separate.push(separate);
    per.pdfmake.push(floor);
    per.packPage.push(packMs / chunkPages);
    per.ratio.push(separate / (packMs / chunkPages));
    per.floorRatio.push(separate / floor);
  }
  return {
    invoices: invoices.length,
    pages,
    chunks: per.separate.length,
    separateMs: median(per.separate),
    separateCpuMs: median(per.separateCpu),
    aloneCpuMs: median(per.aloneCpu),
    aloneOverPackPageCpu: median(per.aloneRatioCpu),
    floorSeparateCpuMs: median(per.floorSeparateCpu),
    floorPackPageCpuMs: median(per.floorPackPageCpu),
    floorOverPackPageCpu: median(per.floorRatioCpu),
    pdfmakeMs: median(per.pdfmake),
    packPageMs: median(per.packPage),
    mergedPageMs: median(per.mergedPage),
    separateOverPackPage: median(per.ratio),
    separateOverPackPageCpu: median(per.ratioCpu),
    packPageCpuMs: median(per.packPageCpu),
    engineOverPdfmake: median(per.floorRatio),
    bytesPerInvoice: bytes / invoices.length,
  };
}

const input = process.argv[2];
if (input !== undefined) {
  const { invoices, period } = deserialize(readFileSync(input)) as {
    invoices: Invoice[];
    period: DayRange;
  };
  process.stdout.write(`${JSON.stringify(await measure(invoices, period))}\n`);
}
