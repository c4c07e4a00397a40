/**
 * The work of `carebill runway`, apart from the loader so it can be tested on its own:
 * check the options, project the runway, write runway.json, runway.xlsx and runway.pdf
 * into the output folder and say what happened.
 */
import { join } from 'node:path';
import {
  type CapitalLimits,
  checkRunwayOptions,
  type Day,
  formatPounds,
  parseDay,
  projectRunway,
  type Region,
  type Runway,
  type RunwayOptions,
} from '@carebill/core';
import { addMonths, formatDayShort, MAX_CAPITAL_LIMIT_PENCE } from '@carebill/core/internal';
import { renderRunwayJson } from '@carebill/reports/json';
import { renderRunwayPdf } from '@carebill/reports/pdf';
import { writeRunwayWorkbook } from '@carebill/reports/xlsx';
import { loadFolderOrReport, type StartLoad } from '../io/load.js';
import { type OutputRun, withOutputRun } from '../io/output-run.js';
import { parseIntegerText } from '../io/period.js';
import { terminalSafe } from '../io/terminal.js';
import { asUsageError, EXIT, UsageError } from '../usage-error.js';
import { outputRunOf, recordingLoader } from './output-args.js';

/** The command line of `carebill runway`, as citty hands it over (all text). */
export interface RunwayArgs {
  readonly data: string;
  readonly 'as-of': string;
  readonly months?: string | undefined;
  readonly region?: string | undefined;
  readonly upper?: string | undefined;
  readonly lower?: string | undefined;
  readonly uplift?: string | undefined;
  readonly 'uplift-date'?: string | undefined;
  readonly 'lead-months'?: string | undefined;
  readonly out?: string | undefined;
  readonly 'wait-lock'?: boolean | undefined;
}

/** The dataset loader (sync or async), injected so the command can be tested without one. */

const PENCE = /^\d{1,15}$/;

/** Core's runway option names as the command line spells them. */
function runwayFlags(args: RunwayArgs, upliftDate: string) {
  const badDate = () =>
    `--uplift-date must be MM-DD (04-01 for 1 April), a day that exists in that month; got "${upliftDate}"`;
  const limit = (flag: string, text: string | undefined) => () =>
    `${flag} is a whole number of pence from 0 to ${MAX_CAPITAL_LIMIT_PENCE} (2325000 for £23,250), got "${text}"`;
  return {
    asOf: '--as-of',
    months: '--months',
    leadMonths: '--lead-months',
    region: '--region',
    'limits.upperPence': limit('--upper', args.upper),
    'limits.lowerPence': limit('--lower', args.lower),
    limits: '--lower/--upper',
    'uplift.percent': '--uplift',
    'uplift.month': badDate,
    'uplift.day': badDate,
  };
}

/**
 * Turns the command line into runway options, or throws a {@link UsageError} that says
 * which flag is wrong and what it should look like. The flags are parsed here; their
 * ranges and rules are core's (`checkRunwayOptions`), so they live in one place.
 *
 * @example runwayOptionsFromArgs({ data: 'x', 'as-of': '2024-11-22', region: 'wales' }).region === 'wales'
 */
export function runwayOptionsFromArgs(args: RunwayArgs): RunwayOptions {
  const asOf = parseDay(args['as-of'] ?? '');
  if (asOf === undefined) {
    throw new UsageError(`--as-of must be a date YYYY-MM-DD, got "${args['as-of'] ?? ''}"`);
  }
  const options: { -readonly [K in keyof RunwayOptions]: RunwayOptions[K] } = { asOf };
  const months = parseIntegerText('--months', args.months);
  if (months !== undefined) options.months = months;
  const leadMonths = parseIntegerText('--lead-months', args['lead-months']);
  if (leadMonths !== undefined) options.leadMonths = leadMonths;
  if (args.region !== undefined) options.region = args.region as Region;
  if ((args.upper === undefined) !== (args.lower === undefined)) {
    throw new UsageError('--upper and --lower go together: give both limits, in pence');
  }
  if (args.upper !== undefined && args.lower !== undefined) {
    const limits: CapitalLimits = {
      upperPence: pence('--upper', args.upper),
      lowerPence: pence('--lower', args.lower),
    };
    options.limits = limits;
  }
  if (args['uplift-date'] !== undefined && args.uplift === undefined) {
    throw new UsageError('--uplift-date needs --uplift (the yearly percentage, e.g. 3.5)');
  }
  const upliftDate = args['uplift-date'] ?? '04-01';
  if (args.uplift !== undefined) {
    const [month, day] = monthDay(upliftDate);
    options.uplift = { percent: args.uplift, month, day };
  }
  asUsageError(runwayFlags(args, upliftDate), () => checkRunwayOptions(options));
  return options;
}

