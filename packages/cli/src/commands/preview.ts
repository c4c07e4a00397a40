/**
 * `carebill preview`: the month's invoices as JSON, a workbook, PDFs, print packs and an
 * email manifest (SPEC §4, §6, §7).
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildPreview, formatPounds, type Invoice } from '@carebill/core';
import {
  type EmailManifestRow,
  renderEmailManifest,
  renderInvoicePdf,
  renderPreviewJson,
  renderPrintPack,
  writePreviewWorkbook,
} from '@carebill/reports';
import { defineCommand } from 'citty';
import { loadFolderOrReport } from '../io/load.js';
import { parseIntegerOption, parsePeriod } from '../io/period.js';
import { createProgress } from '../io/progress.js';
import { writeFileAtomic, writeStreamAtomic } from '../io/write.js';
import { EXIT, UsageError } from '../usage-error.js';

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
} as const;

/** The preview options shared by `preview` and `export`. */
export function previewOptionsFrom(args: Record<string, unknown>) {
  const dayRule = String(args['day-rule'] ?? 'day');
  if (dayRule !== 'day' && dayRule !== 'night')
    throw new UsageError(`--day-rule must be day or night; found "${dayRule}"`);
  const prefix = String(args['prefix'] ?? 'PREVIEW');
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/.test(prefix))
    throw new UsageError('--prefix must be 1–20 letters, digits, - or _');
  return {
    period: parsePeriod({
      month: args['month'] as string | undefined,
      from: args['from'] as string | undefined,
      to: args['to'] as string | undefined,
    }),
    dayRule: dayRule as 'day' | 'night',
    monthly52: args['monthly52'] === true,
    dueDays: parseIntegerOption('--due-days', args['due-days'] as string | undefined, {
      min: 0,
      max: 365,
      fallback: 14,
    }),
    prefix,
  };
}

export const previewCommand = defineCommand({
  meta: {
    name: 'preview',
    description: "Preview a billing period's invoices: JSON, workbook, PDFs, print packs.",
  },
  args: previewArgs,
  async run({ args }) {
    const options = previewOptionsFrom(args);
    const loaded = await loadFolderOrReport(args.data);
    if (loaded === null) return EXIT.datasetErrors;
    const preview = buildPreview(loaded, options);
    const out = args.out;
    const progress = createProgress();

    await writeFileAtomic(join(out, 'preview.json'), renderPreviewJson(preview));
    let cleanedCells = 0;
    await writeStreamAtomic(join(out, 'preview.xlsx'), (stream) =>
      writePreviewWorkbook(preview, stream, {
        onCleanedText: () => {
          cleanedCells += 1;
        },
      }),
    );

    progress.start('Invoice PDFs', preview.invoices.length);
    const manifest: EmailManifestRow[] = [];
    for (const invoice of preview.invoices) {
      const file = join('invoices', `${invoice.number}.pdf`);
      await writeFileAtomic(
        join(out, file),
        await renderInvoicePdf(invoice, { period: options.period }),
      );
      if (invoice.delivery.email.length > 0)
        manifest.push({ invoice, recipients: invoice.delivery.email, file });
      progress.tick();
    }
    progress.stop();
    const posted = (large: boolean) =>
      preview.invoices.filter((i: Invoice) => i.delivery.post && i.delivery.largePrint === large);
    const packs: string[] = [];
    for (const [name, invoices] of [
      ['print-pack.pdf', posted(false)],
      ['print-pack-large-print.pdf', posted(true)],
    ] as const) {
      // A pack with nothing to print is not written (and an old one is not left behind).
      if (invoices.length === 0) await rm(join(out, name), { force: true });
      else {
        await writeFileAtomic(
          join(out, name),
          await renderPrintPack(invoices, { period: options.period }),
        );
        packs.push(`${name} (${invoices.length})`);
      }
    }
    await writeFileAtomic(join(out, 'email-manifest.csv'), renderEmailManifest(manifest));

    const t = preview.totals;
    process.stdout.write(
      [
        `Preview ${options.prefix} ${args.month ?? `${args.from} – ${args.to}`}: ${preview.invoices.length} invoices, ${formatPounds(t.invoicedPence)} invoiced`,
        `  fees ${formatPounds(t.feesPence)} = invoiced ${formatPounds(t.invoicedPence)} + unbilled ${formatPounds(t.unbilledPence)} + unallocated ${formatPounds(t.unallocatedPence)}`,
        `  ${preview.warnings.length} warning${preview.warnings.length === 1 ? '' : 's'}, ${preview.parked.length} parked${cleanedCells > 0 ? `, ${cleanedCells} workbook cells cleaned of invalid characters` : ''}`,
        `  files in ${out}/: preview.json, preview.xlsx, invoices/ (${preview.invoices.length} PDFs), ${packs.length > 0 ? `${packs.join(', ')}, ` : ''}email-manifest.csv (${manifest.length})`,
      ].join('\n') + '\n',
    );
    return preview.parked.length > 0 ? EXIT.parked : EXIT.ok;
  },
});
