/**
 * Referral candidates from the runway: who is near the upper capital limit, with the
 * weekly fee their description quotes.
 */
import { addDays } from '../calendar/day.js';
import { createChargeContext } from '../charges/context.js';
import { chargeRuns } from '../charges/split.js';
import type { LoadedDataset } from '../dataset/load-types.js';
import type { RunwayOptions } from '../runway/options.js';
import { projectRunway } from '../runway/project.js';
import type { ReferralCandidate } from './types.js';

/**
 * Projects the runway with the given options (the same as `projectRunway` takes) and
 * turns each resident's result into a referral candidate. The weekly fee is what the
 * resident's bookings cost over the seven days from T (exactly the weekly rate for a
 * weekly booking), or null when no stay is billed then.
 *
 * @example
 * const candidates = referralCandidatesFromRunway(loaded, { asOf: parseDay('2024-11-22')!, region: 'england' });
 * planReferrals(loaded, candidates, { asOf, consent, upperLimitPence: REGION_LIMITS.england.upperPence })
 */
export function referralCandidatesFromRunway(
  loaded: LoadedDataset,
  options: RunwayOptions,
): ReferralCandidate[] {
  const runway = projectRunway(loaded, options);
  const { asOf } = runway;
  const context = createChargeContext(loaded.dataset);
  const week = { from: asOf, to: addDays(asOf, 6) };
  return runway.serviceUsers.map((resident) => {
    let weeklyFeePence: number | null = null;
    for (const booking of loaded.dataset.bookings) {
      if (booking.serviceUser !== resident.id) continue;
      const result = chargeRuns(context, booking, week, {});
      if (!result.ok) continue;
      for (const run of result.runs) weeklyFeePence = (weeklyFeePence ?? 0) + run.feePence;
    }
    return {
      serviceUser: resident.id,
      upperLimitDate: resident.upperLimitDate,
      notifyCouncilBy: resident.notifyCouncilBy,
      overdue: resident.flags.includes('overdue'),
      weeklyFeePence,
    };
  });
}