/** A limit as written: digits only (the range is core's check). */
function pence(flag: string, text: string): number {
  if (!PENCE.test(text)) {
    throw new UsageError(
      `${flag} is a whole number of pence from 0 to ${MAX_CAPITAL_LIMIT_PENCE} (2325000 for £23,250), got "${text}"`,
    );
  }
  return Number(text);
}

/** `MM-DD` as numbers; whether that day exists is core's check. */
function monthDay(text: string): [number, number] {
  const match = /^(\d{2})-(\d{2})$/.exec(text);
  if (!match) {
    throw new UsageError(`--uplift-date must be MM-DD (04-01 for 1 April), got "${text}"`);
  }
  return [Number(match[1]), Number(match[2])];
}

/**
 * Runs `carebill runway` with a dataset loader and resolves to the exit code (§2.1).
 *
 * @example await runRunway({ data: 'fixtures/demo', 'as-of': '2024-11-22' }, createDatasetLoader) // 0
 */
export async function runRunway(
  args: RunwayArgs,
  start: StartLoad,
  io: { stdout: (text: string) => void; stderr: (text: string) => void } = {
    stdout: (text) => process.stdout.write(terminalSafe(text)),
    stderr: (text) => process.stderr.write(terminalSafe(text)),
  },
): Promise<number> {
  const options = runwayOptionsFromArgs(args);
  const out = args.out ?? 'out';
  return withOutputRun(outputRunOf('runway', out, { ...args }), async (run) => {
    const loaded = await loadFolderOrReport(
      args.data,
      recordingLoader(run, args.data, start),
      io.stderr,
    );
    if (loaded === null) return EXIT.datasetErrors;
    const runway = projectRunway(loaded, options);
    await writeRunwayFiles(runway, run);
    await run.commit();
    io.stdout(
      runwaySummary(
        runway,
        RUNWAY_FILES.map((name) => join(out, name)),
      ),
    );
    return runway.parked.length > 0 ? EXIT.parked : EXIT.ok;
  });
}

const RUNWAY_FILES = ['runway.json', 'runway.xlsx', 'runway.pdf'] as const;

/** Writes the three files into the run's staging folder. */
async function writeRunwayFiles(runway: Runway, run: OutputRun): Promise<void> {
  await run.writeFile('runway.json', renderRunwayJson(runway));
  await run.writeStream('runway.xlsx', (stream) => writeRunwayWorkbook(runway, stream));
  await run.writeFile('runway.pdf', await renderRunwayPdf(runway));
}

/**
 * The few lines printed at the end of a run.
 *
 * @example runwaySummary(runway, ['out/runway.json'])
 */
export function runwaySummary(runway: Runway, files: readonly string[]): string {
  const cutoff: Day = addMonths(runway.asOf, runway.leadMonths);
  const due = runway.serviceUsers.filter(
    (r) => r.notifyCouncilBy !== null && r.notifyCouncilBy <= cutoff,
  );
  const overdue = due.filter((r) => r.flags.includes('overdue'));
  const lines = [
    `Runway as of ${formatDayShort(runway.asOf)} to ${formatDayShort(runway.horizonEnd)} (${runway.region} limits ${formatPounds(runway.limits.upperPence)} / ${formatPounds(runway.limits.lowerPence)})`,
    `  ${runway.funds.length} care fund${runway.funds.length === 1 ? '' : 's'}, ${runway.serviceUsers.length} resident${runway.serviceUsers.length === 1 ? '' : 's'}`,
    `  ${due.length} must tell the council within ${runway.leadMonths} months (by ${formatDayShort(cutoff)}), ${overdue.length} already overdue`,
    `  ${runway.warnings.length} warning${runway.warnings.length === 1 ? '' : 's'}, ${runway.parked.length} parked`,
    `  Files: ${files.join(', ')}`,
  ];
  return `${lines.join('\n')}\n`;
}
