/**
 * `carebill preview`: the month's invoices as JSON, a workbook, PDFs, print packs and an
 * email manifest (SPEC §4, §6, §7).
 */
import { dirname, join } from 'node:path';
import {
  buildPreview,
  checkPreviewOptions,
  type DayRange,
  type DayRule,
  formatPounds,
  type Preview,
  type PreviewTotals,
} from '@carebill/core';
import { DEFAULT_DUE_DAYS, DEFAULT_PREFIX } from '@carebill/core/internal';
import { type EmailManifestRow, renderEmailManifest } from '@carebill/reports/csv';
import { writePreviewJson } from '@carebill/reports/json';
import { writePreviewWorkbook } from '@carebill/reports/xlsx';
import { defineCommand } from 'citty';
import { type InvoicedRead, readInvoiced } from '../io/invoiced.js';
import { loadFolderOrReport } from '../io/load.js';
import { withOutputRun } from '../io/output-run.js';
import { pdfWorkers, renderPdfJobs } from '../io/pdf-pool.js';
import { parseIntegerOption, parseIntegerText } from '../io/period.js';
import { createProgress } from '../io/progress.js';
import { complain, say } from '../io/terminal.js';
import { optionValues } from '../strict-args.js';
import { asUsageError, EXIT, UsageError } from '../usage-error.js';
import { outputRunOf, recordingLoader, waitLockArg } from './output-args.js';
import { periodArgs, periodFromArgs } from './period-args.js';
import { planPreviewPdfs } from './preview-pdfs.js';
import { previewQueueArgs } from './queue-args.js';

export const previewArgs = {
  ...periodArgs('Billing month YYYY-MM'),
  out: { type: 'string', default: 'out', description: 'Output folder' },
  'day-rule': { type: 'string', default: 'day', description: 'day (bill the last day) or night' },
  monthly52: {
    type: 'boolean',
    description: 'Bill whole months of weekly rates at rate × 52 / 12',
  },
  'due-days': { type: 'string', default: '14', description: 'Days from issue to due date' },
  prefix: { type: 'string', default: 'PREVIEW', description: 'Invoice number prefix' },
  invoiced: {
    type: 'string',
    valueHint: 'PATH…',
    description:
      'Previews already issued (preview.json files, or folders searched for them): what changed in their periods becomes adjustments',
  },
  ...waitLockArg,
} as const;

/** Core's preview option names as the command line spells them. */
const PREVIEW_FLAGS = {
  dayRule: '--day-rule',
  monthly52: '--monthly52',
  dueDays: '--due-days',
  prefix: '--prefix',
};

/**
 * The preview options shared by `preview` and `export`: the flags turned into typed values,
 * then checked by core (`checkPreviewOptions`), whose refusal is a usage error naming the
 * flag. Nothing is read before this passes.
 *
 * @example previewOptionsFrom({ month: '2024-11', 'due-days': '28' }).dueDays === 28
 */
export function previewOptionsFrom(args: Record<string, unknown>) {
  const options = {
    period: periodFromArgs(args),
    dayRule: String(args['day-rule'] ?? 'day') as DayRule,
    monthly52: args['monthly52'] === true,
    dueDays:
      parseIntegerText('--due-days', args['due-days'] as string | undefined) ?? DEFAULT_DUE_DAYS,
    prefix: String(args['prefix'] ?? DEFAULT_PREFIX),
  };
  asUsageError(PREVIEW_FLAGS, () => checkPreviewOptions(options));
  return options;
}

/**
 * The issued previews of `--invoiced PATH…` (none when not given), read and checked against
 * the period before anything is written; any problem is a usage error naming the file.
 *
 * @example const { issued } = await invoicedFrom(rawArgs, options.period)
 */
export async function invoicedFrom(
  rawArgs: readonly string[],
  period: DayRange,
): Promise<InvoicedRead> {
  const paths = optionValues(rawArgs, 'invoiced');
  if (paths.length === 0) return { files: [], issued: [] };
  return readInvoiced(paths, period);
}

/** The issued files as the run's manifest records them: one text, or left out when none. */
export function recordedPaths(files: readonly string[]): string | undefined {
  return files.length === 0 ? undefined : files.join(', ');
}

