/**
 * `pnpm bench`'s floors for issue #15's three in-process stages: for each, the least work
 * any code producing the same output from the same input must do, timed beside the stage.
 *
 * - **load**: read the nine files and `JSON.parse` them (nothing checked, nothing kept).
 * - **charges + grouping**: one walk over the month's bookings and their residents'
 *   contracts doing only the arithmetic of a line (days × rate, a contract's share, the
 *   rest to the balance payer) and allocating the result: a line object per share with a
 *   description string, grouped into invoices by (payer, home, resident or not) in a map, the
 *   invoices sorted by the numbering keys and numbered. No rules: no day rule, no fee
 *   changes, no contributions by unit, no merging, no unbilled or unallocated, no checks.
 * - **runway**: each resident's funds drawn, in drawing order, by their bookings' days ×
 *   daily rate: what was drawn before T's month in one sum per booking, then month by
 *   month to the horizon; and the result allocated: a balance row per fund per month from
 *   T's month, the resident's monthly totals, a record per fund and per resident. No
 *   contracts, no uplifts, no funds opening later, no exact days of depletion or of the
 *   capital limits.
 *
 * A floor is not an equivalent computation (its figures are not the stage's): it is what
 * the same loops over the same records cost with every carebill rule taken out, so the
 * stage's time over its floor is what the rules and their bookkeeping cost.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DATASET_LOAD_ORDER,
  type Day,
  type DayRange,
  firstOfMonth,
  formatDay,
  type LoadedDataset,
  lastOfMonth,
} from '@carebill/core';
import { formatMonth, ymdOfDay } from '@carebill/core/internal';

/** Reads and parses the dataset's files, one at a time as the loader does; keeps nothing. */
export async function loadFloor(dir: string): Promise<number> {
  let records = 0;
  for (const resource of DATASET_LOAD_ORDER) {
    const text = await readFile(join(dir, `${resource}.json`), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) records += parsed.length;
  }
  return records;
}

const overlapDays = (from: Day, to: Day | null, range: DayRange) =>
  Math.max(0, Math.min(to ?? range.to, range.to) - Math.max(from, range.from) + 1);

/** The daily rate of a booking, in pence (a weekly rate over 7 days, rounded). */
const dailyPence = (booking: LoadedDataset['dataset']['bookings'][number]) =>
  booking.ratePeriod === 'daily' ? booking.ratePence : Math.round(booking.ratePence / 7);

