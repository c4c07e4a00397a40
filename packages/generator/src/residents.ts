/**
 * One resident's whole story: who they are, their stays (cut at each April uplift), who
 * pays (self-funder, council with FNC and top-ups, NHS continuing healthcare, respite),
 * their care funds, and the billing contracts that say so.
 */
import { type Day, formatDay } from '@carebill/core';
import { addDays } from '@carebill/core/internal';
import { type Context, dayBetween, type RawRecord, timestamp, uplift } from './context.js';
import type { FundTypeSpec } from './funding.js';
import { fncWeeklyPence } from './funding.js';
import type { Home } from './homes.js';
import { pickName, type Sex } from './names.js';
import type { Payer } from './payers.js';
import {
  nonPayingFields,
  payingFields,
  pushContact,
  pushResident,
  type Resident,
} from './people.js';
import { type Segment, splitAtApril } from './stays.js';

/** How a resident's care is funded. */
export type FundingKind = 'self' | 'council' | 'chc' | 'respite';

export interface ResidentPayers {
  /** The council of the home (or, for an out-of-area placement, another one). */
  readonly council: Payer;
  readonly nhs: Payer;
  readonly fundTypes: readonly { readonly id: string; readonly spec: FundTypeSpec }[];
}

const CHECKOUT_REASONS: readonly [string, string][] = [
  ['Deceased', 'Passed away peacefully; family informed.'],
  ['Moved to another care home', 'Moved closer to family.'],
  ['Returned home', 'Returned home with a package of care.'],
  ['Moved to hospital', 'Admitted to hospital long term.'],
];

/**
 * Generates one resident of `home` in `room`, with everything that pays for them.
 *
 * @example createResident(ctx, home, roomId, payers) // 'council'
 */
export function createResident(
  ctx: Context,
  home: Home,
  room: string,
  payers: ResidentPayers,
): FundingKind {
  const { rng } = ctx;
  const roll = rng.next();
  const kind: FundingKind =
    roll < 0.05 ? 'respite' : roll < 0.5 ? 'self' : roll < 0.9 ? 'council' : 'chc';
  const sex: Sex = rng.chance(0.65) ? 'f' : 'm';
  const name = pickName(rng, sex);
  if (kind === 'respite') {
    createRespite(ctx, home, room, name, sex);
    return kind;
  }

  // A permanent stay: admitted up to two years before the window, some checked out in it.
  const admit = dayBetween(ctx, addDays(ctx.windowStart, -730), addDays(ctx.end, -14));
  const checkoutFrom = addDays(Math.max(admit, ctx.windowStart) as Day, 28);
  const last =
    rng.chance(0.1) && checkoutFrom <= addDays(ctx.end, -1)
      ? dayBetween(ctx, checkoutFrom, addDays(ctx.end, -1))
      : null;
  const segments = splitAtApril(admit, last, ctx.end);
  const rates = weeklyRates(ctx, home, segments);
  const daily = kind !== 'council' && rng.chance(0.05);

  // Who pays.
  const selfMode = rng.next(); // self-funders: < 0.35 resident by default, < 0.5 resident contract, else family
  const residentPays =
    (kind === 'self' && selfMode < 0.5) || (kind === 'council' && rng.chance(0.5));
  const resident = pushResident(ctx, home, name, sex, addDays(admit, -rng.int(1, 30)), (email) =>
    residentPays ? payingFields(ctx, email, true) : nonPayingFields(email),
  );
  const familyPays = kind === 'self' && selfMode >= 0.5;
  const topUp = kind === 'council' && rng.chance(0.3);
  const contactCount = familyPays || topUp ? rng.int(1, 2) : rng.int(0, 2);
  let payingContact: string | null = null;
  for (let c = 0; c < contactCount; c += 1) {
    const paying = c === 0 && (familyPays || topUp);
    const contactId = pushContact(ctx, home, resident, addDays(admit, -rng.int(1, 30)), paying);
    if (paying) payingContact = contactId;
  }

  pushStay(ctx, home, room, resident, segments, rates, daily, last);
  if (rng.chance(0.02)) pushCancelledBooking(ctx, home, room, resident, admit, rates[0] as number);

  const base = { ctx, home, resident, segments, last, admit };
  if (kind === 'self') {
    const funds = pushFunds(ctx, resident, admit, rates[rates.length - 1] as number, payers);
    if (selfMode >= 0.35 && selfMode < 0.5) {
      pushContract(base, {
        type: 'self_funded',
        payer: { service_user: resident.id },
        careFund: rng.chance(0.5) ? (funds[0] ?? null) : null,
      });
    } else if (familyPays && payingContact !== null) {
      pushContract(base, {
        type: 'self_funded',
        payer: { service_user_contact: payingContact },
        careFund: rng.chance(0.3) ? (funds[0] ?? null) : null,
      });
      if (rng.chance(0.05)) {
        pushContract(base, {
          type: 'self_funded',
          payer: { service_user_contact: payingContact },
          cancelled: true,
        });
      }
    }
  } else if (kind === 'chc') {
    pushContract(base, {
      type: 'chc',
      payer: { location_contact: payers.nhs.id },
      description: 'NHS Continuing Healthcare',
    });
  } else {
    pushCouncilContracts(base, payers, rates, residentPays, payingContact);
  }
  return kind;
}

