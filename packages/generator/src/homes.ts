/**
 * A care home: its location record (invoice address, payment instructions), its rooms,
 * rooms taken out of service now and then, and the block-contract beds a council buys.
 */
import { formatDay } from '@carebill/core';
import { addDays } from '@carebill/core/internal';
import { type Context, dayBetween, timestamp, uplift } from './context.js';
import type { Payer } from './payers.js';
import { homeName, postalAddress, type Town, townAt } from './places.js';
import { splitAtApril } from './stays.js';

export interface Home {
  readonly id: string;
  readonly name: string;
  /** Short code used in residents' `ref`s. */
  readonly ref: string;
  readonly town: Town;
  readonly address: ReturnType<typeof postalAddress>;
  readonly phone: string;
  /** One room per resident place, in order. */
  readonly residentRooms: readonly string[];
  /** Weekly rate level of the home, in pence: residents' rates scatter around it. */
  readonly baseRatePence: number;
  /** The April uplift percentage of each financial year. */
  readonly upliftPercent: (financialYear: number) => number;
}

const OUT_OF_SERVICE_REASONS = [
  'Redecoration',
  'Bathroom refit',
  'New flooring',
  'Water leak repair',
  'Window replacement',
];

/**
 * Creates a home with `places` resident rooms plus spare rooms (some out of service for
 * a while) and, in about a third of homes, one or two block-contract beds paid by `council`.
 *
 * @example const home = createHome(ctx, 0, 60, 'Meadowbank Care Ltd', council, new Set())
 */
export function createHome(
  ctx: Context,
  index: number,
  places: number,
  companyName: string,
  council: Payer,
  usedNames: Set<string>,
): Home {
  const { rng, out } = ctx;
  const id = ctx.nextId();
  const town = townAt(index);
  let name = homeName(rng);
  if (usedNames.has(name)) name = `${name}, ${town.town}`;
  for (let n = 2; usedNames.has(name); n += 1) name = `${name.replace(/ \d+$/, '')} ${n}`;
  usedNames.add(name);
  const address = postalAddress(rng, town);
  const phone = `01${rng.int(200, 999)} ${rng.int(100000, 999999)}`;
  const domain = `${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`;
  const sortCode = `${rng.int(10, 99)}-${rng.int(10, 99)}-${rng.int(10, 99)}`;
  const account = `${rng.int(10000000, 99999999)}`;
  const byMethod = rng.chance(0.6);
  const bank = `Please pay by bank transfer to ${companyName}, sort code ${sortCode}, account ${account}, quoting the invoice number.`;
  out.locations.push({
    _id: id,
    company_name: companyName,
    company_reg_no: String(rng.int(1000000, 15999999)).padStart(8, '0'),
    created: timestamp(ctx, addDays(ctx.windowStart, -rng.int(400, 2000))),
    email: `accounts@${domain}`,
    invoice_address: address,
    invoice_payment_instructions: bank,
    invoice_payment_instructions_bac: byMethod ? bank : null,
    invoice_payment_instructions_card: byMethod
      ? `To pay by card, call ${name} on ${phone} (Monday to Friday, 9am to 5pm).`
      : null,
    invoice_payment_instructions_cash: byMethod
      ? 'Cash is accepted at reception; please ask for a receipt.'
      : null,
    invoice_payment_instructions_cheque: byMethod
      ? `Please make cheques payable to ${companyName} and write the invoice number on the back.`
      : null,
    invoice_payment_instructions_direct_debit: byMethod
      ? 'This invoice will be collected by Direct Debit on or after the due date.'
      : null,
    invoice_payment_instructions_standing_order: byMethod
      ? `Your standing order to sort code ${sortCode}, account ${account} covers this invoice.`
      : null,
    name,
    phone,
  });

  const room = (roomName: string): string => {
    const roomId = ctx.nextId();
    out.rooms.push({ _id: roomId, location: id, name: roomName });
    return roomId;
  };
  const residentRooms: string[] = [];
  for (let i = 1; i <= places; i += 1) {
    residentRooms.push(room(rng.chance(0.05) ? `Garden Suite ${i}` : `Room ${i}`));
  }

  const upliftByYear = new Map<number, number>();
  const home: Home = {
    id,
    name,
    ref: `H${String(index + 1).padStart(3, '0')}`,
    town,
    address,
    phone,
    residentRooms,
    baseRatePence: rng.int(1000, 1500) * 100,
    upliftPercent: (year) => {
      let percent = upliftByYear.get(year);
      if (percent === undefined) {
        // Stable per (home, year) whatever order years are asked in.
        percent = 4 + ((index * 7 + year * 13) % 4);
        upliftByYear.set(year, percent);
      }
      return percent;
    },
  };

  // Spare rooms: a refurbishment now and then takes one out of service.
  const spares = Math.max(1, Math.ceil(places * 0.05));
  for (let i = 1; i <= spares; i += 1) {
    const spareRoom = room(`Room ${places + i}`);
    for (let day = ctx.windowStart; day <= ctx.end; day = addDays(day, rng.int(200, 500))) {
      if (!rng.chance(0.6)) continue;
      const start = dayBetween(ctx, day, addDays(day, 90));
      if (start > ctx.end) break;
      const created = timestamp(ctx, addDays(start, -rng.int(1, 20)));
      out.bookings.push({
        _id: ctx.nextId(),
        booking_type: 'out_of_service',
        cancelled: null,
        check_in: false,
        checkout: false,
        checkout_notes: null,
        converted_to_permanent: null,
        created,
        end_date: formatDay(addDays(start, rng.int(4, 45))),
        location: id,
        modified: created,
        notes: rng.pick(OUT_OF_SERVICE_REASONS),
        proposed_checkout_date: null,
        rate: null,
        rate_period: null,
        reason_for_checkout: null,
        respite: false,
        room: spareRoom,
        service_user: null,
        start_date: formatDay(start),
      });
    }
  }

  if (rng.chance(0.3)) addBlockBeds(ctx, home, council, room);
  return home;
}