/**
 * The totals line of a summary: the §10 identity when there are adjustments. Invoiced
 * includes the adjustment lines, so net credits are added back and net charges taken
 * off, each written as a positive amount with its own operator (never "− -£…").
 */
export function totalsLine(t: PreviewTotals): string {
  const adjusted = formatPounds(Math.abs(t.adjustmentsPence));
  const adjustments =
    t.adjustmentsPence === 0
      ? ''
      : t.adjustmentsPence < 0
        ? ` + adjustments credited ${adjusted}`
        : ` − adjustments charged ${adjusted}`;
  return `  fees ${formatPounds(t.feesPence)} = invoiced ${formatPounds(t.invoicedPence)}${adjustments} + unbilled ${formatPounds(t.unbilledPence)} + unallocated ${formatPounds(t.unallocatedPence)}`;
}

/** What the summary says of adjustments to issued periods ('' when there are none). */
export function adjustmentsLine(preview: Preview, files: readonly string[]): string {
  if (files.length === 0) return '';
  const lines = preview.invoices.flatMap((i) => i.lines).filter((l) => l.adjusts !== null);
  const parked = preview.unbilled.filter((e) => e.adjusts !== null);
  const credits = preview.invoices.filter((i) => i.kind === 'credit_note').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `  against ${plural(files.length, 'issued preview')}: ${plural(lines.length, 'adjustment line')} (${formatPounds(preview.totals.adjustmentsPence)}), ${plural(credits, 'credit note')}${parked.length > 0 ? `, ${plural(parked.length, 'adjustment')} unbilled (${formatPounds(preview.totals.unbilledAdjustmentsPence)})` : ''}`;
}

