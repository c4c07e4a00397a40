/**
 * `pnpm bench`: times every stage of a month's preview at the home and the group size,
 * each beside a floor measured in the same run (the bare library doing the same output
 * with no carebill logic), prints a table and writes bench/results.json.
 *
 *     pnpm bench                  # home + group; group PDFs on a sample, a real group preview
 *     pnpm bench --full           # also the group preview with one PDF process, the runway oracle
 *     pnpm bench --runs 5 --sample 2000 --sizes group
 *     pnpm bench --skip-preview   # no real `carebill preview` runs (minutes at the group size)
 *     pnpm bench --pack-only      # load, the preview's charges and the management pack
 *     pnpm bench --skip-pack      # everything but the management pack (issue #15's rows)
 *     pnpm bench --queue-only --sizes group   # the invoice PDFs alone and on the queue (#16)
 *     pnpm bench --stages-only --sizes group  # load, charges, runway, each beside its floor (#15)
 *
 * The stages first, then the real previews; bench/results.json is rewritten after each part.
 * The PDF rows run in a fresh process (pdf-rows.ts); the `carebill preview` rows run the
 * built CLI as a user does, timing it and summing the resident memory of all its
 * processes every 100 ms (cli-run.ts). The last table checks each target of issue #15.
 *
 * The bench's process sets the command's own V8 flags (`COMMAND_V8_FLAGS`), so the
 * in-process stages run under the heap the command has. Not a test: nothing here fails for being slow. Datasets are generated into bench/data/
 * (gitignored) on first use; the same seed gives the same bytes.
 */
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildManagementPack,
  buildPreview,
  type Invoice,
  type LoadedDataset,
  type Preview,
  parseDay,
  projectRunway,
} from '@carebill/core';
import { computeCharges } from '@carebill/core/internal';
import { generateDataset } from '@carebill/generator';
import {
  EXPORT_FORMATS,
  renderExport,
  renderManagementPackJson,
  renderManagementPackPdf,
  renderPreviewJson,
  writeManagementPackWorkbook,
  writePreviewWorkbook,
} from '@carebill/reports';
import { type DocDefinition, managementPackDocument, renderPdf } from '@carebill/reports/internal';
import ExcelJS from 'exceljs';
import { writeDataset } from '../src/commands/generate.js';
import { loadFolder } from '../src/io/load.js';
import { applyCommandV8Flags, COMMAND_V8_FLAGS } from '../src/v8-flags.js';
import type { CliRun } from './cli-run.js';
import { chargesFloor, loadFloor, runwayFloor } from './floors.js';
import { describeRun, measurePdfRows, runPreview } from './process-rows.js';
import { benchQueue } from './queue.js';

// The day-by-day oracle lives in core's tests (outside this package's type-checked tree).
const reference = '../../core/test/runway-reference.js';
const { projectRunwayDaily } = (await import(reference)) as {
  projectRunwayDaily: (
    dataset: LoadedDataset['dataset'],
    parked: ReadonlySet<string>,
    options: Parameters<typeof projectRunway>[1],
  ) => unknown;
};

