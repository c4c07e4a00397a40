/**
 * Run options that change how charges are computed (SPEC §3.1, §3.2).
 */

/** `day` bills the last covered day of a stay; `night` does not (1st–8th = 7 nights). */
export type DayRule = 'day' | 'night';

/** How charges are counted: the day rule and the `monthly52` convention (SPEC §3.1, §3.2). */
export interface ChargeOptions {
  /** Default `day`. */
  readonly dayRule?: DayRule;
  /**
   * Bill a weekly-rate booking that covers a whole calendar-month period at
   * `roundHalfUp(rate × 52 / 12)` instead of its days. Not additive across months.
   */
  readonly monthly52?: boolean;
}