export const previewCommand = defineCommand({
  meta: {
    name: 'preview',
    description: "Preview a billing period's invoices: JSON, workbook, PDFs, print packs.",
  },
  args: {
    ...previewArgs,
    jobs: {
      type: 'string',
      description:
        'PDF rendering processes, 1–64, at most one per core (default: one per core for a big month, else 1)',
    },
    ...previewQueueArgs,
  },
  async run({ args, rawArgs }) {
    const options = previewOptionsFrom(args);
    const { files, issued } = await invoicedFrom(rawArgs, options.period);
    const requested =
      args.jobs === undefined
        ? undefined
        : parseIntegerOption('--jobs', args.jobs, { min: 1, max: 64 });
    // BullMQ is loaded only for a run on the queue.
    const onQueue = args.queue === undefined ? undefined : await import('./preview-queue.js');
    const queue = onQueue?.queueConnectionOf(args.queue);
    if (queue !== undefined && requested !== undefined)
      throw new UsageError(
        '--jobs is for PDFs rendered here; with --queue the workers render them',
      );
    if (queue === undefined && args['chunk-size'] !== undefined)
      throw new UsageError('--chunk-size goes with --queue');
    // More renderers than cores only add memory and switching: cap, and say so. Without
    // --jobs the pool decides by the month's size (io/pdf-pool.ts).
    const { workers, capped } = pdfWorkers(requested);
    if (capped)
      complain(
        `--jobs ${requested}: this machine has ${workers} core${workers === 1 ? '' : 's'}, so at most ${workers} PDF process${workers === 1 ? '' : 'es'}\n`,
      );
    const progress = createProgress();
    const stage = async <T>(label: string, run: () => T | Promise<T>): Promise<T> => {
      progress.start(label, 1);
      const result = await run();
      progress.tick();
      progress.stop();
      return result;
    };
    const out = args.out;
    // Every file goes to the run's private staging folder and is put in place, replacing
    // exactly the previous preview's files, only once all are written (docs/outputs.md).
    // An issued preview's folder is never written into: this run would replace the record.
    // The manifest records the queue's address, never its password.
    const recorded = queue === undefined ? args : { ...args, queue: queue.display };
    const runOptions = outputRunOf('preview', out, {
      ...recorded,
      invoiced: recordedPaths(files),
    });
    const notInto = [
      ...(runOptions.notInto ?? []),
      ...files.map((file) => ({
        path: dirname(file),
        what: `the folder of an issued preview (--invoiced ${file})`,
      })),
    ];
    return withOutputRun({ ...runOptions, notInto }, async (run) => {
      // The loaded dataset is let go once the preview is built: the PDFs need only the
      // invoices, and at group size it is ~130 MB of the parent's memory (docs/performance.md).
      const preview = await stage('Load + check', () =>
        loadFolderOrReport(args.data, recordingLoader(run, args.data)),
      ).then((loaded) =>
        loaded === null
          ? null
          : stage('Charges', () => buildPreview(loaded, { ...options, invoiced: issued })),
      );
      if (preview === null) return EXIT.datasetErrors;

      // Streamed an invoice at a time: the whole text would be a 46 MB string at group size,
      // with ~100–140 MB of transient heap at the command's peak (docs/performance.md).
      await stage('preview.json', () =>
        run.writeStream('preview.json', (stream) => writePreviewJson(preview, stream)),
      );
      const { jobs, packs } = planPreviewPdfs(preview.invoices, run.staging, options.period);
      let queueLine = '';
      if (queue !== undefined && onQueue !== undefined) {
        // On the queue's workers, on any number of machines (preview-queue.ts).
        const done = await onQueue.renderPdfsOnQueue(run, {
          connection: queue,
          jobs,
          key: { ...options, invoiced: issued },
          chunkSize: args['chunk-size'],
          progress,
        });
        queueLine = `  PDFs rendered by the workers of ${queue.display}: ${done.chunks} chunks${done.resumed > 0 ? ` (${done.resumed} already rendered by an earlier attempt)` : ''}\n`;
      } else {
        // PDFs over every core when the month is big enough to gain (io/pdf-pool.ts); the
        // bar counts invoices whose file is written, a print pack counting for its
        // invoices once its file is written.
        progress.start(
          'PDFs',
          jobs.reduce((n, job) => n + job.invoices.length, 0),
        );
        await renderPdfJobs(jobs, {
          ...(requested !== undefined && { workers }),
          onWritten: (job, digest) => {
            run.record(job.path, digest);
            progress.tick(job.invoices.length);
          },
        });
        progress.stop();
      }
      // The workbook comes after the PDFs: exceljs's zip leaves ~60–70 MB of freed buffers
      // in the command's malloc heap, which the C library keeps resident — written before
      // the PDFs, they sat beside the two PDF processes' peak (docs/performance.md).
      let cleanedCells = 0;
      progress.start('preview.xlsx', 1);
      await run.writeStream('preview.xlsx', (stream) =>
        writePreviewWorkbook(preview, stream, {
          onCleanedText: () => {
            cleanedCells += 1;
          },
        }),
      );
      progress.tick();
      progress.stop();

      const manifest: EmailManifestRow[] = preview.invoices
        .filter((invoice) => invoice.delivery.email.length > 0)
        .map((invoice) => ({
          invoice,
          recipients: invoice.delivery.email,
          file: join('invoices', `${invoice.number}.pdf`),
        }));
      await run.writeFile('email-manifest.csv', renderEmailManifest(manifest));
      await run.commit();

      const t = preview.totals;
      say(
        [
          `Preview ${options.prefix} ${args.month ?? `${args.from} – ${args.to}`}: ${preview.invoices.length} invoices, ${formatPounds(t.invoicedPence)} invoiced`,
          totalsLine(preview.totals),
          adjustmentsLine(preview, files),
          `  ${preview.warnings.length} warning${preview.warnings.length === 1 ? '' : 's'}, ${preview.parked.length} parked${cleanedCells > 0 ? `, ${cleanedCells} workbook cells cleaned of invalid characters` : ''}`,
          `  files in ${out}/: preview.json, preview.xlsx, invoices/ (${preview.invoices.length} PDFs), ${packs.length > 0 ? `${packs.join(', ')}, ` : ''}email-manifest.csv (${manifest.length})`,
        ]
          .filter((line) => line !== '')
          .join('\n') +
          '\n' +
          queueLine,
      );
      return preview.parked.length > 0 ? EXIT.parked : EXIT.ok;
    });
  },
});
