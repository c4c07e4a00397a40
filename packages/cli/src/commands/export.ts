/**
 * `carebill export`: accountant import files for a month (SPEC §6 "Accountant exports").
 * It builds the same preview as `carebill preview`, so numbers agree invoice by invoice.
 */
import { buildPreview, formatPounds } from '@carebill/core';
import {
  DEFAULT_EXPORT_ENCODING,
  EXPORT_ENCODINGS,
  EXPORT_FORMATS,
  type ExportFormat,
  isExportEncoding,
  renderExport,
} from '@carebill/reports/csv';
import { defineCommand } from 'citty';
import { loadFolderOrReport } from '../io/load.js';
import { withOutputRun } from '../io/output-run.js';
import { complain, say } from '../io/terminal.js';
import { EXIT, UsageError } from '../usage-error.js';
import { outputRunOf, recordingLoader } from './output-args.js';
import { previewArgs, previewOptionsFrom } from './preview.js';

export const exportCommand = defineCommand({
  meta: {
    name: 'export',
    description: 'Write Xero, Sage 50 or plain CSV import files for a billing period.',
  },
  args: {
    ...previewArgs,
    format: { type: 'string', required: true, description: 'xero | sage50 | csv' },
    'account-code': { type: 'string', description: 'Xero sales account code (default 200)' },
    'tax-type': { type: 'string', description: 'Xero tax type (default "Exempt Income")' },
    'nominal-code': { type: 'string', description: 'Sage 50 nominal code (default 4000)' },
    'tax-code': { type: 'string', description: 'Sage 50 tax code (default T2)' },
    encoding: {
      type: 'string',
      description: `${EXPORT_ENCODINGS.join(' | ')} (default: ${EXPORT_FORMATS.map((f) => `${f} ${DEFAULT_EXPORT_ENCODING[f]}`).join(', ')})`,
    },
  },
  async run({ args }) {
    const format = args.format as ExportFormat;
    if (!EXPORT_FORMATS.includes(format))
      throw new UsageError(
        `--format must be one of ${EXPORT_FORMATS.join(', ')}; found "${args.format}"`,
      );
    const encoding = args.encoding ?? DEFAULT_EXPORT_ENCODING[format];
    if (!isExportEncoding(encoding))
      throw new UsageError(
        `--encoding must be one of ${EXPORT_ENCODINGS.join(', ')}; found "${args.encoding}"`,
      );
    const options = previewOptionsFrom(args);
    // One manifest per format, so a Xero and a Sage export share a folder and each rerun
    // replaces exactly its own files (a 718-invoice run's xero-invoices-002.csv included).
    return withOutputRun(outputRunOf(`export-${format}`, args.out, args), async (run) => {
      const loaded = await loadFolderOrReport(args.data, recordingLoader(run, args.data));
      if (loaded === null) return EXIT.datasetErrors;
      const preview = buildPreview(loaded, options);
      const { files, warnings } = renderExport(format, preview, {
        ...(args['account-code'] !== undefined && { accountCode: args['account-code'] }),
        ...(args['tax-type'] !== undefined && { taxType: args['tax-type'] }),
        ...(args['nominal-code'] !== undefined && { nominalCode: args['nominal-code'] }),
        ...(args['tax-code'] !== undefined && { taxCode: args['tax-code'] }),
        encoding,
      });
      for (const file of files) await run.writeFile(file.fileName, file.bytes);
      await run.commit();
      for (const warning of warnings) complain(`warning ${warning.code}: ${warning.message}\n`);
      say(
        `Export ${format} (${encoding}): ${preview.invoices.length} invoices, ${formatPounds(preview.totals.invoicedPence)}, ` +
          `${warnings.length} warnings; files in ${args.out}/: ${files.map((f) => f.fileName).join(', ')}\n`,
      );
      return preview.parked.length > 0 ? EXIT.parked : EXIT.ok;
    });
  },
});
