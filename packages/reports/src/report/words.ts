/**
 * The pack's figures in words, for the PDF (and anyone who reads it aloud). Every number
 * is the exact figure of `report.json`, formatted: pence as pounds, permille as a
 * percentage with one decimal.
 */
import {
  type DayRange,
  formatPounds,
  type PackChange,
  type PackFigures,
  UNALLOCATED_SOURCE,
} from '@carebill/core';
import { formatDayLong, mulDivHalfUp } from '@carebill/core/internal';
import { fundingSourceName, periodLabel } from './labels.js';

/**
 * Permille as a percentage with one decimal, exactly: 759 → "75.9%".
 *
 * @example percentOfPermille(759) === '75.9%'; percentOfPermille(-12) === '-1.2%'
 */
export function percentOfPermille(permille: number): string {
  const sign = permille < 0 ? '-' : '';
  const magnitude = Math.abs(permille);
  return `${sign}${Math.floor(magnitude / 10)}.${magnitude % 10}%`;
}

/**
 * A part's share of a whole in permille, rounded half up; null when the whole is not above 0.
 *
 * @example sharePermille(4023232, 7175375) === 561
 */
export function sharePermille(part: number, whole: number): number | null {
  return whole > 0 ? mulDivHalfUp(part, 1000, whole) : null;
}

/**
 * A whole number with thousands separators, the same on every machine: 12345 → "12,345".
 *
 * @example groupThousands(12345) === '12,345'
 */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${groupThousands(n)} ${n === 1 ? one : many}`;

/**
 * What a home (or the group) earned, how full it was and from whom, in a few sentences.
 *
 * @example figureSentences(home, { from, to })[0] // 'Fee income was £71,753.75 from 13 residents over 353 occupied bed-days: an average weekly fee of £1,422.88 (fees × 7 ÷ occupied bed-days).'
 */
export function figureSentences(figures: PackFigures, period: DayRange): string[] {
  const days = period.to - period.from + 1;
  const sentences: string[] = [];
  const fees = formatPounds(figures.feesPence);
  if (figures.bedDaysOccupied > 0) {
    sentences.push(
      `Fee income was ${fees} from ${plural(figures.residents, 'resident')} over ${plural(figures.bedDaysOccupied, 'occupied bed-day')}: an average weekly fee of ${formatPounds(figures.averageWeeklyFeePence ?? 0)} (fees × 7 ÷ occupied bed-days).`,
    );
  } else {
    sentences.push(
      `Fee income was ${fees}; no resident stayed in the period, so there is no average weekly fee.`,
    );
  }
  if (figures.bedDaysAvailable === null) {
    sentences.push(
      figures.rooms === 0
        ? 'No rooms are on record, so occupancy cannot be measured.'
        : 'Some residents stayed in homes with no rooms on record, so occupancy cannot be measured.',
    );
  } else {
    const outOfService = figures.bedDaysOutOfService ?? 0;
    const beds = `${plural(figures.rooms, 'room')} give ${plural(figures.rooms * days, 'bed-day')}`;
    const less = outOfService > 0 ? `, less ${plural(outOfService, 'day')} out of service` : '';
    const occupancy =
      figures.occupancyPermille === null
        ? 'so no bed was available'
        : `${groupThousands(figures.bedDaysOccupied)} occupied is an occupancy of ${percentOfPermille(figures.occupancyPermille)}`;
    sentences.push(
      `${capitalise(beds)}${less}: ${groupThousands(figures.bedDaysAvailable)} available; ${occupancy}.`,
    );
  }
  // Unallocated money is nobody's: it has its own sentence below.
  const [first, second] = figures.byFunding.filter(
    (s) => s.pence > 0 && s.source !== UNALLOCATED_SOURCE,
  );
  if (first !== undefined) {
    const part = (share: { source: string; pence: number }) => {
      const permille = sharePermille(share.pence, figures.feesPence);
      return `${fundingSourceName(share.source)} ${formatPounds(share.pence)}${permille === null ? '' : ` (${percentOfPermille(permille)})`}`;
    };
    sentences.push(
      second === undefined
        ? `All fees came from one source: ${part(first)}.`
        : `The largest sources of fees were ${part(first)} and ${part(second)}.`,
    );
  }
  const unallocated = figures.byFunding.find((s) => s.source === UNALLOCATED_SOURCE);
  if (unallocated !== undefined) {
    sentences.push(
      unallocated.pence > 0
        ? `${formatPounds(unallocated.pence)} of the fees has no payer yet (unallocated in the preview): a contract or billing contact is missing.`
        : `Contracts pay ${formatPounds(-unallocated.pence)} more than the fees (over-contracted in the preview): check their amounts.`,
    );
  }
  return sentences;
}

/**
 * The change from the compared period in one sentence.
 *
 * @example changeSentence(now, before, october) // 'Compared with Oct 2024 (1 October 2024 – 31 October 2024), fees fell by £1,676.50 (2.3%) from £73,430.25, …'
 */
export function changeSentence(
  now: PackFigures,
  before: PackFigures & { readonly change: PackChange },
  period: DayRange,
): string {
  const { change } = before;
  const parts: string[] = [];
  const feesPercent =
    change.feesPermille === null ? '' : ` (${percentOfPermille(Math.abs(change.feesPermille))})`;
  parts.push(
    change.feesPence === 0
      ? `fees were unchanged at ${formatPounds(now.feesPence)}`
      : `fees ${change.feesPence > 0 ? 'rose' : 'fell'} by ${formatPounds(Math.abs(change.feesPence))}${feesPercent} from ${formatPounds(before.feesPence)}`,
  );
  if (change.occupancyPermille !== null && before.occupancyPermille !== null) {
    const points = percentOfPermille(Math.abs(change.occupancyPermille)).slice(0, -1);
    parts.push(
      change.occupancyPermille === 0
        ? `occupancy was unchanged at ${percentOfPermille(before.occupancyPermille)}`
        : `occupancy ${change.occupancyPermille > 0 ? 'rose' : 'fell'} by ${points} points from ${percentOfPermille(before.occupancyPermille)}`,
    );
  }
  if (change.averageWeeklyFeePence !== null && before.averageWeeklyFeePence !== null) {
    parts.push(
      change.averageWeeklyFeePence === 0
        ? 'the average weekly fee was unchanged'
        : `the average weekly fee ${change.averageWeeklyFeePence > 0 ? 'rose' : 'fell'} by ${formatPounds(Math.abs(change.averageWeeklyFeePence))} from ${formatPounds(before.averageWeeklyFeePence)}`,
    );
  }
  const last = parts.pop() as string;
  const list = parts.length === 0 ? last : `${parts.join(', ')} and ${last}`;
  return `Compared with ${periodLabel(period)} (${formatDayLong(period.from)} – ${formatDayLong(period.to)}), ${list}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
