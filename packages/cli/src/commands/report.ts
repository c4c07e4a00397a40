/**
 * `carebill report`: the monthly management pack — fee income by funding source,
 * occupancy and the average weekly fee per home and for the group (SPEC §11), as
 * report.json, report.xlsx and report.pdf; `--compare YYYY-MM` sets another month beside it.
 */
import {
  buildManagementPack,
  checkManagementPackOptions,
  type DayRange,
  type DayRule,
  formatPounds,
  type ManagementPack,
  type PackFigures,
} from '@carebill/core';
import {
  fundingSourceName,
  percentOfPermille,
  periodLabel,
  renderManagementPackJson,
} from '@carebill/reports/json';
import { renderManagementPackPdf } from '@carebill/reports/pdf';
import { writeManagementPackWorkbook } from '@carebill/reports/xlsx';
import { defineCommand } from 'citty';
import { loadFolderOrReport } from '../io/load.js';
import { type OutputRun, withOutputRun } from '../io/output-run.js';
import { parsePeriod } from '../io/period.js';
import { createProgress, type Stage, stagesOf } from '../io/progress.js';
import { say } from '../io/terminal.js';
import { asUsageError, EXIT, UsageError } from '../usage-error.js';
import { outputRunOf, recordingLoader, waitLockArg } from './output-args.js';
import { periodArgs, periodFromArgs } from './period-args.js';

export const REPORT_FILES = ['report.json', 'report.xlsx', 'report.pdf'] as const;

export const reportArgs = {
  ...periodArgs('Month of the pack YYYY-MM'),
  'day-rule': { type: 'string', default: 'day', description: 'day (count the last day) or night' },
  monthly52: {
    type: 'boolean',
    description: 'Whole months of weekly rates at rate × 52 / 12, as the preview bills them',
  },
  compare: { type: 'string', description: 'A month YYYY-MM to set beside each figure' },
  out: { type: 'string', default: 'out', description: 'Output folder' },
} as const;

/** The pack options of a command line, or a `UsageError` naming the flag at fault. */
export function reportOptionsFrom(args: Record<string, unknown>) {
  const dayRule = String(args['day-rule'] ?? 'day');
  const period = periodFromArgs(args);
  const compareText = args['compare'] as string | undefined;
  let compare: DayRange | undefined;
  if (compareText !== undefined) {
    try {
      compare = parsePeriod({ month: compareText });
    } catch {
      throw new UsageError(
        `--compare must be a month YYYY-MM, such as 2024-10; found "${compareText}"`,
      );
    }
  }
  const options = {
    period,
    dayRule: dayRule as DayRule,
    monthly52: args['monthly52'] === true,
    ...(compare !== undefined && { compare }),
  };
  // Core's checks (the day rule; the periods again), in the command line's words.
  asUsageError({ dayRule: () => `--day-rule must be day or night; found "${dayRule}"` }, () =>
    checkManagementPackOptions(options),
  );
  return options;
}

export const reportCommand = defineCommand({
  meta: {
    name: 'report',
    description:
      'The monthly management pack: fee income by funding source, occupancy and average weekly fee per home and for the group. Writes report.json, report.xlsx and report.pdf.',
  },
  args: { ...reportArgs, ...waitLockArg },
  async run({ args }) {
    const options = reportOptionsFrom(args); // usage errors first, before anything is read
    const stage = stagesOf(createProgress());
    // The files go to the run's private staging folder and are put in place, replacing
    // exactly the previous pack's files, only once all are written (docs/outputs.md).
    return withOutputRun(outputRunOf('report', args.out, args), async (run) => {
      const loaded = await stage('Load + check', () =>
        loadFolderOrReport(args.data, recordingLoader(run, args.data)),
      );
      if (loaded === null) return EXIT.datasetErrors;
      const pack = await stage('Figures', () => buildManagementPack(loaded, options));
      await writeReportFiles(pack, run, stage);
      await run.commit();
      say(reportSummary(pack, args.out));
      return pack.parked.length > 0 ? EXIT.parked : EXIT.ok;
    });
  },
});

/**
 * Writes the pack's three files into the run's staging folder: the command's one write path.
 *
 * @example await writeReportFiles(pack, run)
 */
export async function writeReportFiles(
  pack: ManagementPack,
  run: OutputRun,
  stage: Stage = async (_label, write) => write(),
): Promise<void> {
  await stage('report.json', () => run.writeFile('report.json', renderManagementPackJson(pack)));
  await stage('report.xlsx', () =>
    run.writeStream('report.xlsx', (stream) => writeManagementPackWorkbook(pack, stream)),
  );
  await stage('report.pdf', async () =>
    run.writeFile('report.pdf', await renderManagementPackPdf(pack)),
  );
}

/**
 * The few lines printed at the end of a run.
 *
 * @example reportSummary(pack, 'out') // 'Management pack Nov 2024: 1 home, fees £71,753.75, …'
 */
export function reportSummary(pack: ManagementPack, out: string): string {
  const { group } = pack;
  const homes = `${pack.homes.length} home${pack.homes.length === 1 ? '' : 's'}`;
  const lines = [
    `Management pack ${periodLabel(pack.period)}: ${homes}, fees ${formatPounds(group.feesPence)}, ${occupancyText(group)}, average weekly fee ${group.averageWeeklyFeePence === null ? '—' : formatPounds(group.averageWeeklyFeePence)}`,
    `  by funding source: ${group.byFunding.length === 0 ? 'none' : group.byFunding.map((s) => `${fundingSourceName(s.source)} ${formatPounds(s.pence)}`).join(', ')}`,
  ];
  if (pack.compare !== null) {
    const { change } = pack.compare.group;
    const signed = (pence: number) => `${pence < 0 ? '-' : '+'}${formatPounds(Math.abs(pence))}`;
    const parts = [
      `fees ${signed(change.feesPence)}${change.feesPermille === null ? '' : ` (${change.feesPermille < 0 ? '' : '+'}${percentOfPermille(change.feesPermille)})`}`,
      change.occupancyPermille === null
        ? 'occupancy not comparable'
        : `occupancy ${change.occupancyPermille < 0 ? '' : '+'}${percentOfPermille(change.occupancyPermille).slice(0, -1)} points`,
      change.averageWeeklyFeePence === null
        ? 'average weekly fee not comparable'
        : `average weekly fee ${signed(change.averageWeeklyFeePence)}`,
    ];
    lines.push(`  against ${periodLabel(pack.compare.period)}: ${parts.join(', ')}`);
  }
  lines.push(
    `  ${pack.warnings.length} warning${pack.warnings.length === 1 ? '' : 's'}, ${pack.parked.length} parked`,
    `  files in ${out}/: ${REPORT_FILES.join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}

function occupancyText(figures: PackFigures): string {
  return figures.occupancyPermille === null
    ? 'occupancy not measured (no rooms on record)'
    : `occupancy ${percentOfPermille(figures.occupancyPermille)} (${figures.bedDaysOccupied} of ${figures.bedDaysAvailable} bed-days)`;
}
