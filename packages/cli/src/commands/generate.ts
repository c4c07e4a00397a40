/**
 * `carebill generate`: writes a synthetic CareHQ dataset (issue 7) for demos and scale
 * tests. The data comes from `@carebill/generator`; this file only parses arguments and
 * writes the nine files.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseDay, RESOURCES } from '@carebill/core';
import { type GeneratedDataset, generateWithStats } from '@carebill/generator';
import { defineCommand } from 'citty';
import { type OutputRun, type OutputRunOptions, withOutputRun } from '../io/output-run.js';
import { say } from '../io/terminal.js';
import { EXIT, UsageError } from '../usage-error.js';
import { waitLockArg } from './output-args.js';

const LIMITS = { homes: 10_000, 'residents-per-home': 2_000, years: 30 } as const;
/** Stays may start up to a few years before the history and end a little after it. */
const HISTORY_MARGIN_YEARS = 5;

export const generateCommand = defineCommand({
  meta: {
    name: 'generate',
    description:
      'Write a synthetic, deterministic CareHQ dataset: --homes 5 is one small operator, --homes 500 a group.',
  },
  args: {
    homes: { type: 'string', required: true, description: 'Number of care homes' },
    'residents-per-home': {
      type: 'string',
      default: '60',
      description: 'Residents per home over the years',
    },
    years: { type: 'string', default: '3', description: 'Years of history' },
    seed: { type: 'string', default: '1', description: 'Seed: the same seed gives the same files' },
    'end-date': {
      type: 'string',
      default: '2024-11-30',
      description: 'Last day of the history (YYYY-MM-DD)',
    },
    out: { type: 'string', required: true, description: 'Folder to write the dataset into' },
    ...waitLockArg,
  },
  run: async ({ args }) => {
    const homes = wholeNumber('--homes', args.homes, 1, LIMITS.homes);
    const residentsPerHome = wholeNumber(
      '--residents-per-home',
      args['residents-per-home'],
      1,
      LIMITS['residents-per-home'],
    );
    const years = wholeNumber('--years', args.years, 1, LIMITS.years);
    const seed = wholeNumber('--seed', args.seed, 0, Number.MAX_SAFE_INTEGER);
    const endDate = args['end-date'];
    const end = parseDay(endDate);
    if (end === undefined) {
      throw new UsageError(`--end-date must be a real date written YYYY-MM-DD, got "${endDate}"`);
    }
    // The history (and stays up to a few years before it) must fall within the dates the
    // loader reads, 1900–2199, or the generated dataset would not validate.
    const earliest = `${1900 + years + HISTORY_MARGIN_YEARS}-01-01`;
    const latest = `${2199 - HISTORY_MARGIN_YEARS}-12-31`;
    if (end < (parseDay(earliest) as number) || end > (parseDay(latest) as number)) {
      throw new UsageError(
        `--end-date must be from ${earliest} to ${latest} with --years ${years}, got "${endDate}"`,
      );
    }
    const started = performance.now();
    const { dataset } = generateWithStats({ homes, residentsPerHome, years, seed, endDate });
    const bytes = await writeDataset(args.out, dataset, {
      options: args,
      waitForLock: args['wait-lock'] === true,
    });
    const seconds = (performance.now() - started) / 1000;
    const count = (n: number) => n.toLocaleString('en-GB');
    say(
      `carebill generate: ${count(homes)} homes, ${count(dataset['service-users'].length)} residents, ` +
        `${count(dataset.bookings.length)} bookings, ${count(dataset['billing-contracts'].length)} contracts, ` +
        `${count(dataset['care-funds'].length)} funds; ${(bytes / 1e6).toFixed(1)} MB in ${args.out} ` +
        `(${seconds.toFixed(1)} s)\n`,
    );
    return EXIT.ok;
  },
});

/**
 * Writes each resource as `<resource>.json` in `dir`: a JSON array with one record per
 * line (compact, yet diffable and greppable). The folder is written as an output run
 * (`io/output-run.ts`): all nine files or none, never over a dataset carebill did not
 * generate. Resolves to the bytes written.
 *
 * @example await writeDataset('out/home', generateDataset({ homes: 5 })) // 1_500_000
 */
export async function writeDataset(
  dir: string,
  dataset: GeneratedDataset,
  run: Pick<OutputRunOptions, 'options' | 'waitForLock'> = {},
): Promise<number> {
  return withOutputRun(
    { ...run, folder: dir, command: 'generate', syncFiles: true },
    async (out) => {
      const bytes = await writeResourceFiles(out, dataset);
      await out.commit();
      return bytes;
    },
  );
}

async function writeResourceFiles(run: OutputRun, dataset: GeneratedDataset): Promise<number> {
  let total = 0;
  for (const resource of RESOURCES) {
    const records = dataset[resource];
    function* chunks() {
      let chunk = '[';
      for (let i = 0; i < records.length; i += 1) {
        chunk += `${i === 0 ? '\n' : ',\n'}${JSON.stringify(records[i])}`;
        if (chunk.length > 1 << 20) {
          total += Buffer.byteLength(chunk);
          yield chunk;
          chunk = '';
        }
      }
      chunk += records.length === 0 ? ']\n' : '\n]\n';
      total += Buffer.byteLength(chunk);
      yield chunk;
    }
    await run.writeStream(`${resource}.json`, (stream) =>
      pipeline(Readable.from(chunks()), stream),
    );
  }
  return total;
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(
      `${flag} must be a whole number from ${min} to ${max.toLocaleString('en-GB')}, got "${text}"`,
    );
  }
  return value;
}
