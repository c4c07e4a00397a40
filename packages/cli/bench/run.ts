/**
 * `pnpm bench`: times every stage of a month's preview at the home and the group size,
 * each beside a floor measured in the same run (the bare library doing the same output
 * with no carebill logic), prints a table and writes bench/results.json.
 *
 *     pnpm bench                  # home + group; group PDFs on a sample (extrapolated)
 *     pnpm bench --full           # every group PDF too (about 15 minutes on one core)
 *     pnpm bench --runs 5 --sample 2000 --sizes group
 *     pnpm bench --pack-only          # load, the preview's charges and the management pack
 *
 * Not a test: nothing here fails for being slow. Datasets are generated into bench/data/
 * (gitignored) on first use; the same seed gives the same bytes.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildManagementPack,
  buildPreview,
  type Invoice,
  type LoadedDataset,
  loadDataset,
  type Preview,
  parseDay,
  projectRunway,
} from '@carebill/core';
import { computeCharges } from '@carebill/core/internal';
import { generateDataset } from '@carebill/generator';
import {
  EXPORT_FORMATS,
  renderExport,
  renderInvoicePdf,
  renderManagementPackJson,
  renderManagementPackPdf,
  renderPreviewJson,
  renderPrintPack,
  writeManagementPackWorkbook,
  writePreviewWorkbook,
} from '@carebill/reports';
import {
  type DocDefinition,
  invoiceDocument,
  managementPackDocument,
  renderPdf,
} from '@carebill/reports/internal';
import ExcelJS from 'exceljs';
import { writeDataset } from '../src/commands/generate.js';
import { readDatasetFolder } from '../src/io/read-dataset.js';

// The pool from the built CLI, so its children run compiled JavaScript as `carebill` does
// (the workspace packages resolve to their dist/ too: `pnpm bench` builds first).
const builtPool = '../dist/io/pdf-pool.js';
const { renderInvoicePdfsInPool } = (await import(
  builtPool
)) as typeof import('../src/io/pdf-pool.js');
// The day-by-day oracle lives in core's tests (outside this package's type-checked tree).
const reference = '../../core/test/runway-reference.js';
const { projectRunwayDaily } = (await import(reference)) as {
  projectRunwayDaily: (
    dataset: LoadedDataset['dataset'],
    parked: ReadonlySet<string>,
    options: Parameters<typeof projectRunway>[1],
  ) => unknown;
};

const ROOT = resolve(import.meta.dirname, '../../..');
const BENCH = join(ROOT, 'bench');
const SIZES = { home: 5, group: 500 } as const;
type Size = keyof typeof SIZES;
const MONTH = { from: parseDay('2024-11-01')!, to: parseDay('2024-11-30')! };
const PREVIOUS_MONTH = { from: parseDay('2024-10-01')!, to: parseDay('2024-10-31')! };
const AS_OF = parseDay('2024-11-22')!;

const { values: flags } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    sample: { type: 'string', default: '1000' },
    sizes: { type: 'string', default: 'home,group' },
    workers: { type: 'string', default: '2' },
    'pack-only': { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(1, Number(flags.runs));
const SAMPLE = Math.max(1, Number(flags.sample));
const WORKERS = Math.max(1, Number(flags.workers));

interface Row {
  size: Size;
  stage: string;
  /** Milliseconds of each run. */
  ms: number[];
  floor?: string;
  /** The floor's milliseconds of each run, when the stage has one. */
  floorMs?: number[];
  note?: string;
}
const rows: Row[] = [];

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await run();
  return { value, ms: performance.now() - t0 };
}

async function repeat(times: number, run: () => Promise<unknown> | unknown): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) ms.push((await timed(run)).ms);
  return ms;
}

function rssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function ensureDataset(size: Size): Promise<string> {
  const dir = join(BENCH, 'data', size);
  if (!existsSync(join(dir, 'bookings.json'))) {
    process.stderr.write(`generating ${size} dataset (--homes ${SIZES[size]}) into ${dir}\n`);
    await writeDataset(dir, generateDataset({ homes: SIZES[size] }));
  }
  return dir;
}