applyCommandV8Flags();

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
    'skip-preview': { type: 'boolean', default: false },
    'pack-only': { type: 'boolean', default: false },
    'skip-pack': { type: 'boolean', default: false },
    'queue-only': { type: 'boolean', default: false },
    'stages-only': { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(1, Number(flags.runs));
const SAMPLE = Math.max(1, Number(flags.sample));

interface Row {
  size: Size;
  stage: string;
  /** Milliseconds of each run. */
  ms: number[];
  floor?: string;
  /** The floor's milliseconds of each run, when the stage has one. */
  floorMs?: number[];
  /** The floor's CPU milliseconds of each run, when measured. */
  floorCpuMs?: number[];
  note?: string;
  /** What `ms` holds when it is not milliseconds. */
  unit?: 'MB' | '×' | 'bytes';
  /** The 1-minute load average when the row was recorded. */
  load?: number;
  /** CPU milliseconds of each run, when measured. */
  cpuMs?: number[];
}
const rows: Row[] = [];
/** Adds a row stamped with the 1-minute load average now (`uptime`'s first figure). */
function addRow(row: Row): void {
  const cpuMs = cpuOf.get(row.ms);
  const floorCpuMs = row.floorMs && cpuOf.get(row.floorMs);
  rows.push({
    ...row,
    load: loadavg()[0] ?? 0,
    ...(cpuMs !== undefined && { cpuMs }),
    ...(floorCpuMs !== undefined && { floorCpuMs }),
  });
}
/** The figures the targets table reads, by name. */
const figures = new Map<string, number>();

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

/**
 * The CPU milliseconds (this process, its GC threads included) of each run, by the array of
 * wall times {@link repeat} returned: on a loaded machine wall time measures the other jobs
 * as much as ours, CPU time much less so.
 */
const cpuOf = new WeakMap<readonly number[], number[]>();

async function repeat(times: number, run: () => Promise<unknown> | unknown): Promise<number[]> {
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < times; i++) await timedInto(run, ms, cpu);
  cpuOf.set(ms, cpu);
  return ms;
}

/** Times one run, pushing its wall and CPU milliseconds. */
async function timedInto(
  run: () => Promise<unknown> | unknown,
  ms: number[],
  cpu: number[],
): Promise<void> {
  const before = process.cpuUsage();
  ms.push((await timed(run)).ms);
  const used = process.cpuUsage(before);
  cpu.push((used.user + used.system) / 1000);
}

/**
 * Runs `run` and gives this process's peak resident memory while it ran, in MB: the kernel's
 * high-water mark (VmHWM) is reset first (Linux's /proc/self/clear_refs), so the figure is
 * the stage's own, not an earlier one's. NaN where /proc is not there.
 */
async function peakRssDuring(run: () => Promise<void>): Promise<number> {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    await run();
    return Number.NaN;
  }
  await run();
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return hwm === null ? Number.NaN : Number(hwm[1]) / 1024;
}

/** The median CPU time of a {@link repeat}'s runs. */
function cpuMedian(ms: readonly number[]): number | undefined {
  const cpu = cpuOf.get(ms);
  return cpu === undefined ? undefined : median(cpu);
}

function rssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function pagesOf(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0
  );
}

async function ensureDataset(size: Size): Promise<string> {
  const dir = join(BENCH, 'data', size);
  if (!existsSync(join(dir, 'bookings.json'))) {
    process.stderr.write(`generating ${size} dataset (--homes ${SIZES[size]}) into ${dir}\n`);
    await writeDataset(dir, generateDataset({ homes: SIZES[size] }));
  }
  return dir;
}

/**
 * The cells of every sheet of a workbook, read back, for the bare-writer floor. Read whole:
 * exceljs's streaming reader fails on a date cell in a sheet stored before workbook.xml
 * (it reads `date1904` from properties it has not parsed yet), which ours are.
 */
