/**
 * SPEC §9 rule by rule, at the boundaries: who is referred (the window, overdue ones, the
 * consent list), who the charity contacts (the billing contact: the live balance payer's
 * contact, else the first billing-enabled contact), what each person carries, the
 * description's words, and what Charitylog would refuse — each skip with its reason.
 */
import { describe, expect, it } from 'vitest';
import {
  contract,
  d,
  dataset,
  loaded,
  serviceUser,
  serviceUserContact,
} from '../../test/builders.js';
import type { Day } from '../calendar/day.js';
import type { Dataset } from '../dataset/model.js';
import { findBillingContact } from './contact.js';
import { describeReferral } from './describe.js';
import { resolveReferralOptions } from './options.js';
import { buildReferral, planReferrals } from './plan.js';
import type { ReferralCandidate, ReferralOptions } from './types.js';
import { missingCharitylogFields, validateReferral } from './validate.js';

const T = d('2025-09-14');

const candidate = (
  serviceUser: string,
  notify: string | null,
  upper: string | null,
  fields: Partial<ReferralCandidate> = {},
): ReferralCandidate => ({
  serviceUser,
  notifyCouncilBy: notify === null ? null : d(notify),
  upperLimitDate: upper === null ? null : d(upper),
  overdue: false,
  weeklyFeePence: 138554,
  ...fields,
});

const options = (consent: string[], more: Partial<ReferralOptions> = {}): ReferralOptions => ({
  asOf: T,
  consent: new Set(consent),
  upperLimitPence: 2325000,
  ...more,
});

const plan = (data: Dataset, candidates: ReferralCandidate[], consent: string[], more = {}) =>
  planReferrals(loaded(data), candidates, options(consent, more));

const alone = dataset({
  serviceUsers: [
    serviceUser('su1', { firstName: 'Ann', lastName: 'Smith' }),
    serviceUser('su2', { firstName: 'Bob', lastName: 'Jones' }),
  ],
});