/** The cells of every sheet of a workbook, read back, for the bare-writer floor. */
async function readCells(path: string) {
  const sheets: { name: string; styles: Partial<ExcelJS.Style>[]; rows: unknown[][] }[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
  });
  for await (const sheet of reader) {
    const entry = { name: '', styles: [] as Partial<ExcelJS.Style>[], rows: [] as unknown[][] };
    entry.name = (sheet as unknown as { name: string }).name;
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as unknown[]).slice(1);
      entry.rows.push(values);
      if (entry.rows.length === 2)
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          entry.styles[col - 1] = { numFmt: cell.numFmt };
        });
    }
    sheets.push(entry);
  }
  return sheets;
}

/** exceljs's streaming writer alone: the same sheets, styles and cells, no carebill code. */
async function bareWorkbook(
  path: string,
  sheets: Awaited<ReturnType<typeof readCells>>,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
  });
  for (const { name, styles, rows: cells } of sheets) {
    const sheet = workbook.addWorksheet(name);
    sheet.columns = styles.map((style, i) => ({ key: `c${i}`, style }));
    for (const values of cells) sheet.addRow(values).commit();
    sheet.commit();
  }
  await workbook.commit();
}

function pagesOf(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0
  );
}

/** Every k-th invoice, so the sample has the mix of the whole month. */
function sampleOf(invoices: readonly Invoice[], n: number): Invoice[] {
  if (n >= invoices.length) return [...invoices];
  const step = invoices.length / n;
  return Array.from({ length: n }, (_, i) => invoices[Math.floor(i * step)] as Invoice);
}