async function readCells(path: string) {
  const sheets: { name: string; styles: Partial<ExcelJS.Style>[]; rows: unknown[][] }[] = [];
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  workbook.eachSheet((sheet) => {
    const entry = {
      name: sheet.name,
      styles: [] as Partial<ExcelJS.Style>[],
      rows: [] as unknown[][],
    };
    sheet.eachRow({ includeEmpty: true }, (row) => {
      entry.rows.push((row.values as unknown[]).slice(1));
      if (entry.rows.length === 2)
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          entry.styles[col - 1] = { numFmt: cell.numFmt };
        });
    });
    sheets.push(entry);
  });
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
  let loadTimes: { ms: number[]; floorMs: number[] } = { ms: [], floorMs: [] };
  const loadPeak = await peakRssDuring(async () => {
    loadTimes = await interleaved(
      RUNS,
      async () => {
        loaded = undefined; // let the previous copy go before reading again
        loaded = await loadFolder(dir); // as the CLI loads: a file at a time
      },
      async () => {
        loaded = undefined; // the floor, like the load, with no dataset beside it
        await loadFloor(dir);
      },
    );
  });
  // The floor ran last: load once more for the stages below.
  loaded = await loadFolder(dir);
  if (loaded === undefined || loaded.errors.length > 0) throw new Error(`${dir} does not load`);
  const data = loaded;
  const loadMs = loadTimes.ms;
  addRow({
    size,
    stage: 'load + validate',
    ...loadTimes,
    floor: 'read + JSON.parse',
    note: `peak RSS ${loadPeak.toFixed(0)} MB (floor included)`,
  });
  figures.set(`${size} load`, median(loadMs));
  figures.set(`${size} load, CPU`, cpuMedian(loadMs) ?? Number.NaN);

  if (flags['pack-only'] === true) {
    await benchPack(size, data, out);
    addRow({ size, stage: 'peak RSS of the bench so far', ms: [rssMb()], unit: 'MB' });
    return;
  }

  note('charges + grouping');
  let preview: Preview | undefined;
  let floorInvoices = 0;
  let chargeTimes: { ms: number[]; floorMs: number[] } = { ms: [], floorMs: [] };
  const chargePeak = await peakRssDuring(async () => {
    chargeTimes = await interleaved(
      RUNS,
      () => {
        preview = undefined;
        preview = buildPreview(data, { period: MONTH });
      },
      () => {
        preview = undefined;
        floorInvoices = chargesFloor(data, MONTH).length;
      },
    );
  });
  preview = buildPreview(data, { period: MONTH });
  const p = preview;
  const chargeMs = chargeTimes.ms;
  figures.set(`${size} charges`, median(chargeMs));
  figures.set(`${size} charges, CPU`, cpuMedian(chargeMs) ?? Number.NaN);
  addRow({
    size,
    stage: 'charges + grouping',
    ...chargeTimes,
    floor: 'bare line walk (floors.ts)',
    note: `${p.invoices.length} invoices (floor ${floorInvoices}); peak RSS ${chargePeak.toFixed(0)} MB`,
  });
  if (flags['stages-only'] === true) {
    await benchRunway(size, data);
    return;
  }

  note('preview.json');
  addRow({
    size,
    stage: 'preview.json',
    ms: await repeat(RUNS, () => writeFile(join(out, 'preview.json'), renderPreviewJson(p))),
  });

  note('preview.xlsx');
  const xlsx = join(out, 'preview.xlsx');
  const xlsxMs = await repeat(RUNS, () => writePreviewWorkbook(p, createWriteStream(xlsx)));
  const cells = await readCells(xlsx);
  const bareMs = await repeat(RUNS, () => bareWorkbook(join(out, 'bare.xlsx'), cells));
  addRow({
    size,
    stage: 'preview.xlsx',
    ms: xlsxMs,
    floor: 'exceljs streaming writer, same cells',
    floorMs: bareMs,
  });

  await benchRunway(size, data);

  const all = size === 'home' || flags.full === true;
  const sample = all ? [...p.invoices] : sampleOf(p.invoices, SAMPLE);
  const label = all ? `all ${sample.length}` : `sample ${sample.length}`;
  if (flags['queue-only'] === true) {
    await benchQueueRows(size, sample, p.invoices.length, label, out);
    return;
  }

  if (flags['skip-pack'] !== true) await benchPack(size, data, out);

  for (const format of EXPORT_FORMATS) {
    note(`export ${format}`);
    addRow({
      size,
      stage: `export ${format}`,
      ms: await repeat(RUNS, async () => {
        const { files } = renderExport(format, p, {});
        for (const file of files) await writeFile(join(out, file.fileName), file.bytes);
      }),
    });
  }

  note(`invoice PDFs (${label}), in a fresh process`);
  const pdf = await measurePdfRows(sample, MONTH);
  addRow({
    size,
    stage: `invoice PDF, one each (${label})`,
    ms: [pdf.separateMs],
    floor: 'pdfmake alone, same definitions',
    floorMs: [pdf.pdfmakeMs],
    note: `CPU ${pdf.separateCpuMs.toFixed(1)} ms; ${(pdf.bytesPerInvoice / 1024).toFixed(1)} KB an invoice; ratio = median of ${pdf.chunks} chunks: ${pdf.engineOverPdfmake.toFixed(2)}×`,
  });
  addRow({
    size,
    stage: 'separate invoice ÷ print-pack page',
    ms: [pdf.separateOverPackPage],
    unit: '×',
    note: `a page laid out in a pack ${pdf.packPageMs.toFixed(1)} ms (${pdf.pages} pages in packs of 25); median of the chunks' ratios`,
  });
  addRow({
    size,
    stage: 'separate invoice ÷ print-pack page, CPU time',
    ms: [pdf.separateOverPackPageCpu],
    unit: '×',
    note: `CPU ${pdf.separateCpuMs.toFixed(1)} ms an invoice, ${pdf.packPageCpuMs.toFixed(1)} ms a pack page; steadier than wall time under load`,
  });
  addRow({
    size,
    stage: 'the same, each invoice laid out alone, CPU time',
    ms: [pdf.aloneOverPackPageCpu],
    unit: '×',
    note: `renderInvoicePdf one at a time (before 2026-12-01 23:00): CPU ${pdf.aloneCpuMs.toFixed(1)} ms an invoice`,
  });
  addRow({
    size,
    stage: 'floor of the ratio, CPU time',
    ms: [pdf.floorOverPackPageCpu],
    unit: '×',
    note: `the pack's layout + its own bare document: pages rendered into one document each ${pdf.floorSeparateCpuMs.toFixed(1)} ms an invoice, into one for all ${pdf.floorPackPageCpuMs.toFixed(1)} ms a page`,
  });
  figures.set(`${size} separate ÷ page`, pdf.separateOverPackPage);
  figures.set(`${size} separate ÷ page, CPU`, pdf.separateOverPackPageCpu);
  addRow({
    size,
    stage: 'print-pack page, merged from invoice PDFs',
    ms: [pdf.mergedPageMs],
    floor: 'laid out again',
    floorMs: [pdf.packPageMs],
  });
  await benchQueueRows(size, sample, p.invoices.length, label, out);
}

