import type { LoadedDataset, Problem } from '@carebill/core';
import { renderValidationReportJson } from '@carebill/reports/json';
import { defineCommand } from 'citty';
import { loadFolder } from '../io/load.js';
import { say } from '../io/terminal.js';
import { EXIT } from '../usage-error.js';

/** `carebill validate --data DIR [--json]`: every problem of a dataset, at once. */
export const validateCommand = defineCommand({
  meta: { name: 'validate', description: 'Check a dataset folder and report every problem.' },
  args: {
    data: { type: 'string', required: true, description: 'Dataset folder' },
    json: { type: 'boolean', description: 'Print the report as JSON' },
  },
  run: async ({ args }) => {
    const dir = args.data;
    const loaded = await loadFolder(dir);
    say(args.json ? renderValidationReportJson(loaded) : formatReport(dir, loaded));
    return exitCodeOf(loaded);
  },
});

/**
 * The exit code of a load (SPEC §2.1): 1 on dataset errors, 3 when something is parked,
 * else 0 (warnings allowed).
 *
 * @example exitCodeOf(loadDataset({ bookings: '[]' })) === 0
 */
export function exitCodeOf(loaded: LoadedDataset): number {
  if (loaded.errors.length > 0) return EXIT.datasetErrors;
  if (loaded.parked.length > 0) return EXIT.parked;
  return EXIT.ok;
}

function line(problem: Problem): string {
  const where = [problem.resource, problem.id, problem.field].filter((part) => part !== '');
  return `  ${where.join(' ')}: ${problem.message} (${problem.value})\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The human report: a summary line, then problems grouped by severity, one a line.
 *
 * @example formatReport('fixtures/demo', loaded).startsWith('fixtures/demo: ')
 */
export function formatReport(dir: string, loaded: LoadedDataset): string {
  const { dataset, errors, parked, warnings } = loaded;
  const residentsParked = parked.filter((e) => e.serviceUser !== null).length;
  const othersParked = parked.length - residentsParked;
  const counts = [
    plural(dataset.serviceUsers.size, 'resident'),
    plural(dataset.bookings.length, 'booking'),
    plural(dataset.contracts.length, 'contract'),
    plural(dataset.careFunds.length, 'care fund'),
    plural(dataset.serviceUserContacts.size + dataset.locationContacts.size, 'contact'),
  ].join(', ');
  const verdict =
    errors.length > 0
      ? `${plural(errors.length, 'dataset error')}: nothing can be billed until they are fixed`
      : parked.length > 0
        ? `${residentsParked} parked resident${residentsParked === 1 ? '' : 's'}${othersParked > 0 ? ` and ${othersParked} other parked record${othersParked === 1 ? '' : 's'}` : ''}, ${plural(warnings.length, 'warning')}`
        : `OK, ${plural(warnings.length, 'warning')}`;
  let out = `${dir}: ${counts} — ${verdict}\n`;
  if (errors.length > 0) {
    out += `\nDataset errors (${errors.length}):\n`;
    for (const problem of errors) out += line(problem);
  }
  if (parked.length > 0) {
    out += `\nParked (${parked.length}):\n`;
    for (const entry of parked) {
      out += entry.serviceUser === null ? ' (no resident)\n' : ` resident ${entry.serviceUser}\n`;
      for (const problem of entry.problems) out += `  ${line(problem)}`;
    }
  }
  if (warnings.length > 0) {
    out += `\nWarnings (${warnings.length}):\n`;
    for (const problem of warnings) out += line(problem);
  }
  return out;
}