describe('SPEC §9 who: notice dates on or before T + the window, overdue ones included, with consent', () => {
  it('the window ends T + 6 months by default, or the months given; its last day is in', () => {
    const due = (notify: string, withinMonths?: number) =>
      plan(
        alone,
        [candidate('su1', notify, '2026-06-30')],
        ['su1'],
        withinMonths === undefined ? {} : { withinMonths },
      );
    expect(due('2026-03-14').referrals).toHaveLength(1);
    expect(due('2026-03-15').skipped.map((s) => s.code)).toEqual(['NOT_DUE']);
    expect(due('2025-10-14', 1).referrals).toHaveLength(1);
    expect(due('2025-10-15', 1).skipped.map((s) => s.code)).toEqual(['NOT_DUE']);
    expect(due('2025-09-14', 0).referrals).toHaveLength(1);
  });

  it('NOT_DUE says when the council need be told and when the window ends', () => {
    const result = plan(alone, [candidate('su1', '2026-03-15', '2026-06-15')], ['su1']);
    expect(result.skipped).toEqual([
      {
        serviceUser: 'su1',
        code: 'NOT_DUE',
        reason:
          'Resident su1: the council need not be told until 2026-03-15, after the window ending 2026-03-14.',
      },
    ]);
  });

  it('an overdue resident is referred whatever the notice date', () => {
    const result = plan(
      alone,
      [candidate('su1', '2027-01-01', '2027-04-01', { overdue: true })],
      ['su1'],
    );
    expect(result.referrals.map((r) => [r.serviceUser, r.overdue])).toEqual([['su1', true]]);
  });

  it('without a notice date, the upper-limit date is the notice date', () => {
    const inWindow = plan(alone, [candidate('su1', null, '2026-03-14')], ['su1']);
    expect(inWindow.referrals.map((r) => r.notifyCouncilBy)).toEqual([d('2026-03-14')]);
    const outside = plan(alone, [candidate('su1', null, '2026-03-15')], []);
    expect(outside.skipped.map((s) => s.code)).toEqual(['NOT_DUE']);
    const needs = plan(alone, [candidate('su1', null, '2026-01-01')], []);
    expect(needs.needsConsent).toEqual([
      {
        serviceUser: 'su1',
        upperLimitDate: d('2026-01-01'),
        notifyCouncilBy: d('2026-01-01'),
        overdue: false,
      },
    ]);
  });

  it('nobody outside the consent list is referred: they need consent, overdue or not', () => {
    const result = plan(
      alone,
      [
        candidate('su2', '2025-09-14', '2025-12-14', { overdue: true }),
        candidate('su1', '2025-12-14', '2026-03-14'),
      ],
      ['su9'],
    );
    expect(result.referrals).toEqual([]);
    expect(result.needsConsent).toEqual([
      {
        serviceUser: 'su1',
        upperLimitDate: d('2026-03-14'),
        notifyCouncilBy: d('2025-12-14'),
        overdue: false,
      },
      {
        serviceUser: 'su2',
        upperLimitDate: d('2025-12-14'),
        notifyCouncilBy: d('2025-09-14'),
        overdue: true,
      },
    ]);
  });

  it('the skip reasons name the resident and say what to do', () => {
    const result = planReferrals(
      loaded(alone, ['su2']),
      [
        candidate('su9', '2025-10-01', '2026-01-01'),
        candidate('su2', '2025-10-01', '2026-01-01'),
        candidate('su1', null, null),
      ],
      options(['su1', 'su2', 'su9']),
    );
    expect(result.skipped).toEqual([
      {
        serviceUser: 'su1',
        code: 'NO_UPPER_LIMIT_DATE',
        reason:
          'Resident su1: capital is not projected to fall below the upper limit within the runway horizon.',
      },
      {
        serviceUser: 'su2',
        code: 'PARKED',
        reason: 'Resident su2 is parked (see the dataset report); fix the record first.',
      },
      {
        serviceUser: 'su9',
        code: 'UNKNOWN_RESIDENT',
        reason: 'Resident su9 is not in service-users.json.',
      },
    ]);
    expect(result.referrals).toEqual([]);
    expect(result.needsConsent).toEqual([]);
  });

  it('a resident with no contact is referred alone: no contact id, the resident as role 1', () => {
    const [referral] = plan(
      alone,
      [candidate('su1', '2025-12-14', '2026-03-14')],
      ['su1'],
    ).referrals;
    expect(referral?.contact).toBeNull();
    expect(referral?.people.map((p) => [p.referral_role, p.first_name, p.surname])).toEqual([
      ['1', 'Ann', 'Smith'],
    ]);
  });

  it('candidates must be a list', () => {
    expect(() => planReferrals(loaded(alone), 'su1' as never, options([]))).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        option: 'candidates',
        message:
          'candidates must be a list of referral candidates (referralCandidatesFromRunway(loaded, options)); found "su1"',
      }),
    );
  });

  it('the plan carries T and the window’s end', () => {
    const result = plan(alone, [], [], { withinMonths: 3 });
    expect([result.asOf, result.windowEnd]).toEqual([T, d('2025-12-14')]);
  });
});

