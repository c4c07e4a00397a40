/**
 * `report.pdf` (SPEC §11): a page for the group, then one per home — the key figures in
 * large type, the same figures in words, a bar chart of fee income by funding source (vector
 * shapes) and its table. With a compared period each figure shows its change.
 */
import {
  type DayRange,
  formatPounds,
  type ManagementPack,
  type PackChange,
  type PackFigures,
} from '@carebill/core';
import { formatDayLong } from '@carebill/core/internal';
import { type Content, type DocDefinition, FONT, renderPdf, writePdf } from '../pdf/engine.js';
import { dateOfDay } from '../preview/xlsx-table.js';
import { barsOffset, CHART_COLOURS, chartRows, fundingChart } from './chart.js';
import { fundingSourceName, periodLabel } from './labels.js';
import {
  changeSentence,
  figureSentences,
  groupThousands,
  percentOfPermille,
  sharePermille,
} from './words.js';

type Compared = PackFigures & { readonly change: PackChange };

const GREY = '#555555';

/**
 * The pack's PDF as bytes: a page for the group, then one per home. Its metadata dates are
 * the period's first day, never the clock, so the same pack gives the same bytes.
 *
 * @example
 * const pack = buildManagementPack(loaded, { period });
 * const pdf = await renderManagementPackPdf(pack); // Uint8Array starting with %PDF-
 */
export function renderManagementPackPdf(pack: ManagementPack): Promise<Uint8Array> {
  return renderPdf(managementPackDocument(pack));
}

/**
 * Writes the pack's PDF into a writable stream (a file, an HTTP response), ends the stream
 * and resolves once it has finished. The bytes are those of {@link renderManagementPackPdf}.
 *
 * @example await writeManagementPackPdf(pack, createWriteStream('report.pdf'));
 */
export function writeManagementPackPdf(
  pack: ManagementPack,
  output: NodeJS.WritableStream,
): Promise<void> {
  return writePdf(managementPackDocument(pack), output);
}

/**
 * The pack's pdfmake document (for the benchmark, which renders it with pdfmake alone).
 *
 * @internal
 */
export function managementPackDocument(pack: ManagementPack): DocDefinition {
  const stamp = dateOfDay(pack.period.from);
  const label = periodLabel(pack.period);
  const pages: Content[] = [
    page(
      pack,
      `Group: ${pack.homes.length} home${pack.homes.length === 1 ? '' : 's'}`,
      pack.group,
      pack.compare?.group ?? null,
      false,
    ),
    ...pack.homes.map((home, i) =>
      page(pack, home.name, home, pack.compare?.homes[i] ?? null, true),
    ),
  ];
  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 44],
    defaultStyle: { font: FONT, fontSize: 10, lineHeight: 1.2 },
    info: {
      title: `Management pack ${label}`,
      author: 'carebill',
      subject: 'Fee income, occupancy and average weekly fee',
      creator: 'carebill',
      producer: 'carebill',
      creationDate: stamp,
      modDate: stamp,
    },
    footer: (current: number, count: number) => ({
      text: `Management pack ${label} — page ${current} of ${count}`,
      fontSize: 9,
      color: GREY,
      margin: [40, 16, 40, 0],
    }),
    content: pages,
  };
}

function page(
  pack: ManagementPack,
  title: string,
  figures: PackFigures,
  before: Compared | null,
  breakBefore: boolean,
): Content {
  const compare = pack.compare;
  const rows = chartRows(figures.byFunding, before?.byFunding);
  return {
    stack: [
      { text: title, fontSize: 20, bold: true },
      {
        text: subtitle(pack),
        fontSize: 10,
        color: GREY,
        margin: [0, 2, 0, 12],
      },
      keyFigures(figures, before, compare?.period ?? null),
      { ul: figureSentences(figures, pack.period), margin: [0, 10, 0, 0] },
      ...(before !== null && compare !== null
        ? [{ text: changeSentence(figures, before, compare.period), margin: [0, 4, 0, 0] }]
        : []),
      {
        text: 'Fee income by funding source',
        fontSize: 13,
        bold: true,
        margin: [0, 12, 0, 2],
      },
      ...(compare === null ? [] : [legend(pack.period, compare.period)]),
      rows.length === 0
        ? { text: 'No fees in this period.', color: GREY, margin: [0, 4, 0, 0] }
        : fundingChart(rows, figures.feesPence),
      ...(rows.length === 0 ? [] : [sourceTable(figures, before, pack, rows)]),
    ],
    ...(breakBefore && { pageBreak: 'before' }),
  };
}

function subtitle(pack: ManagementPack): string {
  const { from, to } = pack.period;
  const rule =
    pack.dayRule === 'day'
      ? 'each stay’s last day counted'
      : 'nights: a stay’s last day not counted';
  const compared =
    pack.compare === null ? '' : ` · compared with ${periodLabel(pack.compare.period)}`;
  return `Management pack · ${formatDayLong(from)} – ${formatDayLong(to)} · ${rule}${pack.monthly52 ? ' · whole months of weekly rates at 52/12' : ''}${compared}`;
}

