/**
 * Funding facts: the weekly NHS Funded Nursing Care rate of each financial year, and the
 * care fund types self-funders hold.
 */

/**
 * NHS FNC standard weekly rate in England, in pence, by financial year (2024 = 2024/25).
 * Earlier and later years take the nearest known rate.
 */
const FNC_WEEKLY_PENCE: ReadonlyMap<number, number> = new Map([
  [2019, 16556],
  [2020, 18392],
  [2021, 18760],
  [2022, 20919],
  [2023, 21971],
  [2024, 23588],
  [2025, 25406],
]);

/**
 * The weekly FNC rate of a financial year, in pence.
 *
 * @example fncWeeklyPence(2024) === 23588 // £235.88, 2024/25
 */
export function fncWeeklyPence(financialYear: number): number {
  const clamped = Math.min(2025, Math.max(2019, financialYear));
  return FNC_WEEKLY_PENCE.get(clamped) as number;
}

export interface FundTypeSpec {
  readonly name: 'Savings' | 'Property' | 'Investments';
  readonly daysBeforeNotification: number;
  readonly descriptions: readonly string[];
}

/** The three care fund types, with how early a depletion is flagged (a house sale is slow). */
export const FUND_TYPES: readonly FundTypeSpec[] = [
  {
    name: 'Savings',
    daysBeforeNotification: 180,
    descriptions: ['Savings', 'Current account', 'Premium Bonds'],
  },
  {
    name: 'Property',
    daysBeforeNotification: 270,
    descriptions: ['House sale', 'Property', 'Bungalow sale'],
  },
  {
    name: 'Investments',
    daysBeforeNotification: 120,
    descriptions: ['ISA', 'Investments', 'Shares'],
  },
];