/** Weekly rates per segment: £900–£1,900 now, each April's uplift applied in turn. */
function weeklyRates(ctx: Context, home: Home, segments: readonly Segment[]): number[] {
  const { rng } = ctx;
  const growth = segments
    .slice(1)
    .reduce((factor, segment) => factor * (1 + home.upliftPercent(segment.financialYear) / 100), 1);
  const target = Math.min(190000, Math.max(90000, home.baseRatePence * (0.85 + rng.next() * 0.35)));
  let first = Math.round(target / growth);
  if (rng.chance(0.5)) first = Math.round(first / 100) * 100;
  // Rounding can carry the current rate just outside the band: nudge the first rate back.
  for (;;) {
    const rates = [first];
    for (const segment of segments.slice(1)) {
      rates.push(
        uplift(rates[rates.length - 1] as number, home.upliftPercent(segment.financialYear)),
      );
    }
    const current = rates[rates.length - 1] as number;
    if (current < 90000) first += 100;
    else if (current > 190000) first -= 100;
    else return rates;
  }
}

function pushStay(
  ctx: Context,
  home: Home,
  room: string,
  resident: Resident,
  segments: readonly Segment[],
  weeklyRatesPence: readonly number[],
  daily: boolean,
  last: Day | null,
): void {
  const { rng } = ctx;
  const reason = last === null ? null : rng.pick(CHECKOUT_REASONS);
  segments.forEach((segment, k) => {
    const isLast = k === segments.length - 1;
    const created = timestamp(ctx, addDays(segment.start, -rng.int(7, 40)));
    const weekly = weeklyRatesPence[k] as number;
    ctx.out.bookings.push({
      _id: ctx.nextId(),
      booking_type: 'service_user',
      cancelled: null,
      check_in: k === 0,
      checkout: isLast && last !== null,
      checkout_notes: isLast && reason ? reason[1] : null,
      converted_to_permanent: null,
      created,
      end_date: segment.end === null ? null : formatDay(segment.end),
      location: home.id,
      modified: isLast && last !== null ? timestamp(ctx, last) : created,
      notes: k > 0 ? `Annual fee review from ${formatDay(segment.start)}` : null,
      proposed_checkout_date: null,
      rate: daily ? Math.round(weekly / 7) : weekly,
      rate_period: daily ? 'daily' : 'weekly',
      reason_for_checkout: isLast && reason ? reason[0] : null,
      respite: false,
      room,
      service_user: resident.id,
      start_date: formatDay(segment.start),
    });
  });
}

/** A planned stay that was cancelled before admission: it overlaps, but is not live. */
function pushCancelledBooking(
  ctx: Context,
  home: Home,
  room: string,
  resident: Resident,
  admit: Day,
  weekly: number,
): void {
  const start = addDays(admit, -ctx.rng.int(5, 20));
  const created = timestamp(ctx, addDays(start, -20));
  ctx.out.bookings.push({
    _id: ctx.nextId(),
    booking_type: 'service_user',
    cancelled: timestamp(ctx, addDays(start, -3)),
    check_in: true,
    checkout: false,
    checkout_notes: null,
    converted_to_permanent: null,
    created,
    end_date: formatDay(addDays(start, 27)),
    location: home.id,
    modified: created,
    notes: 'Assessment stay, cancelled: admitted on a permanent basis instead.',
    proposed_checkout_date: null,
    rate: weekly,
    rate_period: 'weekly',
    reason_for_checkout: null,
    respite: true,
    room,
    service_user: resident.id,
    start_date: formatDay(start),
  });
}

