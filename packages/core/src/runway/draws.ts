/**
 * What each fund draws, as schedule components (SPEC §5 "What a fund pays"):
 *
 * - whole fee: a resident with funds but no contract linked to a fund pays the fee of every
 *   billed day from their funds — one component per booking segment, the booking's own
 *   cumulative rounding (`Cum(B, d)`, anchored at the segment's first day);
 * - contracts: a fund pays the shares of the contracts whose `care_fund` is its id. The
 *   shares come from the charges engine month by month (exactly the invoice lines of each
 *   month); within a run of days the run's amount is spread by cumulative rounding, so a
 *   fund's draw never goes backwards by a rounding penny.
 */
import { type Day, lastOfMonth, ymdOfDay } from '../calendar/day.js';
import { type ChargeContext, createChargeContext } from '../charges/context.js';
import { cumulativeAmount, dailyFee } from '../charges/fee.js';
import { type BalancePayerConflict, chargeRuns } from '../charges/split.js';
import type { Booking, Dataset } from '../dataset/model.js';
import { mulDivHalfUp } from '../money/round.js';
import type { DrawComponent } from './schedule.js';
import { type BookingSegment, bookingSegments, upliftedContracts } from './segments.js';

export interface DrawBuilder {
  segments(booking: Booking): BookingSegment[];
  /** The components of the whole fee of these bookings. */
  feeComponents(bookings: readonly Booking[]): DrawComponent[];
  /**
   * The components each fund draws for the contract shares of these bookings, from
   * `windowStart`, by fund id — or the first day two contracts both pay the balance.
   */
  contractComponents(
    bookings: readonly Booking[],
    windowStart: Day,
  ):
    | { readonly ok: true; readonly byFund: Map<string, DrawComponent[]> }
    | { readonly ok: false; readonly conflict: BalancePayerConflict };
}

/**
 * Builds the draw components of a projection up to `horizon` with the given uplift days.
 *
 * @example createDrawBuilder(dataset, horizon, [], undefined).feeComponents(bookings)
 */
export function createDrawBuilder(
  dataset: Dataset,
  horizon: Day,
  uplifts: readonly Day[],
  percent: string | undefined,
): DrawBuilder {
  const contexts = new Map<number, ChargeContext>();
  const contextFor = (year: number): ChargeContext => {
    let context = contexts.get(year);
    // Stryker disable next-line ConditionalExpression: a memo; a context made again for the same year is the same
    if (context === undefined) {
      context = createChargeContext(upliftedContracts(dataset, percent, year));
      contexts.set(year, context);
    }
    return context;
  };
  const segments = (booking: Booking) => bookingSegments(booking, horizon, uplifts, percent);

  return {
    segments,
    feeComponents(bookings) {
      const components: DrawComponent[] = [];
      for (const booking of bookings) {
        for (const segment of segments(booking)) {
          const daily = dailyFee(segment.booking);
          // Stryker disable next-line EqualityOperator: a zero rate draws nothing either way
          if (daily.numerator < 0) continue; // a negative rate draws nothing
          const anchor = segment.from;
          components.push({
            from: segment.from,
            to: segment.to,
            through: (day) => cumulativeAmount(daily, anchor, day),
          });
        }
      }
      return components;
    },
    contractComponents(bookings, windowStart) {
      const byFund = new Map<string, DrawComponent[]>();
      for (const booking of bookings) {
        for (const segment of segments(booking)) {
          const context = contextFor(segment.year);
          const from = Math.max(segment.from, windowStart) as Day;
          for (const month of monthPieces(from, segment.to)) {
            // Stryker disable next-line ObjectLiteral: 'day' is chargeRuns' default too; SPEC §5 names it
            const result = chargeRuns(context, segment.booking, month, { dayRule: 'day' });
            if (!result.ok) return result;
            for (const run of result.runs) {
              const totals = new Map<string, number>();
              for (const share of run.shares) {
                const fund = share.contract?.careFund ?? null;
                if (fund === null) continue;
                totals.set(fund, (totals.get(fund) ?? 0) + share.amountPence);
              }
              for (const [fund, totalPence] of totals) {
                const list = byFund.get(fund) ?? [];
                list.push(new Spread(run.range.from, run.range.to, totalPence));
                byFund.set(fund, list);
              }
            }
          }
        }
      }
      return { ok: true, byFund };
    },
  };
}

/**
 * An amount spread over `from`..`to` by cumulative rounding. One object, not a closure
 * over a context: a group's runway makes one for every run of every month of a fund's
 * contracts (~100,000), and they live as long as its schedule.
 */
class Spread implements DrawComponent {
  constructor(
    readonly from: Day,
    readonly to: Day,
    private readonly totalPence: number,
  ) {}

  through(day: Day): number {
    return mulDivHalfUp(this.totalPence, day - this.from + 1, this.to - this.from + 1);
  }
}

/** `from`..`to` cut at month ends. */
function monthPieces(from: Day, to: Day): { from: Day; to: Day }[] {
  const pieces: { from: Day; to: Day }[] = [];
  let start = from as number;
  while (start <= to) {
    const { year, month } = ymdOfDay(start);
    const end = Math.min(lastOfMonth(year, month), to);
    pieces.push({ from: start as Day, to: end as Day });
    start = end + 1;
  }
  return pieces;
}
