/**
 * `carebill preview`: the month's invoices as JSON, a workbook, PDFs, print packs and an
 * email manifest (SPEC §4, §6, §7).
 */
import { join } from 'node:path';
import { buildPreview, checkPreviewOptions, type DayRule, formatPounds } from '@carebill/core';
import { DEFAULT_DUE_DAYS, DEFAULT_PREFIX } from '@carebill/core/internal';
import { type EmailManifestRow, renderEmailManifest } from '@carebill/reports/csv';
import { renderPreviewJson } from '@carebill/reports/json';
import { writePreviewWorkbook } from '@carebill/reports/xlsx';
import { defineCommand } from 'citty';
import { loadFolderOrReport } from '../io/load.js';
import { withOutputRun } from '../io/output-run.js';
import { renderPdfJobs } from '../io/pdf-pool.js';
import { parseIntegerOption, parseIntegerText, parsePeriod } from '../io/period.js';
import { createProgress } from '../io/progress.js';
import { say } from '../io/terminal.js';
import { asUsageError, EXIT } from '../usage-error.js';
import { outputRunOf, recordingLoader, waitLockArg } from './output-args.js';
import { planPreviewPdfs } from './preview-pdfs.js';

export const previewArgs = {
  data: {
    type: 'string',
    required: true,
    description: 'Dataset folder (one JSON file per CareHQ resource)',
  },
  month: { type: 'string', description: 'Billing month YYYY-MM' },
  from: { type: 'string', description: 'First day of the period YYYY-MM-DD (with --to)' },
  to: { type: 'string', description: 'Last day of the period YYYY-MM-DD (with --from)' },
  out: { type: 'string', default: 'out', description: 'Output folder' },
  'day-rule': { type: 'string', default: 'day', description: 'day (bill the last day) or night' },
  monthly52: {
    type: 'boolean',
    description: 'Bill whole months of weekly rates at rate × 52 / 12',
  },
  'due-days': { type: 'string', default: '14', description: 'Days from issue to due date' },
  prefix: { type: 'string', default: 'PREVIEW', description: 'Invoice number prefix' },
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
    period: parsePeriod({
      month: args['month'] as string | undefined,
      from: args['from'] as string | undefined,
      to: args['to'] as string | undefined,
    }),
    dayRule: String(args['day-rule'] ?? 'day') as DayRule,
    monthly52: args['monthly52'] === true,
    dueDays:
      parseIntegerText('--due-days', args['due-days'] as string | undefined) ?? DEFAULT_DUE_DAYS,
    prefix: String(args['prefix'] ?? DEFAULT_PREFIX),
  };
  asUsageError(PREVIEW_FLAGS, () => checkPreviewOptions(options));
  return options;
}

export const previewCommand = defineCommand({
  meta: {
    name: 'preview',
    description: "Preview a billing period's invoices: JSON, workbook, PDFs, print packs.",
  },
  args: {
    ...previewArgs,
    jobs: { type: 'string', description: 'PDF rendering processes (default: one per core)' },
  },
  async run({ args }) {
    const options = previewOptionsFrom(args);
    const workers =
      args.jobs === undefined
        ? undefined
        : parseIntegerOption('--jobs', args.jobs, { min: 1, max: 64 });
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
    return withOutputRun(outputRunOf('preview', out, args), async (run) => {
      const loaded = await stage('Load + check', () =>
        loadFolderOrReport(args.data, recordingLoader(run, args.data)),
      );
      if (loaded === null) return EXIT.datasetErrors;
      const preview = await stage('Charges', () => buildPreview(loaded, options));

      await stage('preview.json', () => run.writeFile('preview.json', renderPreviewJson(preview)));
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

      // PDFs over every core (io/pdf-pool.ts); the bar counts invoices whose file is written,
      // a print pack counting for its invoices once its file is written.
      const { jobs, packs } = planPreviewPdfs(preview.invoices, run.staging, options.period);
      progress.start(
        'PDFs',
        jobs.reduce((n, job) => n + job.invoices.length, 0),
      );
      await renderPdfJobs(jobs, {
        ...(workers !== undefined && { workers }),
        onWritten: (job, digest) => {
          run.record(job.path, digest);
          progress.tick(job.invoices.length);
        },
      });
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
          `  fees ${formatPounds(t.feesPence)} = invoiced ${formatPounds(t.invoicedPence)} + unbilled ${formatPounds(t.unbilledPence)} + unallocated ${formatPounds(t.unallocatedPence)}`,
          `  ${preview.warnings.length} warning${preview.warnings.length === 1 ? '' : 's'}, ${preview.parked.length} parked${cleanedCells > 0 ? `, ${cleanedCells} workbook cells cleaned of invalid characters` : ''}`,
          `  files in ${out}/: preview.json, preview.xlsx, invoices/ (${preview.invoices.length} PDFs), ${packs.length > 0 ? `${packs.join(', ')}, ` : ''}email-manifest.csv (${manifest.length})`,
        ].join('\n') + '\n',
      );
      return preview.parked.length > 0 ? EXIT.parked : EXIT.ok;
    });
  },
});