/** A short respite stay, paid by the resident or a family member as default payer. */
function createRespite(
  ctx: Context,
  home: Home,
  room: string,
  name: ReturnType<typeof pickName>,
  sex: Sex,
): void {
  const { rng } = ctx;
  const length = rng.int(7, 42);
  const provisional = rng.chance(0.35);
  const start = provisional
    ? dayBetween(ctx, addDays(ctx.end, -40), ctx.end)
    : dayBetween(ctx, ctx.windowStart, addDays(ctx.end, -length));
  const last = addDays(start, length - 1);
  const residentPays = rng.chance(0.6);
  const resident = pushResident(ctx, home, name, sex, addDays(start, -rng.int(3, 30)), (email) =>
    residentPays ? payingFields(ctx, email, true) : nonPayingFields(email),
  );
  pushContact(ctx, home, resident, addDays(start, -rng.int(3, 30)), !residentPays);
  const dailyRate = rng.chance(0.5);
  const created = timestamp(ctx, addDays(start, -rng.int(3, 30)));
  ctx.out.bookings.push({
    _id: ctx.nextId(),
    booking_type: 'service_user',
    cancelled: null,
    check_in: true,
    checkout: !provisional,
    checkout_notes: null,
    converted_to_permanent: null,
    created,
    end_date: provisional ? null : formatDay(last),
    location: home.id,
    modified: created,
    notes: 'Respite stay',
    proposed_checkout_date: formatDay(last),
    rate: dailyRate ? rng.int(130, 270) * 100 : Math.round(home.baseRatePence * 1.1),
    rate_period: dailyRate ? 'daily' : 'weekly',
    reason_for_checkout: provisional ? null : 'End of respite',
    respite: true,
    room,
    service_user: resident.id,
    start_date: formatDay(start),
  });
}

/** One to three funds whose total lasts a few months to several years at the current rate. */
function pushFunds(
  ctx: Context,
  resident: Resident,
  admit: Day,
  weeklyPence: number,
  payers: ResidentPayers,
): string[] {
  const { rng } = ctx;
  const count = rng.pick([1, 1, 2, 2, 3]);
  const spread = rng.next();
  const weeks = spread < 0.3 ? rng.int(8, 52) : spread < 0.7 ? rng.int(52, 156) : rng.int(156, 400);
  let remaining = weeklyPence * weeks;
  const ids: string[] = [];
  const earliest = admit > addDays(ctx.windowStart, -365) ? admit : addDays(ctx.windowStart, -365);
  for (let f = 0; f < count; f += 1) {
    const type = payers.fundTypes[f === 0 ? rng.int(0, 2) : (f + rng.int(0, 1)) % 3] as {
      id: string;
      spec: FundTypeSpec;
    };
    const share = f === count - 1 ? remaining : Math.floor(remaining * (0.3 + rng.next() * 0.4));
    remaining -= share;
    const balance = type.spec.name === 'Savings' ? share : Math.round(share / 1000) * 1000;
    const opened = dayBetween(ctx, earliest, addDays(ctx.end, -7));
    const id = ctx.nextId();
    const created = timestamp(ctx, opened);
    ctx.out['care-funds'].push({
      _id: id,
      care_fund_type: type.id,
      created,
      description: rng.pick(type.spec.descriptions),
      modified: created,
      opening_balance: balance,
      opening_balance_date: formatDay(opened),
      service_user: resident.id,
    });
    ids.push(id);
  }
  return ids;
}

interface Base {
  readonly ctx: Context;
  readonly home: Home;
  readonly resident: Resident;
  readonly segments: readonly Segment[];
  readonly last: Day | null;
  readonly admit: Day;
}

