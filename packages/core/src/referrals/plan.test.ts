import { describe, expect, it } from 'vitest';
import {
  contract,
  d,
  dataset,
  loaded,
  serviceUser,
  serviceUserContact,
} from '../../test/builders.js';
import { formatDay } from '../calendar/day.js';
import { CarebillError } from '../errors/carebill-error.js';
import { findBillingContact } from './contact.js';
import { describeReferral } from './describe.js';
import { planReferrals } from './plan.js';
import type { ReferralCandidate, ReferralOptions } from './types.js';
import { validateReferral } from './validate.js';

const T = d('2025-09-14');
const address = {
  address1: '10 High Street',
  address2: '',
  town: 'Ross-on-Wye',
  county: '',
  postcode: 'HR9 7US',
  country: '',
};

function candidate(
  serviceUser: string,
  notify: string | null,
  upper: string | null,
  fields: Partial<ReferralCandidate> = {},
): ReferralCandidate {
  return {
    serviceUser,
    notifyCouncilBy: notify === null ? null : d(notify),
    upperLimitDate: upper === null ? null : d(upper),
    overdue: false,
    weeklyFeePence: 138554,
    ...fields,
  };
}

function home() {
  return dataset({
    serviceUsers: [
      serviceUser('su1', { title: 'Mrs', firstName: 'Ann', lastName: 'Smith' }),
      serviceUser('su2', { firstName: 'Bob', lastName: 'Jones' }),
      serviceUser('su3', { firstName: 'Cara', lastName: 'Doyle' }),
      serviceUser('su4', { firstName: 'Dai', lastName: 'Ŵyn' }),
      serviceUser('su5', { firstName: 'Eve', lastName: '' }),
      serviceUser('su6', { firstName: 'Fay', lastName: 'Green' }),
    ],
    serviceUserContacts: [
      // su1: the balance payer c2 beats the billing-enabled c1 that comes first by id
      serviceUserContact('c1', { serviceUser: 'su1', firstName: 'Ian', lastName: 'Smith' }),
      serviceUserContact('c2', {
        serviceUser: 'su1',
        firstName: 'Alice',
        lastName: 'Smith',
        billingEnabled: false,
        postalAddress: address,
        email: 'alice@example.org',
        phone: '01989 000000',
      }),
      // su2: no balance payer contract; the first billing-enabled contact by id
      serviceUserContact('c9', { serviceUser: 'su2', firstName: 'Zed', lastName: 'Jones' }),
      serviceUserContact('c3', {
        serviceUser: 'su2',
        firstName: 'Ceri',
        lastName: 'Jones',
        billingEnabled: false,
      }),
      serviceUserContact('c4', { serviceUser: 'su2', firstName: 'Dora', lastName: 'Jones' }),
      // su6: a contact without a surname
      serviceUserContact('c6', { serviceUser: 'su6', firstName: 'Gil', lastName: ' ' }),
    ],
    contracts: [
      contract({ id: 'k1', serviceUser: 'su1', payer: { kind: 'service_user_contact', id: 'c2' } }),
      // an ended balance payer of su2 does not count
      contract({
        id: 'k2',
        serviceUser: 'su2',
        endDate: d('2025-01-31'),
        payer: { kind: 'service_user_contact', id: 'c3' },
      }),
      // a council paying the balance of su3 does not make it the charity's contact
      contract({ id: 'k3', serviceUser: 'su3', payer: { kind: 'location_contact', id: 'la' } }),
    ],
  });
}

const options = (consent: string[], more: Partial<ReferralOptions> = {}): ReferralOptions => ({
  asOf: T,
  consent: new Set(consent),
  upperLimitPence: 2325000,
  ...more,
});

describe('findBillingContact', () => {
  it('takes the balance payer, else the first billing-enabled contact by id, else none', () => {
    const data = home();
    expect(findBillingContact(data, 'su1', T)?.id).toBe('c2');
    expect(findBillingContact(data, 'su2', T)?.id).toBe('c4');
    expect(findBillingContact(data, 'su3', T)).toBeNull();
    // before k2 ended, c3 was su2's balance payer
    expect(findBillingContact(data, 'su2', d('2025-01-31'))?.id).toBe('c3');
  });
});

describe('describeReferral', () => {
  it('reads as the issue asks, with dates in words and fees in pounds', () => {
    expect(
      describeReferral({
        residentName: 'Mrs Ann Smith',
        asOf: T,
        upperLimitDate: d('2026-03-14'),
        notifyCouncilBy: d('2025-12-14'),
        overdue: false,
        upperLimitPence: 2325000,
        weeklyFeePence: 138554,
      }),
    ).toBe(
      "Mrs Ann Smith's savings are projected to fall below the upper capital limit of £23,250 on 14 March 2026. " +
        'The council should be told by 14 December 2025. Their current weekly fee is £1,385.54.',
    );
  });

  it('says when notice is overdue or the capital is already below, and leaves out an unknown fee', () => {
    expect(
      describeReferral({
        residentName: 'Bob Jones',
        asOf: T,
        upperLimitDate: T,
        notifyCouncilBy: T,
        overdue: true,
        upperLimitPence: 3550000,
        weeklyFeePence: null,
      }),
    ).toBe(
      "Bob Jones's savings are already below the upper capital limit of £35,500 (projected from 14 September 2025). " +
        'The council should be told now: by 14 September 2025 the usual notice period had already run out.',
    );
  });
});