/** The runway beside its floor, and beside the day-by-day oracle at home size or with --full. */
async function benchRunway(size: Size, data: LoadedDataset): Promise<void> {
  process.stderr.write(`[${size}] runway…\n`);
  let floorFunds = 0;
  let funds = 0;
  let runwayTimes: { ms: number[]; floorMs: number[] } = { ms: [], floorMs: [] };
  const peak = await peakRssDuring(async () => {
    runwayTimes = await interleaved(
      RUNS,
      () => {
        funds = projectRunway(data, { asOf: AS_OF, months: 36 }).funds.length;
      },
      () => {
        floorFunds = runwayFloor(data, AS_OF, 36).funds.length;
      },
    );
  });
  figures.set(`${size} runway`, median(runwayTimes.ms));
  figures.set(`${size} runway, CPU`, cpuMedian(runwayTimes.ms) ?? Number.NaN);
  addRow({
    size,
    stage: 'runway, 36 months',
    ...runwayTimes,
    floor: 'bare monthly draw (floors.ts)',
    note: `${funds} funds projected (floor ${floorFunds}); peak RSS ${peak.toFixed(0)} MB`,
  });
  // The day-by-day oracle takes many minutes (and GBs) at the group size: only with --full.
  if (size === 'home' || flags.full === true)
    addRow({
      size,
      stage: 'runway, day-by-day reference',
      ms: await repeat(size === 'home' ? RUNS : 1, () =>
        projectRunwayDaily(data.dataset, data.parkedServiceUsers, { asOf: AS_OF, months: 36 }),
      ),
    });
}