/** One or two beds a council buys by block contract, paid by one `block_bed` contract. */
function addBlockBeds(
  ctx: Context,
  home: Home,
  council: Payer,
  room: (name: string) => string,
): void {
  const { rng, out } = ctx;
  const start = dayBetween(ctx, addDays(ctx.windowStart, -365), addDays(ctx.end, -60));
  const beds = rng.int(1, 2);
  let ratePence = rng.int(850, 1050) * 100;
  const segments = splitAtApril(start, null, ctx.end);
  const rates = segments.map((segment, k) => {
    if (k > 0) ratePence = uplift(ratePence, home.upliftPercent(segment.financialYear));
    return ratePence;
  });
  for (let bed = 1; bed <= beds; bed += 1) {
    const bedRoom = room(`Block bed ${bed}`);
    segments.forEach((segment, k) => {
      const created = timestamp(ctx, addDays(segment.start, -rng.int(7, 30)));
      out.bookings.push({
        _id: ctx.nextId(),
        booking_type: 'block_contract',
        cancelled: null,
        check_in: false,
        checkout: false,
        checkout_notes: null,
        converted_to_permanent: null,
        created,
        end_date: segment.end === null ? null : formatDay(segment.end),
        location: home.id,
        modified: created,
        notes: `Block bed ${bed} for ${council.record['company_name']}`,
        proposed_checkout_date: null,
        rate: rates[k],
        rate_period: 'weekly',
        reason_for_checkout: null,
        respite: false,
        room: bedRoom,
        service_user: null,
        start_date: formatDay(segment.start),
      });
    });
  }
  const created = timestamp(ctx, addDays(start, -rng.int(7, 30)));
  out['billing-contracts'].push({
    _id: ctx.nextId(),
    cancelled: null,
    care_fund: null,
    contributes_to: [],
    contribution_type: 'block_bed',
    created,
    end_date: null,
    fee_contribution: null,
    fee_contribution_unit: null,
    invoice_ref: `BLOCK-${String(rng.int(1000, 99999))}`,
    line_item_description: 'Block contract bed',
    location: home.id,
    location_contact: council.id,
    modified: created,
    service_user: null,
    service_user_contact: null,
    start_date: formatDay(start),
  });
}