describe('planReferrals', () => {
  const candidates = [
    candidate('su6', '2025-10-01', '2026-01-01'),
    candidate('su5', '2025-10-01', '2026-01-01'),
    candidate('su4', null, null),
    candidate('su3', '2026-03-15', '2026-06-15'), // one day after T + 6 months
    candidate('su2', '2025-09-14', '2025-11-01', { overdue: true }),
    candidate('su1', '2025-12-14', '2026-03-14'),
    candidate('su7', '2025-10-01', '2026-01-01'),
  ];

  it('refers only consented residents due within the window; the rest need consent or are skipped', () => {
    const plan = planReferrals(
      loaded(home()),
      candidates,
      options(['su1', 'su3', 'su4', 'su5', 'su6', 'su7']),
    );
    expect(formatDay(plan.windowEnd)).toBe('2026-03-14');
    expect(plan.referrals.map((r) => r.serviceUser)).toEqual(['su1']);
    expect(plan.needsConsent.map((n) => [n.serviceUser, n.overdue])).toEqual([['su2', true]]);
    expect(plan.skipped.map((s) => [s.serviceUser, s.code])).toEqual([
      ['su3', 'NOT_DUE'],
      ['su4', 'NO_UPPER_LIMIT_DATE'],
      ['su5', 'MISSING_REQUIRED_FIELD'],
      ['su6', 'MISSING_REQUIRED_FIELD'],
      ['su7', 'UNKNOWN_RESIDENT'],
    ]);
    expect(plan.skipped[2]?.reason).toBe(
      'Resident su5 (Eve): the resident has no surname, which Charitylog requires; add the last name in CareHQ.',
    );
    expect(plan.skipped[3]?.reason).toContain(
      'Resident su6 (Fay Green): their billing contact (service user contact c6) has no surname',
    );
  });

  it('includes a notice date exactly on the window end, and every overdue resident', () => {
    const plan = planReferrals(
      loaded(home()),
      [
        candidate('su3', '2026-03-14', '2026-06-14'),
        candidate('su2', '2025-09-14', '2025-11-01', { overdue: true }),
      ],
      options(['su2', 'su3']),
    );
    expect(plan.referrals.map((r) => r.serviceUser)).toEqual(['su2', 'su3']);
  });

  it('builds the two people of §9 with the defaults', () => {
    const [referral] = planReferrals(loaded(home()), candidates, options(['su1'])).referrals;
    expect(referral?.contact).toBe('c2');
    expect(referral?.people).toEqual([
      {
        source: '1',
        referral_role: '1',
        first_name: 'Alice',
        surname: 'Smith',
        address1: '10 High Street',
        postcode: 'HR9 7US',
        email: 'alice@example.org',
        phone: '01989 000000',
        org_type_id: 1,
        description:
          "Mrs Ann Smith's savings are projected to fall below the upper capital limit of £23,250 on 14 March 2026. " +
          'The council should be told by 14 December 2025. Their current weekly fee is £1,385.54.',
      },
      { source: '1', referral_role: '2', first_name: 'Ann', surname: 'Smith', org_type_id: 1 },
    ]);
  });

  it('refers a resident with no contact alone, as role 1, with the options given', () => {
    const plan = planReferrals(
      loaded(home()),
      [candidate('su3', '2025-12-01', '2026-03-01', { weeklyFeePence: null })],
      options(['su3'], { orgTypeId: 4, source: '2', project: '7' }),
    );
    expect(plan.referrals[0]?.people).toEqual([
      {
        source: '2',
        referral_role: '1',
        first_name: 'Cara',
        surname: 'Doyle',
        org_type_id: 4,
        description:
          "Cara Doyle's savings are projected to fall below the upper capital limit of £23,250 on 1 March 2026. " +
          'The council should be told by 1 December 2025.',
        project: '7',
      },
    ]);
  });

  it('leaves out source and referral_role when the source is null', () => {
    const plan = planReferrals(
      loaded(home()),
      [candidate('su1', '2025-12-14', '2026-03-14')],
      options(['su1'], { source: null }),
    );
    expect(plan.referrals[0]?.people.map((p) => [p.source, p.referral_role])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('skips parked residents and refuses a bad org type before anything is sent', () => {
    const parked = planReferrals(
      loaded(home(), ['su1']),
      [candidate('su1', '2025-12-14', '2026-03-14')],
      options(['su1']),
    );
    expect(parked.skipped.map((s) => s.code)).toEqual(['PARKED']);
    const bad = () =>
      planReferrals(
        loaded(home()),
        [candidate('su1', '2025-12-14', '2026-03-14')],
        options(['su1'], { orgTypeId: 0 }),
      );
    expect(bad).toThrow(CarebillError);
    expect(bad).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', option: 'orgTypeId' }));
    // A person built with a bad org type anyway is still refused before it is sent.
    const [good] = planReferrals(
      loaded(home()),
      [candidate('su1', '2025-12-14', '2026-03-14')],
      options(['su1']),
    ).referrals;
    const person = { ...good!.people[0]!, org_type_id: 0 };
    expect(validateReferral({ ...good!, people: [person] })[0]).toContain(
      'has no org_type_id, which Charitylog requires',
    );
  });

  it('flags a person with a source but no referral_role', () => {
    const referral = planReferrals(
      loaded(home()),
      [candidate('su3', '2025-12-01', '2026-03-01')],
      options(['su3']),
    ).referrals[0]!;
    const { referral_role: _role, ...rest } = referral.people[0]!;
    expect(validateReferral({ ...referral, people: [rest] })).toEqual([
      'Resident su3 (Cara Doyle): the resident has no referral_role, which Charitylog requires; every person needs a referral_role when a source is set.',
    ]);
  });
});
