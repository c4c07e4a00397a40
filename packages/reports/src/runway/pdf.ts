/**
 * `runway.pdf` (SPEC §6): a page per resident with the key dates in words, a chart of the
 * projected total against the limits and a table of month-end balances.
 */
import { type FundRunway, formatPounds, type ResidentRunway, type Runway } from '@carebill/core';
import { formatDayLong, formatDayShort } from '@carebill/core/internal';
import { type Content, type DocDefinition, FONT, renderPdf, writePdf } from '../pdf/engine.js';
import { dateOfDay } from '../preview/xlsx-table.js';
import { balanceChart, CHART_COLOURS } from './chart.js';
import { keyDateSentences, poundsInWords } from './words.js';

const REGION_NAMES: Record<Runway['region'], string> = {
  england: 'England',
  scotland: 'Scotland',
  wales: 'Wales',
  'northern-ireland': 'Northern Ireland',
  custom: 'Custom',
};

/**
 * The runway PDF as bytes. Its metadata dates are the as-of date, never the clock, so the
 * same runway gives the same bytes.
 *
 * @example
 * const runway = projectRunway(loaded, { asOf: parseDay('2024-11-22')! });
 * const pdf = await renderRunwayPdf(runway); // Uint8Array starting with %PDF-
 */
export function renderRunwayPdf(runway: Runway): Promise<Uint8Array> {
  return renderPdf(runwayDocument(runway));
}

/**
 * Writes the runway PDF into a writable stream (a file, an HTTP response), ends the stream
 * and resolves once it has finished. The bytes are those of {@link renderRunwayPdf}.
 *
 * @example await writeRunwayPdf(runway, createWriteStream('runway.pdf'));
 */
export function writeRunwayPdf(runway: Runway, output: NodeJS.WritableStream): Promise<void> {
  return writePdf(runwayDocument(runway), output);
}

/** The pdfmake document of the runway: a page per resident. */
function runwayDocument(runway: Runway): DocDefinition {
  const stamp = dateOfDay(runway.asOf);
  const funds = new Map<string, FundRunway>(runway.funds.map((f) => [f.id, f]));
  const pages: Content[] = runway.serviceUsers.map((resident, i) => ({
    stack: residentPage(runway, resident, funds),
    ...(i > 0 ? { pageBreak: 'before' } : {}),
  }));
  if (pages.length === 0) {
    pages.push({ text: 'No resident has a care fund to project.', margin: [0, 20, 0, 0] });
  }
  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 44],
    defaultStyle: { font: FONT, fontSize: 10, lineHeight: 1.15 },
    info: {
      title: `Care fund runway as of ${formatDayLong(runway.asOf)}`,
      author: 'carebill',
      subject: 'Care fund runway',
      creator: 'carebill',
      producer: 'carebill',
      creationDate: stamp,
      modDate: stamp,
    },
    footer: (page: number, count: number) => ({
      text: `Care fund runway as of ${formatDayShort(runway.asOf)} — page ${page} of ${count}`,
      fontSize: 8,
      color: '#555555',
      margin: [40, 16, 40, 0],
    }),
    content: pages,
  };
}

function residentPage(
  runway: Runway,
  resident: ResidentRunway,
  funds: ReadonlyMap<string, FundRunway>,
): Content[] {
  const { upperPence, lowerPence } = runway.limits;
  const limitsText =
    upperPence === lowerPence
      ? `capital limit ${poundsInWords(upperPence)}`
      : `upper limit ${poundsInWords(upperPence)}, lower limit ${poundsInWords(lowerPence)}`;
  const residentFunds = resident.funds
    .map((id) => funds.get(id))
    .filter((f): f is FundRunway => f !== undefined);
  return [
    { text: resident.name, fontSize: 18, bold: true },
    {
      text: `Care fund runway as of ${formatDayLong(runway.asOf)} · ${REGION_NAMES[runway.region]} ${limitsText} · forecast to ${formatDayLong(runway.horizonEnd)}`,
      fontSize: 9,
      color: '#444444',
      margin: [0, 2, 0, 8],
    },
    {
      text: `Total savings at ${formatDayLong(runway.asOf)}: ${formatPounds(resident.totalAsOfPence)}`,
      bold: true,
      margin: [0, 0, 0, 4],
    },
    { ul: keyDateSentences(runway, resident), margin: [0, 0, 0, 4] },
    {
      ul: residentFunds.map((f) => fundSentence(f)),
      fontSize: 9,
      margin: [0, 0, 0, 2],
    },
    legend(upperPence === lowerPence),
    balanceChart(runway, resident),
    monthTable(resident, residentFunds),
  ];
}

function fundSentence(fund: FundRunway): string {
  const name = fund.description ? `${fund.description} (${fund.id})` : fund.id;
  const runsOut =
    fund.depletionDate === null
      ? 'does not run out within the forecast'
      : `runs out on ${formatDayLong(fund.depletionDate)}${fund.notifyDepletionBy === null ? '' : ` (notice due by ${formatDayLong(fund.notifyDepletionBy)})`}`;
  return `${name}: ${formatPounds(fund.balanceAsOfPence)} now; ${runsOut}.`;
}

function legend(single: boolean): Content {
  const item = (colour: string, text: string) => ({
    text: [{ text: '■ ', color: colour }, text],
    fontSize: 8,
    width: 'auto',
    margin: [0, 0, 12, 0],
  });
  return {
    columns: [
      item(CHART_COLOURS.balance, 'Projected total savings'),
      item(CHART_COLOURS.upper, single ? 'Capital limit' : 'Upper limit'),
      ...(single ? [] : [item(CHART_COLOURS.lower, 'Lower limit')]),
    ],
    margin: [0, 6, 0, 0],
  };
}

/** Month-end totals (and each fund when there are few) in two side-by-side tables. */
function monthTable(resident: ResidentRunway, funds: readonly FundRunway[]): Content {
  const showFunds = funds.length > 1 && funds.length <= 2;
  // pdfmake annotates the nodes it lays out: each table needs its own header objects.
  const header = () => [
    { text: 'Month end', bold: true, noWrap: true },
    ...(showFunds
      ? funds.map((f) => ({ text: f.description || f.id, bold: true, alignment: 'right' }))
      : []),
    { text: 'Total', bold: true, alignment: 'right' },
  ];
  const rows = resident.monthly.map((m, i) => [
    { text: formatDayShort(m.monthEnd).replace(/^\d+ /, ''), noWrap: true },
    ...(showFunds
      ? funds.map((f) => ({
          text: formatPounds(f.monthly[i]?.closingBalancePence ?? 0),
          alignment: 'right',
        }))
      : []),
    { text: formatPounds(m.closingBalancePence), alignment: 'right' },
  ]);
  const half = Math.ceil(rows.length / 2);
  const table = (body: unknown[][]) => ({
    table: {
      headerRows: 1,
      widths: [
        'auto',
        ...header()
          .slice(1)
          .map(() => '*'),
      ],
      body: [header(), ...body],
    },
    layout: 'lightHorizontalLines',
    fontSize: 8,
  });
  return {
    columns: [table(rows.slice(0, half)), table(rows.slice(half))],
    columnGap: 16,
  };
}