describe('SPEC §9 the billing contact: the balance payer’s contact, else the first billing-enabled contact', () => {
  const contacts = [
    serviceUserContact('c1', { serviceUser: 'su1', firstName: 'Ian', lastName: 'Smith' }),
    serviceUserContact('c2', {
      serviceUser: 'su1',
      firstName: 'Alice',
      lastName: 'Smith',
      billingEnabled: false,
    }),
    serviceUserContact('c3', {
      serviceUser: 'su1',
      firstName: 'Cy',
      lastName: 'Smith',
      billingEnabled: false,
    }),
    serviceUserContact('c0', { serviceUser: 'su2', firstName: 'Other', lastName: 'Resident' }),
  ];
  const payer = (id: string) => ({ kind: 'service_user_contact' as const, id });
  const contactOf = (contracts: ReturnType<typeof contract>[], asOf: Day = T) =>
    findBillingContact(dataset({ serviceUserContacts: contacts, contracts }), 'su1', asOf)?.id ??
    null;

  it('a live balance payer’s contact, on its first and last day', () => {
    const k = contract({
      id: 'k1',
      startDate: d('2025-09-14'),
      endDate: d('2025-09-14'),
      payer: payer('c2'),
    });
    expect(contactOf([k])).toBe('c2');
    expect(contactOf([k], d('2025-09-13'))).toBe('c1');
    expect(contactOf([k], d('2025-09-15'))).toBe('c1');
  });

  it('not a cancelled contract, a contributor, a council or the resident themself', () => {
    expect(contactOf([contract({ id: 'k1', cancelled: true, payer: payer('c2') })])).toBe('c1');
    expect(contactOf([contract({ id: 'k1', feeContributionPence: 100, payer: payer('c2') })])).toBe(
      'c1',
    );
    expect(contactOf([contract({ id: 'k1', feeContributionPence: 0, payer: payer('c2') })])).toBe(
      'c1',
    );
    expect(contactOf([contract({ id: 'k1' })])).toBe('c1');
    expect(contactOf([contract({ id: 'k1', payer: { kind: 'service_user', id: 'c2' } })])).toBe(
      'c1',
    );
  });

  it('not another resident’s balance payer', () => {
    expect(contactOf([contract({ id: 'k1', serviceUser: 'su2', payer: payer('c2') })])).toBe('c1');
  });

  it('several live balance payers: the lowest contract id; a payer not in the dataset is passed over', () => {
    expect(
      contactOf([
        contract({ id: 'k2', payer: payer('c3') }),
        contract({ id: 'k1', payer: payer('c2') }),
      ]),
    ).toBe('c2');
    expect(
      contactOf([
        contract({ id: 'k1', payer: payer('gone') }),
        contract({ id: 'k2', payer: payer('c3') }),
      ]),
    ).toBe('c3');
  });

  it('else the first billing-enabled contact of this resident by id; else none', () => {
    const enabled = (ids: string[]) =>
      findBillingContact(
        dataset({
          serviceUserContacts: ids.map((id) =>
            serviceUserContact(id, { serviceUser: 'su1', firstName: 'A', lastName: id }),
          ),
        }),
        'su1',
        T,
      )?.id ?? null;
    expect(enabled(['c9', 'c4', 'c7'])).toBe('c4');
    expect(enabled([])).toBeNull();
    expect(contactOf([])).toBe('c1');
    const disabledOnly = dataset({
      serviceUserContacts: [
        serviceUserContact('c2', { serviceUser: 'su1', billingEnabled: false }),
        serviceUserContact('c0', { serviceUser: 'su2' }),
      ],
    });
    expect(findBillingContact(disabledOnly, 'su1', T)).toBeNull();
  });
});