/** Four tiles: fees, occupancy, residents, average weekly fee — each with its detail. */
function keyFigures(
  figures: PackFigures,
  before: Compared | null,
  period: DayRange | null,
): Content {
  const change = before?.change ?? null;
  const since = period === null ? '' : ` on ${periodLabel(period)}`;
  const occupancy =
    figures.occupancyPermille === null ? '—' : percentOfPermille(figures.occupancyPermille);
  const occupancyDetail =
    figures.bedDaysAvailable === null
      ? 'no rooms on record'
      : `${groupThousands(figures.bedDaysOccupied)} of ${groupThousands(figures.bedDaysAvailable)} bed-days`;
  const tiles = [
    tile(
      'Fee income',
      formatPounds(figures.feesPence),
      change === null
        ? `${figures.byFunding.length} funding source${figures.byFunding.length === 1 ? '' : 's'}`
        : `${signedPounds(change.feesPence)}${change.feesPermille === null ? '' : ` (${signed(change.feesPermille, percentOfPermille)})`}${since}`,
    ),
    tile(
      'Occupancy',
      occupancy,
      change === null || change.occupancyPermille === null
        ? occupancyDetail
        : `${signed(change.occupancyPermille, (p) => percentOfPermille(p).slice(0, -1))} points${since}`,
    ),
    tile(
      'Residents',
      groupThousands(figures.residents),
      before === null
        ? `${groupThousands(figures.bedDaysOccupied)} occupied bed-days`
        : `${signed(figures.residents - before.residents, groupThousands)}${since}`,
    ),
    tile(
      'Average weekly fee',
      figures.averageWeeklyFeePence === null ? '—' : formatPounds(figures.averageWeeklyFeePence),
      change === null || change.averageWeeklyFeePence === null
        ? 'per occupied bed-week'
        : `${signedPounds(change.averageWeeklyFeePence)}${since}`,
    ),
  ];
  return {
    table: { widths: ['*', '*', '*', '*'], body: [tiles] },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: () => 0,
      fillColor: () => '#eef3f9',
      paddingLeft: () => 8,
      paddingRight: () => 8,
      paddingTop: () => 6,
      paddingBottom: () => 6,
    },
  };
}

function tile(label: string, value: string, detail: string): Content {
  return {
    stack: [
      { text: label, fontSize: 10, color: GREY },
      { text: value, fontSize: 18, bold: true, margin: [0, 2, 0, 2] },
      { text: detail, fontSize: 9, color: GREY },
    ],
  };
}

function legend(now: DayRange, before: DayRange): Content {
  const item = (colour: string, text: string) => ({
    text: [{ text: '■ ', color: colour }, text],
    fontSize: 9,
    width: 'auto',
    margin: [0, 0, 14, 0],
  });
  return {
    columns: [
      item(CHART_COLOURS.now, periodLabel(now)),
      item(CHART_COLOURS.before, periodLabel(before)),
    ],
    margin: [barsOffset(), 0, 0, 0],
  };
}

/** The chart's figures as a table a reader can add up: source, fees, share (and the change). */
function sourceTable(
  figures: PackFigures,
  before: Compared | null,
  pack: ManagementPack,
  rows: ReturnType<typeof chartRows>,
): Content {
  const comparing = before !== null && pack.compare !== null;
  const right = (text: string, extra: Record<string, unknown> = {}) => ({
    text,
    alignment: 'right',
    noWrap: true,
    ...extra,
  });
  const header = [
    { text: 'Funding source', bold: true },
    { text: 'Source', bold: true },
    right(`Fees ${periodLabel(pack.period)}`, { bold: true }),
    right('Share', { bold: true }),
    ...(comparing && pack.compare !== null
      ? [
          right(`Fees ${periodLabel(pack.compare.period)}`, { bold: true }),
          right('Change', { bold: true }),
        ]
      : []),
  ];
  const body = rows.map((row) => {
    const share = sharePermille(row.pence, figures.feesPence);
    return [
      fundingSourceName(row.source),
      { text: row.source, color: GREY, fontSize: 7.5 },
      right(formatPounds(row.pence)),
      right(share === null ? '' : percentOfPermille(share)),
      ...(comparing
        ? [
            right(formatPounds(row.beforePence ?? 0)),
            right(signedPounds(row.pence - (row.beforePence ?? 0))),
          ]
        : []),
    ];
  });
  const total = [
    { text: 'Total', bold: true },
    '',
    right(formatPounds(figures.feesPence), { bold: true }),
    right(figures.feesPence > 0 ? '100.0%' : '', { bold: true }),
    ...(comparing && before !== null
      ? [
          right(formatPounds(before.feesPence), { bold: true }),
          right(signedPounds(before.change.feesPence), { bold: true }),
        ]
      : []),
  ];
  return {
    table: {
      headerRows: 1,
      widths: ['*', 'auto', 'auto', 'auto', ...(comparing ? ['auto', 'auto'] : [])],
      body: [header, ...body, total],
    },
    layout: 'lightHorizontalLines',
    fontSize: 9,
    dontBreakRows: true,
    margin: [0, 4, 0, 0],
  };
}

function signed(value: number, format: (n: number) => string): string {
  if (value === 0) return format(0);
  return value > 0 ? `+${format(value)}` : `−${format(-value)}`;
}

function signedPounds(pence: number): string {
  return signed(pence, formatPounds);
}