async function benchSize(size: Size): Promise<void> {
  const dir = await ensureDataset(size);
  const out = join(BENCH, 'out', size);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const note = (stage: string) => process.stderr.write(`[${size}] ${stage}…\n`);

  note('load + validate');
  let loaded: LoadedDataset | undefined;
  const loadMs = await repeat(RUNS, async () => {
    loaded = undefined; // let the previous copy go before reading again
    loaded = loadDataset((await readDatasetFolder(dir)).files);
  });
  if (loaded === undefined || loaded.errors.length > 0) throw new Error(`${dir} does not load`);
  const data = loaded;
  rows.push({ size, stage: 'load + validate', ms: loadMs });

  if (flags['pack-only'] === true) {
    await benchPack(size, data, out);
    rows.push({ size, stage: 'peak RSS so far (MB)', ms: [rssMb()] });
    return;
  }

  note('charges + grouping');
  let preview: Preview | undefined;
  const chargeMs = await repeat(RUNS, () => {
    preview = buildPreview(data, { period: MONTH });
  });
  const p = preview as Preview;
  rows.push({
    size,
    stage: 'charges + grouping',
    ms: chargeMs,
    note: `${p.invoices.length} invoices`,
  });

  note('preview.json');
  rows.push({
    size,
    stage: 'preview.json',
    ms: await repeat(RUNS, () => writeFile(join(out, 'preview.json'), renderPreviewJson(p))),
  });

  note('preview.xlsx');
  const xlsx = join(out, 'preview.xlsx');
  const xlsxMs = await repeat(RUNS, () => writePreviewWorkbook(p, createWriteStream(xlsx)));
  const cells = await readCells(xlsx);
  const bareMs = await repeat(RUNS, () => bareWorkbook(join(out, 'bare.xlsx'), cells));
  rows.push({
    size,
    stage: 'preview.xlsx',
    ms: xlsxMs,
    floor: 'exceljs streaming writer, same cells',
    floorMs: bareMs,
  });

  note('runway');
  const runwayMs = await repeat(RUNS, () => projectRunway(data, { asOf: AS_OF, months: 36 }));
  // The day-by-day oracle takes many minutes (and GBs) at the group size: only with --full.
  const withOracle = size === 'home' || flags.full === true;
  const dailyMs = withOracle
    ? await repeat(size === 'home' ? RUNS : 1, () =>
        projectRunwayDaily(data.dataset, data.parkedServiceUsers, { asOf: AS_OF, months: 36 }),
      )
    : undefined;
  rows.push({
    size,
    stage: 'runway, 36 months',
    ms: runwayMs,
    ...(dailyMs !== undefined && { floor: 'day-by-day reference', floorMs: dailyMs }),
    note: `${data.dataset.careFunds.length} funds`,
  });

  await benchPack(size, data, out);

  for (const format of EXPORT_FORMATS) {
    note(`export ${format}`);
    rows.push({
      size,
      stage: `export ${format}`,
      ms: await repeat(RUNS, async () => {
        const { files } = renderExport(format, p, {});
        for (const file of files) await writeFile(join(out, file.fileName), file.bytes);
      }),
    });
  }

  const all = size === 'home' || flags.full === true;
  const sample = all ? [...p.invoices] : sampleOf(p.invoices, SAMPLE);
  const scale = p.invoices.length / sample.length;
  const label = all ? `all ${sample.length}` : `sample ${sample.length}, ×${scale.toFixed(2)}`;
  note(`invoice PDFs (${label})`);
  const pdfDir = join(out, 'invoices');
  await mkdir(pdfDir, { recursive: true });
  // Warm up first (JIT, word shapes), so neither the engine nor the floor pays for it.
  for (const invoice of sample.slice(0, 30)) await renderInvoicePdf(invoice, { period: MONTH });
  const one = await timed(async () => {
    for (const invoice of sample)
      await writeFile(
        join(pdfDir, `${invoice.number}.pdf`),
        await renderInvoicePdf(invoice, { period: MONTH }),
      );
  });
  const docs: DocDefinition[] = sample.map((i) => invoiceDocument(i, { period: MONTH }));
  const floor = await timed(async () => {
    for (const doc of docs) await renderPdf(doc);
  });
  docs.length = 0;
  const pool = await timed(() =>
    renderInvoicePdfsInPool(sample, {
      period: MONTH,
      outDir: out,
      workers: WORKERS,
      onWritten: () => {},
    }),
  );
  const packs = sample.slice(0, Math.min(sample.length, 500));
  const merged = await timed(() => renderPrintPack(packs, { period: MONTH }));
  const pages = pagesOf(merged.value);
  const perPage = merged.ms / pages;
  const perInvoice = one.ms / sample.length;
  rows.push({
    size,
    stage: `invoice PDFs, 1 process (${label})`,
    ms: [one.ms * scale],
    floor: 'pdfmake on the same doc definitions',
    floorMs: [floor.ms * scale],
    note: `${perInvoice.toFixed(1)} ms/invoice; merged pack ${perPage.toFixed(1)} ms/page (${pages} pages) → ${(perInvoice / perPage).toFixed(2)}× a merged page`,
  });
  rows.push({
    size,
    stage: `invoice PDFs, ${WORKERS} workers (${label})`,
    ms: [pool.ms * scale],
    floor: 'the same, 1 process',
    floorMs: [one.ms * scale],
    note: `${(one.ms / pool.ms).toFixed(2)}× faster than 1 process (children start cold); child peak RSS ${pool.value.childPeakRssMb.map((mb) => mb.toFixed(0)).join(', ')} MB`,
  });
  rows.push({ size, stage: 'peak RSS so far (MB)', ms: [rssMb()] });
}

/** Times `ours` and `floor` turn about, `times` each, so a machine's drift moves both alike. */
async function interleaved(
  times: number,
  ours: () => Promise<unknown> | unknown,
  floor: () => Promise<unknown> | unknown,
): Promise<{ ms: number[]; floorMs: number[] }> {
  const ms: number[] = [];
  const floorMs: number[] = [];
  for (let i = 0; i < times; i++) {
    ms.push((await timed(ours)).ms);
    floorMs.push((await timed(floor)).ms);
  }
  return { ms, floorMs };
}

/**
 * The management pack (SPEC §11): its figures beside the preview's charges alone (the
 * pack reuses them, so the difference is the pack's own work), its workbook beside the
 * bare streaming writer, its PDF beside pdfmake on the same document definition — each
 * pair timed turn about.
 */