/**
 * The queue's rows (#16, `queue.ts`): the sample rendered by one process of its own and on
 * the queue by 1 and 2 `carebill worker` processes, timed in one run; the month's time
 * extrapolated from the sample as the other PDF rows would be.
 */
async function benchQueueRows(
  size: Size,
  sample: readonly Invoice[],
  invoices: number,
  label: string,
  out: string,
): Promise<void> {
  process.stderr.write(`[${size}] queue, 1 and 2 workers (${label})…\n`);
  const scale = invoices / sample.length;
  const scaled = scale === 1 ? label : `${label}, ×${scale.toFixed(2)}`;
  for (const row of await benchQueue(sample, MONTH, join(out, 'queue'), scaled, scale))
    addRow({ size, ...row, ms: [...row.ms], ...(row.floorMs && { floorMs: [...row.floorMs] }) });
  addRow({ size, stage: 'peak RSS of the bench so far', ms: [rssMb()], unit: 'MB' });
}

/** The real `carebill preview` at each size: one PDF process against the default pool. */
async function benchPreviews(size: Size): Promise<void> {
  const dir = await ensureDataset(size);
  const out = join(BENCH, 'out', `${size}-cli`);
  const note = (stage: string) => process.stderr.write(`[${size}] ${stage}…\n`);
  const one: CliRun[] = [];
  const pool: CliRun[] = [];
  const forced: CliRun[] = [];
  // Home: turn about, RUNS times each: --jobs 1, the default (one process at this size) and
  // --jobs 2 (the pool the default avoids). Group: the default once; --jobs 1 only --full.
  const times = size === 'home' ? RUNS : 1;
  for (let i = 0; i < times; i++) {
    if (size === 'home' || flags.full === true) {
      note(`carebill preview --jobs 1 (${i + 1}/${times})`);
      one.push(await runPreview(ROOT, dir, out, 1));
    }
    note(`carebill preview, default --jobs (${i + 1}/${times})`);
    pool.push(await runPreview(ROOT, dir, out));
    if (size === 'home') {
      note(`carebill preview --jobs 2 (${i + 1}/${times})`);
      forced.push(await runPreview(ROOT, dir, out, 2));
    }
  }
  const last = pool.at(-1) as CliRun;
  const wall = pool.map((run) => run.wallMs);
  const oneWall = one.map((run) => run.wallMs);
  addRow({
    size,
    stage: `carebill preview, default (${last.processes ?? '?'} process${last.processes === 1 ? '' : 'es'})`,
    ms: wall,
    ...(one.length > 0 && { floor: 'the same, --jobs 1', floorMs: oneWall }),
    note: describeRun(last),
  });
  if (forced.length > 0)
    addRow({
      size,
      stage: 'carebill preview, --jobs 2 (pool forced)',
      ms: forced.map((run) => run.wallMs),
      floor: 'the same, --jobs 1',
      floorMs: oneWall,
      note: describeRun(forced.at(-1) as CliRun),
    });
  if (one.length > 0) {
    figures.set(`${size} pool speed-up`, median(oneWall) / median(wall));
    addRow({
      size,
      stage: 'carebill preview, --jobs 1',
      ms: oneWall,
      note: describeRun(one.at(-1) as CliRun),
    });
  }
  figures.set(`${size} preview wall`, median(wall));
  if (last.cpuMs !== undefined) figures.set(`${size} preview wall, CPU`, last.cpuMs);
  if (last.peakTreeMb !== undefined) {
    figures.set(`${size} preview peak RSS`, Math.max(...pool.map((run) => run.peakTreeMb ?? 0)));
    addRow({
      size,
      stage: 'carebill preview, peak RSS, all processes',
      ms: pool.map((run) => run.peakTreeMb ?? 0),
      unit: 'MB',
      note: 'sampled every 100 ms from /proc',
    });
  }
}