interface ContractSpec {
  readonly type: string;
  readonly payer: {
    location_contact?: string;
    service_user_contact?: string;
    service_user?: string;
  };
  /** Pence per week; absent for the balance payer. */
  readonly feePence?: number;
  readonly contributesTo?: readonly string[];
  readonly careFund?: string | null;
  readonly from?: Day;
  /** Last day; absent means the stay's last day (null while open). */
  readonly to?: Day | null;
  readonly description?: string;
  readonly invoiceRef?: string;
  readonly cancelled?: boolean;
}

function pushContract(base: Base, spec: ContractSpec): string {
  const { ctx, home, resident } = base;
  const { rng } = ctx;
  const id = ctx.nextId();
  const from = spec.from ?? base.admit;
  const to = spec.to === undefined ? base.last : spec.to;
  const created = timestamp(ctx, addDays(from, -rng.int(1, 20)));
  const record: RawRecord = {
    _id: id,
    cancelled: spec.cancelled ? timestamp(ctx, addDays(from, -1)) : null,
    care_fund: spec.careFund ?? null,
    contributes_to: [...(spec.contributesTo ?? [])],
    contribution_type: spec.type,
    created,
    end_date: to === null ? null : formatDay(to),
    fee_contribution: spec.feePence ?? null,
    fee_contribution_unit: spec.feePence === undefined ? null : 'week',
    invoice_ref: spec.invoiceRef ?? '',
    line_item_description: spec.description ?? '',
    location: home.id,
    location_contact: spec.payer.location_contact ?? null,
    modified: created,
    service_user: resident.id,
    service_user_contact: spec.payer.service_user_contact ?? null,
    start_date: formatDay(from),
  };
  ctx.out['billing-contracts'].push(record);
  return id;
}

/**
 * Council funding. Either the council pays the balance (FNC, the resident's assessed
 * contribution and a family top-up are contributors), or it holds a parent contract per
 * financial year for the council rate, listing the FNC and resident contributions it
 * includes, while a family top-up pays the rest of the home's fee. Top-ups of parent
 * placements are whole multiples of 7p a week, so the shares add up to the fee exactly.
 */
function pushCouncilContracts(
  base: Base,
  payers: ResidentPayers,
  rates: readonly number[],
  residentPays: boolean,
  payingContact: string | null,
): void {
  const { ctx, segments } = base;
  const { rng } = ctx;
  const council = { location_contact: payers.council.id };
  const invoiceRef = rng.chance(0.6) ? `PO-${rng.int(1000000, 9999999)}` : '';
  const fnc = rng.chance(0.3);
  const lastDay = segments[segments.length - 1]?.end ?? ctx.end;
  const fncStart = fnc ? addDays(base.admit, rng.chance(0.3) ? rng.int(14, 90) : 0) : null;
  const parentMode = rng.chance(0.5);
  let contribution = rng.int(40, 150) * 100;
  const topUpPence = payingContact === null ? 0 : 7 * Math.round(rng.int(3500, 20000) / 7);

  if (payingContact !== null) {
    pushContract(base, {
      type: 'top_up',
      payer: { service_user_contact: payingContact },
      feePence: topUpPence,
      description: 'Third-party top-up',
    });
  }
  if (!parentMode) {
    pushContract(base, { type: 'local_authority', payer: council, invoiceRef });
  }
  segments.forEach((segment, k) => {
    const listed: string[] = [];
    if (
      fncStart !== null &&
      (segment.end === null || fncStart <= segment.end) &&
      fncStart <= lastDay
    ) {
      const from = Math.max(fncStart, segment.start) as Day;
      listed.push(
        pushContract(base, {
          type: 'fnc',
          payer: { location_contact: payers.nhs.id },
          feePence: fncWeeklyPence(segment.financialYear),
          from,
          to: segment.end,
          description: 'NHS Funded Nursing Care',
        }),
      );
    }
    if (residentPays) {
      if (k > 0) contribution += rng.int(2, 8) * 100;
      listed.push(
        pushContract(base, {
          type: 'resident_contribution',
          payer: { service_user: base.resident.id },
          feePence: contribution,
          from: segment.start,
          to: segment.end,
          description: 'Assessed contribution',
        }),
      );
    }
    if (parentMode) {
      pushContract(base, {
        type: 'local_authority',
        payer: council,
        feePence: (rates[k] as number) - topUpPence,
        contributesTo: listed,
        from: segment.start,
        to: segment.end,
        invoiceRef,
      });
    }
  });
}
