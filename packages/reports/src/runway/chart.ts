/**
 * The chart of a resident's projected total against the limits, drawn with pdfmake vector
 * shapes: a polyline through the balance at T and at every month end, dashed lines for the
 * limits, dots where the total crosses them, and axis labels placed relative to the chart.
 */
import type { Day, ResidentRunway, Runway } from '@carebill/core';
import { formatDayShort } from '@carebill/core/internal';
import type { Content } from '../pdf/engine.js';
import { poundsInWords } from './words.js';

export const CHART_COLOURS = {
  balance: '#1f4e79',
  upper: '#c08000',
  lower: '#c00000',
  axis: '#444444',
};

const WIDTH = 500;
const HEIGHT = 180;
const LEFT = 52; // room for the money labels
const BOTTOM = 16; // room for the month labels

/** A round upper bound for the money axis: 1, 2 or 5 × a power of ten, above `pence`. */
function niceMax(pence: number): number {
  if (pence <= 0) return 100000;
  const power = 10 ** Math.floor(Math.log10(pence));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= pence) return step * power;
  }
  return 10 * power;
}

/**
 * The chart as pdfmake content.
 *
 * @example { stack: [title, balanceChart(runway, resident)] }
 */
export function balanceChart(runway: Runway, resident: ResidentRunway): Content {
  const points: { day: Day; pence: number }[] = [
    { day: runway.asOf, pence: resident.totalAsOfPence },
    ...resident.monthly
      .filter((m) => m.monthEnd > runway.asOf)
      .map((m) => ({ day: m.monthEnd, pence: m.closingBalancePence })),
  ];
  const { upperPence, lowerPence } = runway.limits;
  const top = niceMax(Math.max(upperPence, ...points.map((p) => p.pence)) * 1.05);
  const plotWidth = WIDTH - LEFT;
  const plotHeight = HEIGHT - BOTTOM;
  const span = Math.max(1, runway.horizonEnd - runway.asOf);
  const x = (day: number) => LEFT + ((day - runway.asOf) / span) * plotWidth;
  const y = (pence: number) => plotHeight - (Math.max(0, pence) / top) * plotHeight;

  const lines: Record<string, unknown>[] = [
    {
      type: 'line',
      x1: LEFT,
      y1: 0,
      x2: LEFT,
      y2: plotHeight,
      lineWidth: 0.8,
      lineColor: CHART_COLOURS.axis,
    },
    {
      type: 'line',
      x1: LEFT,
      y1: plotHeight,
      x2: WIDTH,
      y2: plotHeight,
      lineWidth: 0.8,
      lineColor: CHART_COLOURS.axis,
    },
    limitLine(y(upperPence), CHART_COLOURS.upper),
  ];
  if (lowerPence !== upperPence) lines.push(limitLine(y(lowerPence), CHART_COLOURS.lower));
  lines.push({
    type: 'polyline',
    points: points.map((p) => ({ x: x(p.day), y: y(p.pence) })),
    lineWidth: 2,
    lineColor: CHART_COLOURS.balance,
  });
  for (const [day, pence, colour] of [
    [resident.upperLimitDate, upperPence, CHART_COLOURS.upper],
    [resident.lowerLimitDate, lowerPence, CHART_COLOURS.lower],
  ] as const) {
    if (day === null) continue;
    lines.push({ type: 'ellipse', x: x(day), y: y(pence), r1: 3, r2: 3, color: colour });
  }

  const labels: Record<string, unknown>[] = [];
  // The top of the axis is labelled unless it would print over the upper limit's label.
  const ticks =
    top - upperPence > top * 0.08 ? [0, lowerPence, upperPence, top] : [0, lowerPence, upperPence];
  const moneyTicks = ticks.filter((v, i, all) => all.indexOf(v) === i);
  for (const value of moneyTicks) {
    labels.push({
      text: poundsInWords(value),
      fontSize: 7,
      relativePosition: { x: 0, y: y(value) - 4 },
    });
  }
  const step = Math.max(1, Math.ceil(resident.monthly.length / 7));
  resident.monthly.forEach((m, i) => {
    if (i % step !== 0) return;
    const left = Math.min(WIDTH - 40, Math.max(0, x(m.monthEnd) - 20));
    labels.push({
      text: formatDayShort(m.monthEnd).replace(/^\d+ /, ''),
      fontSize: 7,
      relativePosition: { x: left, y: plotHeight + 4 },
    });
    lines.push({
      type: 'line',
      x1: x(m.monthEnd),
      y1: plotHeight,
      x2: x(m.monthEnd),
      y2: plotHeight + 3,
      lineWidth: 0.5,
      lineColor: CHART_COLOURS.axis,
    });
  });
  return {
    stack: [{ stack: labels }, { canvas: lines }],
    unbreakable: true,
    margin: [0, 6, 0, 10],
  };
}

function limitLine(yAt: number, colour: string): Record<string, unknown> {
  return {
    type: 'line',
    x1: LEFT,
    y1: yAt,
    x2: WIDTH,
    y2: yAt,
    lineWidth: 1,
    lineColor: colour,
    dash: { length: 4, space: 3 },
  };
}