/** Times `ours` and `floor` turn about, `times` each, so a machine's drift moves both alike. */
async function interleaved(
  times: number,
  ours: () => Promise<unknown> | unknown,
  floor: () => Promise<unknown> | unknown,
): Promise<{ ms: number[]; floorMs: number[] }> {
  const ms: number[] = [];
  const floorMs: number[] = [];
  const cpu: number[] = [];
  const floorCpu: number[] = [];
  for (let i = 0; i < times; i++) {
    await timedInto(ours, ms, cpu);
    await timedInto(floor, floorMs, floorCpu);
  }
  cpuOf.set(ms, cpu);
  cpuOf.set(floorMs, floorCpu);
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
  const packFigures = await interleaved(
    RUNS,
    () => {
      pack = buildManagementPack(data, { period: MONTH });
    },
    charges,
  );
  addRow({
    size,
    stage: 'pack figures',
    ...packFigures,
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
  addRow({
    size,
    stage: 'pack figures, --compare',
    ...compared,
    floor: 'the preview’s charges alone',
    note: 'two months of charges',
  });

  note('report.json');
  addRow({
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
  addRow({
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
  addRow({
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
    ['size', 'stage', 'median (min–max)', 'CPU', 'floor', 'ratio', 'load', 'note'],
    ...rows.map((r) => {
      if (r.unit !== undefined || r.ms.length === 0) {
        const value = median(r.ms);
        const text =
          r.ms.length === 0
            ? ''
            : r.unit === 'MB' || r.unit === 'bytes'
              ? `${value.toFixed(0)} ${r.unit === 'MB' ? 'MB' : 'bytes'}`
              : `${value.toFixed(2)}×`;
        return [r.size, r.stage, text, '', '', '', (r.load ?? 0).toFixed(1), r.note ?? ''];
      }
      const m = median(r.ms);
      const range = r.ms.length > 1 ? ` (${fmt(Math.min(...r.ms))}–${fmt(Math.max(...r.ms))})` : '';
      const f = r.floorMs === undefined ? undefined : median(r.floorMs);
      return [
        r.size,
        r.stage,
        `${fmt(m)}${range}`,
        r.cpuMs === undefined ? '' : fmt(median(r.cpuMs)),
        f === undefined
          ? ''
          : `${fmt(f)}${r.floorCpuMs === undefined ? '' : ` (CPU ${fmt(median(r.floorCpuMs))})`} ${r.floor}`,
        f === undefined ? '' : `${(m / f).toFixed(2)}×`,
        (r.load ?? 0).toFixed(1),
        r.note ?? '',
      ];
    }),
  ];
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
  for (const line of lines)
    process.stdout.write(`${line.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ')}\n`);
}

/** Issue #15's targets, each against this run's figure. */
function printTargets() {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const checks: {
    target: string;
    figure: string;
    limit: number;
    atMost: boolean;
    show: (v: number) => string;
  }[] = [
    {
      target: 'separate invoice ÷ pack page, home',
      figure: 'home separate ÷ page',
      limit: 1.5,
      atMost: true,
      show: (v) => `${v.toFixed(2)}×`,
    },
    {
      target: 'separate invoice ÷ pack page, group',
      figure: 'group separate ÷ page',
      limit: 1.5,
      atMost: true,
      show: (v) => `${v.toFixed(2)}×`,
    },
    {
      target: 'PDF pool vs --jobs 1, home',
      figure: 'home pool speed-up',
      limit: 1.0,
      atMost: false,
      show: (v) => `${v.toFixed(2)}×`,
    },
    {
      target: 'PDF pool vs --jobs 1, group (--full)',
      figure: 'group pool speed-up',
      limit: 1.6,
      atMost: false,
      show: (v) => `${v.toFixed(2)}×`,
    },
    {
      target: 'whole group preview',
      figure: 'group preview wall',
      limit: 180_000,
      atMost: true,
      show: (v) =>
        `${Math.floor(v / 60_000)}:${String(Math.round((v % 60_000) / 1000)).padStart(2, '0')}`,
    },
    {
      target: 'peak RSS, whole group preview, all processes',
      figure: 'group preview peak RSS',
      limit: 600,
      atMost: true,
      show: (v) => `${v.toFixed(0)} MB`,
    },
    {
      target: 'group load + validate',
      figure: 'group load',
      limit: 2500,
      atMost: true,
      show: seconds,
    },
    {
      target: 'group charges + grouping',
      figure: 'group charges',
      limit: 700,
      atMost: true,
      show: seconds,
    },
    {
      target: 'group runway, 36 months',
      figure: 'group runway',
      limit: 700,
      atMost: true,
      show: seconds,
    },
  ];
  const results = checks.map((check) => {
    const value = figures.get(check.figure);
    const holds =
      value === undefined ? undefined : check.atMost ? value <= check.limit : value >= check.limit;
    const cpu = figures.get(`${check.figure}, CPU`);
    return {
      target: check.target,
      limit: check.show(check.limit),
      value: value === undefined ? undefined : check.show(value),
      ...(cpu !== undefined && !Number.isNaN(cpu) && { cpu: check.show(cpu) }),
      holds,
    };
  });
  process.stdout.write(`\ntargets (issue #15)\n`);
  for (const r of results)
    process.stdout.write(
      `  ${r.target.padEnd(48)} ${(r.value ?? 'not measured').padStart(12)}  target ${r.limit.padEnd(10)} ${r.holds === undefined ? '' : r.holds ? 'holds' : 'MISSES'}${r.cpu === undefined ? '' : ` (CPU ${r.cpu})`}\n`,
    );
  return results;
}

const started = new Date();
const load = loadavg();
process.stderr.write(
  `carebill bench: runs ${RUNS}, sample ${SAMPLE}, ${cpus().length} cores, load ${load.map((l) => l.toFixed(2)).join(' ')}\n`,
);
const sizes = String(flags.sizes).split(',') as Size[];
for (const size of sizes)
  if (!(size in SIZES)) throw new Error(`--sizes takes home,group; got ${size}`);

/** Writes bench/results.json with every row so far, so a run stopped part-way keeps them. */
async function save(targets?: ReturnType<typeof printTargets>): Promise<void> {
  const results = {
    started: started.toISOString(),
    node: process.version,
    v8Flags: COMMAND_V8_FLAGS,
    cores: cpus().length,
    loadAverageBefore: load,
    loadAverageAfter: loadavg(),
    runs: RUNS,
    sample: SAMPLE,
    full: flags.full,
    complete: targets !== undefined,
    peakRssMb: rssMb(),
    figures: Object.fromEntries(figures),
    ...(targets !== undefined && { targets }),
    stages: rows.map((r) => ({
      ...r,
      medianMs: median(r.ms),
      ...(r.floorMs && {
        floorMedianMs: median(r.floorMs),
        ratio: median(r.ms) / median(r.floorMs),
      }),
    })),
  };
  await writeFile(join(BENCH, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
}

// Stage by stage, then the real previews (the whole group's is the longest, so last); the
// rows so far are saved after each.
for (const size of sizes) {
  await benchSize(size);
  await save();
}
if (flags['skip-preview'] !== true && flags['pack-only'] !== true && flags['stages-only'] !== true)
  for (const size of sizes) {
    await benchPreviews(size);
    await save();
  }
printTable();
await save(printTargets());
process.stdout.write(
  `peak RSS of the bench process: ${rssMb().toFixed(0)} MB; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; bench/results.json written\n`,
);
