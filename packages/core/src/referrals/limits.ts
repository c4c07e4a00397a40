/**
 * The upper capital limit quoted in a referral's description: the runway's own table
 * (SPEC §5), so the two can never disagree.
 */
import { REGION_LIMITS, REGIONS, type Region } from '../runway/options.js';

/** The regions of SPEC §5. */
export const REFERRAL_REGIONS: readonly Region[] = REGIONS;
export type ReferralRegion = Region;

/**
 * The upper capital limit of a region in pence (Wales has a single limit).
 *
 * @example upperLimitOf('england') === 2325000
 */
export function upperLimitOf(region: ReferralRegion): number {
  return REGION_LIMITS[region].upperPence;
}