describe('SPEC §9 what each person carries', () => {
  const withContact = (fields: Partial<Parameters<typeof serviceUserContact>[1]>) =>
    dataset({
      serviceUsers: [
        serviceUser('su1', { title: ' Mrs ', firstName: ' Ann ', lastName: ' Smith ' }),
      ],
      serviceUserContacts: [
        serviceUserContact('c1', {
          serviceUser: 'su1',
          firstName: ' Alice ',
          lastName: ' Smith ',
          ...fields,
        }),
      ],
    });
  const people = (data: Dataset, more = {}) =>
    plan(data, [candidate('su1', '2025-12-14', '2026-03-14')], ['su1'], more).referrals[0]?.people;

  it('role 1 the contact (names trimmed, blank fields left out), role 2 the resident', () => {
    const address = {
      address1: ' ',
      address2: '',
      town: '',
      county: '',
      postcode: ' HR9 7US ',
      country: '',
    };
    expect(
      people(withContact({ postalAddress: address, email: '', phone: ' ', emailInvoicesTo: [] })),
    ).toEqual([
      {
        source: '1',
        referral_role: '1',
        first_name: 'Alice',
        surname: 'Smith',
        postcode: 'HR9 7US',
        org_type_id: 1,
        description:
          "Mrs Ann Smith's savings are projected to fall below the upper capital limit of £23,250 on 14 March 2026. " +
          'The council should be told by 14 December 2025. Their current weekly fee is £1,385.54.',
      },
      { source: '1', referral_role: '2', first_name: 'Ann', surname: 'Smith', org_type_id: 1 },
    ]);
  });

  it('a contact with no address, email or phone carries their names only', () => {
    expect(people(withContact({}))?.[0]).toEqual({
      source: '1',
      referral_role: '1',
      first_name: 'Alice',
      surname: 'Smith',
      org_type_id: 1,
      description: expect.stringMatching(/^Mrs Ann Smith's savings/),
    });
  });

  it('the email is the contact’s, else the first address invoices are emailed to', () => {
    const emailOf = (email: string, emailInvoicesTo: string[]) =>
      people(withContact({ email, emailInvoicesTo }))?.[0]?.email;
    expect(emailOf(' a@x.org ', ['b@x.org'])).toBe('a@x.org');
    expect(emailOf('', [' b@x.org ', 'c@x.org'])).toBe('b@x.org');
    expect(emailOf(' ', [])).toBeUndefined();
  });

  it('address1 and phone when known, trimmed', () => {
    const address = {
      address1: ' 10 High St ',
      address2: 'x',
      town: 'y',
      county: '',
      postcode: '',
      country: '',
    };
    const [first] = people(withContact({ postalAddress: address, phone: ' 01989 1 ' })) ?? [];
    expect([first?.address1, first?.postcode, first?.phone]).toEqual([
      '10 High St',
      undefined,
      '01989 1',
    ]);
  });

  it('the project goes on role 1 only; org_type_id on both', () => {
    const both = people(withContact({}), { project: 'P', orgTypeId: 7 });
    expect(both?.map((p) => [p.project, p.org_type_id])).toEqual([
      ['P', 7],
      [undefined, 7],
    ]);
    expect(Object.keys(both?.[1] ?? {})).toEqual([
      'source',
      'referral_role',
      'first_name',
      'surname',
      'org_type_id',
    ]);
  });

  it('the resident’s name: the full name for the plan, with the title (when known) for the charity', () => {
    const named = (fields: Partial<Parameters<typeof serviceUser>[1]>) => {
      const data = dataset({ serviceUsers: [serviceUser('su1', fields)] });
      const referral = plan(data, [candidate('su1', '2025-12-14', '2026-03-14')], ['su1'])
        .referrals[0];
      return [referral?.name, referral?.people[0]?.description?.split("'s savings")[0]];
    };
    expect(named({ title: 'Dr', firstName: ' Ann ', lastName: 'Smith' })).toEqual([
      'Ann Smith',
      'Dr Ann Smith',
    ]);
    expect(named({ title: ' ', firstName: 'Ann', lastName: 'Smith' })).toEqual([
      'Ann Smith',
      'Ann Smith',
    ]);
  });

  it('a resident without any name is described by id (buildReferral)', () => {
    const data = dataset({ serviceUsers: [serviceUser('su1', { firstName: '', lastName: '' })] });
    const referral = buildReferral(
      data,
      {
        ...candidate('su1', '2025-12-14', '2026-03-14'),
        upperLimitDate: d('2026-03-14'),
        notifyCouncilBy: d('2025-12-14'),
      },
      data.serviceUsers.get('su1')!,
      resolveReferralOptions(options(['su1'])),
    );
    expect(referral.name).toBe('su1');
    expect(referral.people[0]?.description).toMatch(/^su1's savings are projected/);
  });

  it('a resident with neither name is named by id in the plan and the description, and is not sent', () => {
    const data = dataset({ serviceUsers: [serviceUser('su1', { firstName: '', lastName: '' })] });
    const result = plan(data, [candidate('su1', '2025-12-14', '2026-03-14')], ['su1']);
    expect(result.skipped).toEqual([
      {
        serviceUser: 'su1',
        code: 'MISSING_REQUIRED_FIELD',
        reason:
          'Resident su1 (su1): the resident has no first_name, which Charitylog requires; add the first name in CareHQ. ' +
          'Resident su1 (su1): the resident has no surname, which Charitylog requires; add the last name in CareHQ.',
      },
    ]);
  });

  it('a contact without a first name is named as the billing contact; the resident after them as the resident', () => {
    const data = dataset({
      serviceUsers: [serviceUser('su1', { firstName: 'Ann', lastName: '' })],
      serviceUserContacts: [
        serviceUserContact('c1', { serviceUser: 'su1', firstName: ' ', lastName: 'Smith' }),
      ],
    });
    const result = plan(data, [candidate('su1', '2025-12-14', '2026-03-14')], ['su1']);
    expect(result.skipped[0]?.reason).toBe(
      'Resident su1 (Ann): their billing contact (service user contact c1) has no first_name, which Charitylog requires; add the first name in CareHQ. ' +
        'Resident su1 (Ann): the resident has no surname, which Charitylog requires; add the last name in CareHQ.',
    );
  });
});

describe('SPEC §9 what Charitylog requires of each person', () => {
  const person = { first_name: 'Ann', surname: 'Smith', org_type_id: 1 };
  it.each([
    [{}, []],
    [{ first_name: ' ' }, ['first_name']],
    [{ surname: '' }, ['surname']],
    [{ org_type_id: 0 }, ['org_type_id']],
    [{ org_type_id: -1 }, ['org_type_id']],
    [{ org_type_id: 1.5 }, ['org_type_id']],
    [{ org_type_id: Number.NaN }, ['org_type_id']],
    [{ org_type_id: 2 ** 53 }, ['org_type_id']],
    [{ source: '1' }, ['referral_role']],
    [{ source: '1', referral_role: '2' }, []],
    [{ referral_role: '1' }, []],
    [{ first_name: '', surname: ' ', org_type_id: 0 }, ['first_name', 'surname', 'org_type_id']],
  ])('%j lacks %j', (fields, missing) => {
    expect(missingCharitylogFields({ ...person, ...fields } as never)).toEqual(missing);
  });

  it('the fix for a bad org type is the --org-type option', () => {
    const referral = {
      serviceUser: 'su1',
      name: 'Ann Smith',
      upperLimitDate: T,
      notifyCouncilBy: T,
      overdue: false,
      contact: null,
      people: [{ ...person, org_type_id: 0 }],
    };
    expect(validateReferral(referral)).toEqual([
      'Resident su1 (Ann Smith): the resident has no org_type_id, which Charitylog requires; give --org-type a whole number of 1 or more.',
    ]);
    expect(validateReferral({ ...referral, people: [person] })).toEqual([]);
  });
});

describe('SPEC §9 the description: the date below the limit, the date to tell the council, the weekly fee', () => {
  const facts = {
    residentName: 'Ann Smith',
    asOf: T,
    upperLimitDate: d('2025-09-15'),
    notifyCouncilBy: T,
    overdue: false,
    upperLimitPence: 2325000,
    weeklyFeePence: 0,
  };
  it('below the limit the day after T is still projected; on T it is already below', () => {
    expect(describeReferral(facts)).toBe(
      "Ann Smith's savings are projected to fall below the upper capital limit of £23,250 on 15 September 2025. " +
        'The council should be told by 14 September 2025. Their current weekly fee is £0.00.',
    );
    expect(describeReferral({ ...facts, upperLimitDate: T })).toMatch(
      /^Ann Smith's savings are already below the upper capital limit of £23,250 \(projected from 14 September 2025\)\./,
    );
  });

  it('a limit with pence shows them; a weekly fee always shows pence', () => {
    expect(
      describeReferral({ ...facts, upperLimitPence: 2325050, weeklyFeePence: 100000 }),
    ).toContain('upper capital limit of £23,250.50 on');
    expect(describeReferral({ ...facts, weeklyFeePence: 100000 })).toContain(
      'Their current weekly fee is £1,000.00.',
    );
  });
});
