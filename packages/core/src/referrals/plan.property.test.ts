import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { d, dataset, loaded, serviceUser, serviceUserContact } from '../../test/builders.js';
import { addDays, type Day } from '../calendar/day.js';
import { decodeReferralBody, encodeReferralBody, personFields } from './encode.js';
import { planReferrals } from './plan.js';
import type { ReferralCandidate } from './types.js';

const T = d('2025-09-14');
const ids = ['su1', 'su2', 'su3', 'su4', 'su5', 'su6'];
const home = dataset({
  serviceUsers: ids.map((id) => serviceUser(id, { firstName: `F${id}`, lastName: `L${id}` })),
  serviceUserContacts: [
    serviceUserContact('c1', { serviceUser: 'su1', firstName: 'Al', lastName: 'Lee' }),
  ],
});

const candidate = (id: string) =>
  fc
    .record({
      notifyOffset: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      overdue: fc.boolean(),
      fee: fc.option(fc.integer({ min: 0, max: 500000 }), { nil: null }),
    })
    .map(({ notifyOffset, overdue, fee }): ReferralCandidate => {
      const notify = notifyOffset === null ? null : (addDays(T, overdue ? 0 : notifyOffset) as Day);
      return {
        serviceUser: id,
        notifyCouncilBy: notify,
        upperLimitDate: notify === null ? null : addDays(notify, 91),
        overdue: notify !== null && overdue,
        weeklyFeePence: fee,
      };
    });

describe('planReferrals (properties)', () => {
  it('puts every candidate in exactly one list, refers only the consented and due, and every body decodes back', () => {
    fc.assert(
      fc.property(
        fc.tuple(...ids.map(candidate)),
        fc.subarray(ids),
        fc.integer({ min: 0, max: 12 }),
        (candidates, consented, withinMonths) => {
          const consent = new Set(consented);
          const plan = planReferrals(loaded(home), candidates, {
            asOf: T,
            consent,
            withinMonths,
            upperLimitPence: 2325000,
          });
          const listed = [
            ...plan.referrals.map((r) => r.serviceUser),
            ...plan.needsConsent.map((n) => n.serviceUser),
            ...plan.skipped.map((s) => s.serviceUser),
          ].sort();
          expect(listed).toEqual([...ids].sort());
          for (const referral of plan.referrals) {
            expect(consent.has(referral.serviceUser)).toBe(true);
            expect(referral.overdue || referral.notifyCouncilBy <= plan.windowEnd).toBe(true);
            expect(referral.people[0]?.referral_role).toBe('1');
            expect(decodeReferralBody(encodeReferralBody(referral.people))).toEqual(
              referral.people.map(personFields),
            );
          }
          for (const waiting of plan.needsConsent)
            expect(consent.has(waiting.serviceUser)).toBe(false);
        },
      ),
    );
  });
});
