/**
 * The `description` of a referral: what the charity is told, in plain words.
 */
import { type Day, formatDayLong } from '../calendar/day.js';
import { formatPounds } from '../money/format.js';

/** Pounds without pence when they are whole: `£23,250`, `£1,385.54`. */
function formatPoundsShort(amountPence: number): string {
  // Stryker disable next-line Regex: formatted pounds hold one decimal point, so ".00" can only end them
  return formatPounds(amountPence).replace(/\.00$/, '');
}

export interface DescriptionFacts {
  /** The resident as named to the charity, with their title when known ("Mrs Ann Smith"). */
  readonly residentName: string;
  readonly asOf: Day;
  readonly upperLimitDate: Day;
  readonly notifyCouncilBy: Day;
  readonly overdue: boolean;
  readonly upperLimitPence: number;
  readonly weeklyFeePence: number | null;
}

/**
 * The referral's description: when the capital falls below the upper limit, by when the
 * council should be told, and the current weekly fee. Dates as a person reads them, money
 * in pounds; no gendered pronouns (carebill does not know them).
 *
 * @example describeReferral({ residentName: 'Mrs Ann Smith', asOf, upperLimitDate: 14 Mar 2026,
 *   notifyCouncilBy: 14 Dec 2025, overdue: false, upperLimitPence: 2325000, weeklyFeePence: 138554 })
 * // "Mrs Ann Smith's savings are projected to fall below the upper capital limit of £23,250 on
 * //  14 March 2026. The council should be told by 14 December 2025. Their current weekly fee
 * //  is £1,385.54."
 */
export function describeReferral(facts: DescriptionFacts): string {
  const limit = formatPoundsShort(facts.upperLimitPence);
  const sentences = [
    facts.upperLimitDate <= facts.asOf
      ? `${facts.residentName}'s savings are already below the upper capital limit of ${limit} (projected from ${formatDayLong(facts.upperLimitDate)}).`
      : `${facts.residentName}'s savings are projected to fall below the upper capital limit of ${limit} on ${formatDayLong(facts.upperLimitDate)}.`,
    facts.overdue
      ? `The council should be told now: by ${formatDayLong(facts.asOf)} the usual notice period had already run out.`
      : `The council should be told by ${formatDayLong(facts.notifyCouncilBy)}.`,
  ];
  if (facts.weeklyFeePence !== null) {
    sentences.push(`Their current weekly fee is ${formatPounds(facts.weeklyFeePence)}.`);
  }
  return sentences.join(' ');
}