/** The charges + grouping floor (module comment): the invoices, numbered. */
export function chargesFloor(loaded: LoadedDataset, period: DayRange): object[] {
  const { dataset, parkedServiceUsers } = loaded;
  const contractsOf = new Map<string, LoadedDataset['dataset']['contracts'][number][]>();
  for (const contract of dataset.contracts) {
    if (contract.cancelled || contract.serviceUser === null) continue;
    if (overlapDays(contract.startDate, contract.endDate, period) === 0) continue;
    const list = contractsOf.get(contract.serviceUser);
    if (list) list.push(contract);
    else contractsOf.set(contract.serviceUser, [contract]);
  }
  const periodText = `${formatDay(period.from)} to ${formatDay(period.to)}`;
  const groups = new Map<
    string,
    { name: string; payer: string; location: string; resident: string; lines: object[] }
  >();
  const addLine = (
    payer: { kind: string; id: string },
    resident: string,
    booking: LoadedDataset['dataset']['bookings'][number],
    contract: string | null,
    days: number,
    amountPence: number,
  ) => {
    const location = booking.location ?? '';
    const party =
      payer.kind === 'service_user'
        ? dataset.serviceUsers.get(payer.id)
        : payer.kind === 'location_contact'
          ? dataset.locationContacts.get(payer.id)
          : dataset.serviceUserContacts.get(payer.id);
    // A home's contact that consolidates gets one invoice per home, as in the stage.
    const perResident = !(payer.kind === 'location_contact' && party?.consolidateInvoices);
    const key = `${payer.kind}\u0000${payer.id}\u0000${location}\u0000${perResident ? resident : ''}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { name: party?.displayName ?? '', payer: payer.id, location, resident, lines: [] };
      groups.set(key, group);
    }
    const room = booking.room === null ? '' : (dataset.rooms.get(booking.room)?.name ?? '');
    group.lines.push({
      booking: booking.id,
      contract,
      basis: contract === null ? 'default' : 'contract',
      serviceUser: resident,
      label: dataset.serviceUsers.get(resident)?.fullName ?? resident,
      description: `Care fees, ${room}, ${periodText}`,
      from: period.from,
      to: period.to,
      days,
      amountPence,
      provisional: false,
      adjusts: null,
      wasPence: null,
      nowPence: null,
    });
  };
  for (const booking of dataset.bookings) {
    const resident = booking.serviceUser;
    if (resident === null || booking.cancelled || parkedServiceUsers.has(resident)) continue;
    const days = overlapDays(booking.startDate, booking.endDate, period);
    if (days === 0) continue;
    let rest = dailyPence(booking) * days;
    let balancePayer: LoadedDataset['dataset']['contracts'][number] | undefined;
    for (const contract of contractsOf.get(resident) ?? []) {
      if (contract.feeContributionPence === null) {
        balancePayer ??= contract;
        continue;
      }
      const share = Math.min(rest, contract.feeContributionPence * days);
      rest -= share;
      addLine(contract.payer, resident, booking, contract.id, days, share);
    }
    if (rest !== 0) {
      const payer = balancePayer?.payer ?? { kind: 'service_user', id: resident };
      addLine(payer, resident, booking, balancePayer?.id ?? null, days, rest);
    }
  }
  const { year, month } = ymdOfDay(period.from);
  const sorted = [...groups.values()].sort(
    (a, b) =>
      compare(a.name, b.name) ||
      compare(a.payer, b.payer) ||
      compare(a.location, b.location) ||
      compare(a.resident, b.resident),
  );
  const invoices = sorted.map((group, i) => ({
    number: `INV-${year}${String(month).padStart(2, '0')}-${String(i + 1).padStart(4, '0')}`,
    payer: group.payer,
    location: group.location,
    lines: group.lines,
  }));
  return invoices;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The runway floor (module comment): a record per fund and per resident. */
export function runwayFloor(
  loaded: LoadedDataset,
  asOf: Day,
  months: number,
): { funds: object[]; serviceUsers: object[] } {
  const { dataset, parkedServiceUsers } = loaded;
  const { year, month } = ymdOfDay(asOf);
  const monthEnds: { day: Day; month: string }[] = [];
  for (let i = 0; i <= months; i++) {
    const m = month - 1 + i;
    const day = lastOfMonth(year + Math.floor(m / 12), (m % 12) + 1);
    monthEnds.push({ day, month: formatMonth(day) });
  }
  const fundsOf = new Map<string, LoadedDataset['dataset']['careFunds'][number][]>();
  for (const fund of dataset.careFunds) {
    if (parkedServiceUsers.has(fund.serviceUser)) continue;
    const list = fundsOf.get(fund.serviceUser);
    if (list) list.push(fund);
    else fundsOf.set(fund.serviceUser, [fund]);
  }
  const bookingsOf = new Map<string, LoadedDataset['dataset']['bookings'][number][]>();
  for (const booking of dataset.bookings) {
    if (booking.serviceUser === null || !fundsOf.has(booking.serviceUser)) continue;
    const list = bookingsOf.get(booking.serviceUser);
    if (list) list.push(booking);
    else bookingsOf.set(booking.serviceUser, [booking]);
  }
  const fundRows: object[] = [];
  const residentRows: object[] = [];
  for (const [resident, funds] of fundsOf) {
    funds.sort((a, b) => a.openingBalanceDate - b.openingBalanceDate || compare(a.id, b.id));
    const balances = funds.map((fund) => fund.openingBalancePence);
    const monthly = funds.map((): object[] => []);
    const totals: object[] = [];
    const bookings = bookingsOf.get(resident) ?? [];
    // Before T's month in closed form: every booking's days from the first opening on.
    const before = { from: funds[0]!.openingBalanceDate, to: (monthEnds[0]!.day - 1) as Day };
    let drawnBefore = 0;
    for (const booking of bookings)
      drawnBefore += dailyPence(booking) * overlapDays(booking.startDate, booking.endDate, before);
    for (let f = 0; f < funds.length && drawnBefore > 0; f++) {
      const drawn = Math.min(drawnBefore, Math.max(0, balances[f]!));
      balances[f]! -= drawn;
      drawnBefore -= drawn;
    }
    // Then month by month to the horizon.
    for (const { day: to, month: label } of monthEnds) {
      const { year: y, month: m } = ymdOfDay(to);
      const range = { from: firstOfMonth(y, m), to };
      let fee = 0;
      for (const booking of bookings)
        fee += dailyPence(booking) * overlapDays(booking.startDate, booking.endDate, range);
      let total = 0;
      for (let f = 0; f < funds.length; f++) {
        const drawn = Math.min(fee, Math.max(0, balances[f]!));
        balances[f]! -= drawn;
        fee -= drawn;
        monthly[f]!.push({ month: label, monthEnd: to, closingBalancePence: balances[f] });
        total += balances[f]!;
      }
      totals.push({ month: label, monthEnd: to, closingBalancePence: total });
    }
    for (const [f, fund] of funds.entries())
      fundRows.push({ ...fund, balanceAsOfPence: balances[f], monthly: monthly[f] });
    residentRows.push({ id: resident, funds: funds.map((fund) => fund.id), monthly: totals });
  }
  return { funds: fundRows, serviceUsers: residentRows };
}
