/**
 * The bar chart of fee income by funding source, drawn with pdfmake vector shapes: one row
 * per source (largest first), its name on the left, a bar from the zero line (leftwards
 * for a negative amount: over-contracted), the amount and share on the right. With a
 * compared period, a thinner, lighter bar under each for that period.
 */
import { type FundingShare, formatPounds } from '@carebill/core';
import type { Content } from '../pdf/engine.js';
import { fundingSourceName } from './labels.js';
import { percentOfPermille, sharePermille } from './words.js';

export const CHART_COLOURS = {
  now: '#1f4e79',
  before: '#9dc3e6',
  negative: '#c00000',
  axis: '#7f7f7f',
} as const;

const LABEL_WIDTH = 140;
const BAR_WIDTH = 215;
const BAR_HEIGHT = 13;
const BEFORE_HEIGHT = 6;

export interface ChartRow {
  readonly source: string;
  readonly pence: number;
  /** The compared period's amount; undefined when not comparing. */
  readonly beforePence?: number;
}

/**
 * The rows of a chart: every source of this period, then those only the compared one had.
 *
 * @example chartRows(home.byFunding, before?.byFunding)
 */
export function chartRows(
  now: readonly FundingShare[],
  before?: readonly FundingShare[],
): ChartRow[] {
  if (before === undefined) return now.map((s) => ({ source: s.source, pence: s.pence }));
  const previous = new Map(before.map((s) => [s.source, s.pence]));
  const rows: ChartRow[] = now.map((s) => ({
    source: s.source,
    pence: s.pence,
    beforePence: previous.get(s.source) ?? 0,
  }));
  for (const s of before) {
    if (!now.some((n) => n.source === s.source)) {
      rows.push({ source: s.source, pence: 0, beforePence: s.pence });
    }
  }
  return rows;
}

/**
 * The chart as pdfmake content.
 *
 * @example { stack: [heading, fundingChart(chartRows(home.byFunding), home.feesPence)] }
 */
export function fundingChart(rows: readonly ChartRow[], feesPence: number): Content {
  const values = rows.flatMap((r) =>
    r.beforePence === undefined ? [r.pence] : [r.pence, r.beforePence],
  );
  const positive = Math.max(0, ...values);
  const negative = Math.max(0, ...values.map((v) => -v));
  const span = positive + negative || 1;
  const zero = (negative / span) * BAR_WIDTH;
  const width = (pence: number) => (Math.abs(pence) / span) * BAR_WIDTH;
  const comparing = rows.some((r) => r.beforePence !== undefined);
  const rowHeight = comparing ? BAR_HEIGHT + BEFORE_HEIGHT + 2 : BAR_HEIGHT;

  const body = rows.map((row) => {
    const shapes: Record<string, unknown>[] = [];
    const bar = (pence: number, y: number, h: number, colour: string) => {
      if (pence === 0) return;
      const w = Math.max(0.75, width(pence));
      shapes.push({ type: 'rect', x: pence < 0 ? zero - w : zero, y, w, h, color: colour });
    };
    bar(row.pence, 0, BAR_HEIGHT, row.pence < 0 ? CHART_COLOURS.negative : CHART_COLOURS.now);
    if (row.beforePence !== undefined) {
      bar(row.beforePence, BAR_HEIGHT + 1, BEFORE_HEIGHT, CHART_COLOURS.before);
    }
    // The zero line, drawn in every row so the rows read as one axis.
    shapes.push({
      type: 'line',
      x1: zero,
      y1: -3,
      x2: zero,
      y2: rowHeight + 3,
      lineWidth: 0.75,
      lineColor: CHART_COLOURS.axis,
    });
    const share = sharePermille(row.pence, feesPence);
    return [
      {
        text: fundingSourceName(row.source),
        alignment: 'right',
        fontSize: 10,
        margin: [0, 1, 0, 0],
      },
      { canvas: shapes, width: BAR_WIDTH },
      {
        stack: [
          {
            text: `${formatPounds(row.pence)}${share === null ? '' : ` · ${percentOfPermille(share)}`}`,
            fontSize: 9.5,
            bold: true,
            noWrap: true,
          },
          ...(row.beforePence === undefined
            ? []
            : [
                {
                  text: formatPounds(row.beforePence),
                  fontSize: 8,
                  color: '#555555',
                  noWrap: true,
                },
              ]),
        ],
        margin: [0, 1, 0, 0],
      },
    ];
  });
  return {
    table: { widths: [LABEL_WIDTH, BAR_WIDTH, '*'], body },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: () => 0,
      paddingLeft: () => 4,
      paddingRight: () => 4,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
    unbreakable: rows.length <= 12,
    margin: [0, 4, 0, 6],
  };
}

/** Where the bars start, from the chart's left edge (for a legend above them). */
export function barsOffset(): number {
  return LABEL_WIDTH + 8;
}
