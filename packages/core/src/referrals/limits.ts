/**
 * The upper capital limit quoted in a referral's description, by region (SPEC §5).
 */

/** The regions of SPEC §5. */
export const REFERRAL_REGIONS = ['england', 'northern-ireland', 'scotland', 'wales'] as const;
export type ReferralRegion = (typeof REFERRAL_REGIONS)[number];

const UPPER_LIMIT_PENCE: Record<ReferralRegion, number> = {
  england: 2325000,
  'northern-ireland': 2325000,
  scotland: 3550000,
  wales: 5000000,
};

/**
 * The upper capital limit of a region in pence (2025/26; Wales has a single limit).
 *
 * @example upperLimitOf('england') === 2325000
 */
export function upperLimitOf(region: ReferralRegion): number {
  return UPPER_LIMIT_PENCE[region];
}