async function benchPack(size: Size, data: LoadedDataset, out: string): Promise<void> {
  const note = (stage: string) => process.stderr.write(`[${size}] ${stage}…\n`);
  const charges = () => computeCharges(data.dataset, data.parkedServiceUsers, MONTH, {});
  note('pack figures');
  let pack = buildManagementPack(data, { period: MONTH });
  const figures = await interleaved(
    RUNS,
    () => {
      pack = buildManagementPack(data, { period: MONTH });
    },
    charges,
  );
  rows.push({
    size,
    stage: 'pack figures',
    ...figures,
    floor: 'the preview’s charges alone',
    note: `${pack.homes.length} homes`,
  });
  const compared = await interleaved(
    RUNS,
    () => {
      pack = buildManagementPack(data, { period: MONTH, compare: PREVIOUS_MONTH });
    },
    charges,
  );
  rows.push({
    size,
    stage: 'pack figures, --compare',
    ...compared,
    floor: 'the preview’s charges alone',
    note: 'two months of charges',
  });

  note('report.json');
  rows.push({
    size,
    stage: 'report.json',
    ms: await repeat(RUNS, () =>
      writeFile(join(out, 'report.json'), renderManagementPackJson(pack)),
    ),
  });

  note('report.xlsx');
  const xlsx = join(out, 'report.xlsx');
  await writeManagementPackWorkbook(pack, createWriteStream(xlsx));
  const cells = await readCells(xlsx);
  const workbooks = await interleaved(
    RUNS,
    () => writeManagementPackWorkbook(pack, createWriteStream(xlsx)),
    () => bareWorkbook(join(out, 'bare-report.xlsx'), cells),
  );
  rows.push({
    size,
    stage: 'report.xlsx, --compare',
    ...workbooks,
    floor: 'exceljs streaming writer, same cells',
    note: `${cells.reduce((n, sheet) => n + sheet.rows.length, 0)} rows`,
  });

  note('report.pdf');
  await renderManagementPackPdf(pack); // warm up: JIT and word shapes, for both sides
  let pdf: Uint8Array = new Uint8Array();
  // pdfmake annotates the definition it lays out: one fresh definition per run, built first.
  const docs = Array.from({ length: RUNS }, () => managementPackDocument(pack));
  const pdfs = await interleaved(
    RUNS,
    async () => {
      pdf = await renderManagementPackPdf(pack);
    },
    () => renderPdf(docs.pop() as DocDefinition),
  );
  await writeFile(join(out, 'report.pdf'), pdf);
  rows.push({
    size,
    stage: 'report.pdf, --compare',
    ...pdfs,
    floor: 'pdfmake on the same doc definition',
    note: `${pagesOf(pdf)} pages`,
  });
}

function fmt(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

function printTable(): void {
  const lines = [
    ['size', 'stage', 'median (min–max)', 'floor', 'ratio', 'note'],
    ...rows.map((r) => {
      if (r.stage.startsWith('peak RSS'))
        return [r.size, r.stage, r.ms[0]?.toFixed(0) ?? '', '', '', ''];
      const m = median(r.ms);
      const range = r.ms.length > 1 ? ` (${fmt(Math.min(...r.ms))}–${fmt(Math.max(...r.ms))})` : '';
      const f = r.floorMs === undefined ? undefined : median(r.floorMs);
      return [
        r.size,
        r.stage,
        `${fmt(m)}${range}`,
        f === undefined ? '' : `${fmt(f)} ${r.floor}`,
        f === undefined ? '' : `${(m / f).toFixed(2)}×`,
        r.note ?? '',
      ];
    }),
  ];
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
  for (const line of lines)
    process.stdout.write(`${line.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ')}\n`);
}

const started = new Date();
const load = loadavg();
process.stderr.write(
  `carebill bench: runs ${RUNS}, sample ${SAMPLE}, ${cpus().length} cores, load ${load.map((l) => l.toFixed(2)).join(' ')}\n`,
);
for (const size of String(flags.sizes).split(',') as Size[]) {
  if (!(size in SIZES)) throw new Error(`--sizes takes home,group; got ${size}`);
  await benchSize(size);
}
printTable();
const results = {
  started: started.toISOString(),
  node: process.version,
  cores: cpus().length,
  loadAverageBefore: load,
  loadAverageAfter: loadavg(),
  runs: RUNS,
  sample: SAMPLE,
  full: flags.full,
  peakRssMb: rssMb(),
  stages: rows.map((r) => ({
    ...r,
    medianMs: median(r.ms),
    ...(r.floorMs && { floorMedianMs: median(r.floorMs), ratio: median(r.ms) / median(r.floorMs) }),
  })),
};
await writeFile(join(BENCH, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(
  `peak RSS of the whole run: ${rssMb().toFixed(0)} MB; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; bench/results.json written\n`,
);
