/**
 * An independent check of a generated dataset against SPEC §2 and §3.3, written without
 * the generator's own code: every rule the loader enforces, plus "somebody pays every
 * billable day" and "the contracts add up to the fee".
 */
import { parseDay } from '@carebill/core';

type Raw = Record<string, unknown>;
type Data = Readonly<Record<string, readonly Raw[]>>;

const ID = /^[0-9a-f]{24}$/;
const STAMP = /^(\d{4}-\d{2}-\d{2}) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
const DATE_FIELDS = [
  'start_date',
  'end_date',
  'proposed_checkout_date',
  'opening_balance_date',
  'date_of_birth',
];
const STAMP_FIELDS = ['created', 'modified', 'cancelled'];
const MONEY_FIELDS = ['rate', 'opening_balance', 'fee_contribution'];
const FOREVER = Number.MAX_SAFE_INTEGER;

/** Every problem found, as sentences; empty when the dataset is valid. */
export function checkDataset(data: Data, endDate: string): string[] {
  const problems: string[] = [];
  const end = day(endDate);
  const ids = new Set<string>();
  const byResource = new Map<string, Map<string, Raw>>();
  for (const [resource, records] of Object.entries(data)) {
    const map = new Map<string, Raw>();
    byResource.set(resource, map);
    for (const record of records) {
      const id = record['_id'];
      if (typeof id !== 'string' || !ID.test(id)) problems.push(`${resource}: bad _id ${id}`);
      else if (ids.has(id)) problems.push(`${resource}: duplicate _id ${id}`);
      else ids.add(id);
      map.set(String(id), record);
      for (const field of DATE_FIELDS) {
        const value = record[field];
        if (value !== undefined && value !== null && !isDate(value)) {
          problems.push(`${resource} ${id}: ${field} ${String(value)} is not a real date`);
        }
      }
      for (const field of STAMP_FIELDS) {
        const value = record[field];
        if (value === undefined || value === null) continue;
        const match = typeof value === 'string' ? STAMP.exec(value) : null;
        if (!match || !isDate(match[1])) problems.push(`${resource} ${id}: bad ${field} ${value}`);
      }
      for (const field of MONEY_FIELDS) {
        const value = record[field];
        if (value !== undefined && value !== null && !Number.isSafeInteger(value)) {
          problems.push(`${resource} ${id}: ${field} ${String(value)} is not integer pence`);
        }
      }
    }
  }
  const get = (resource: string) => byResource.get(resource) ?? new Map<string, Raw>();
  const ref = (resource: string, id: string, field: string, value: unknown, target: string) => {
    if (value === null || value === undefined) return;
    if (typeof value !== 'string' || !get(target).has(value)) {
      problems.push(`${resource} ${id}: ${field} ${String(value)} is not in ${target}`);
    }
  };

  const bookingsByResident = new Map<string, Raw[]>();
  for (const [id, b] of get('bookings')) {
    ref('bookings', id, 'location', b['location'], 'locations');
    ref('bookings', id, 'room', b['room'], 'rooms');
    ref('bookings', id, 'service_user', b['service_user'], 'service-users');
    const type = b['booking_type'];
    if (type === 'service_user') {
      if (typeof b['service_user'] !== 'string') problems.push(`booking ${id}: no service_user`);
      else if (b['cancelled'] === null) {
        const list = bookingsByResident.get(b['service_user']) ?? [];
        list.push(b);
        bookingsByResident.set(b['service_user'], list);
      }
    }
    if (type !== 'out_of_service') {
      if (b['rate_period'] !== 'daily' && b['rate_period'] !== 'weekly') {
        problems.push(`booking ${id}: rate_period ${String(b['rate_period'])}`);
      }
      if (!Number.isSafeInteger(b['rate'])) problems.push(`booking ${id}: no rate`);
    }
    const start = day(b['start_date']);
    if (start > end) problems.push(`booking ${id} starts after the window`);
    if (b['end_date'] !== null && day(b['end_date']) < start)
      problems.push(`booking ${id}: end < start`);
    if (b['proposed_checkout_date'] !== null && day(b['proposed_checkout_date']) < start) {
      problems.push(`booking ${id}: proposed_checkout_date < start`);
    }
  }
  for (const [resident, list] of bookingsByResident) {
    const sorted = [...list].sort((a, b) => day(a['start_date']) - day(b['start_date']));
    for (let i = 1; i < sorted.length; i += 1) {
      const before = sorted[i - 1] as Raw;
      const after = sorted[i] as Raw;
      if (lastDay(before) >= day(after['start_date'])) {
        problems.push(
          `resident ${resident}: bookings ${before['_id']} and ${after['_id']} overlap`,
        );
      }
    }
  }

  const contractsByResident = new Map<string, Raw[]>();
  for (const [id, c] of get('billing-contracts')) {
    ref('billing-contracts', id, 'service_user', c['service_user'], 'service-users');
    ref('billing-contracts', id, 'location', c['location'], 'locations');
    ref('billing-contracts', id, 'location_contact', c['location_contact'], 'location-contacts');
    ref(
      'billing-contracts',
      id,
      'service_user_contact',
      c['service_user_contact'],
      'service-user-contacts',
    );
    ref('billing-contracts', id, 'care_fund', c['care_fund'], 'care-funds');
    const listed = c['contributes_to'];
    if (!Array.isArray(listed)) problems.push(`contract ${id}: contributes_to is not a list`);
    else {
      for (const other of listed)
        ref('billing-contracts', id, 'contributes_to', other, 'billing-contracts');
      if (listed.length > 0 && c['fee_contribution'] === null)
        problems.push(`contract ${id}: parent without fee`);
    }
    if (
      c['fee_contribution'] !== null &&
      c['fee_contribution_unit'] !== 'week' &&
      c['fee_contribution_unit'] !== 'day'
    ) {
      problems.push(`contract ${id}: fee_contribution_unit ${String(c['fee_contribution_unit'])}`);
    }
    if (c['end_date'] !== null && day(c['end_date']) < day(c['start_date']))
      problems.push(`contract ${id}: end < start`);
    const resident = c['service_user'];
    if (typeof resident === 'string' && c['cancelled'] === null) {
      const list = contractsByResident.get(resident) ?? [];
      list.push(c);
      contractsByResident.set(resident, list);
    }
  }
  for (const [resident, list] of contractsByResident) {
    const balance = list.filter(isBalancePayer);
    for (let i = 0; i < balance.length; i += 1) {
      for (let j = i + 1; j < balance.length; j += 1) {
        const a = balance[i] as Raw;
        const b = balance[j] as Raw;
        const compatible =
          a['location'] === null || b['location'] === null || a['location'] === b['location'];
        if (
          compatible &&
          day(a['start_date']) <= lastDay(b) &&
          day(b['start_date']) <= lastDay(a)
        ) {
          problems.push(
            `resident ${resident}: two live balance payers ${a['_id']} and ${b['_id']}`,
          );
        }
      }
    }
  }
  for (const [id, c] of get('service-user-contacts'))
    ref('service-user-contacts', id, 'service_user', c['service_user'], 'service-users');
  for (const [id, f] of get('care-funds')) {
    ref('care-funds', id, 'service_user', f['service_user'], 'service-users');
    ref('care-funds', id, 'care_fund_type', f['care_fund_type'], 'care-fund-types');
  }
  for (const [id, r] of get('rooms')) ref('rooms', id, 'location', r['location'], 'locations');

  problems.push(...checkPayers(data, get, bookingsByResident, contractsByResident, end));
  return problems;
}

/**
 * Every billable day up to the window's end has a payer (a live contract, else a default
 * payer), and where no balance payer is live the contracts add up to the weekly fee.
 */
function checkPayers(
  data: Data,
  get: (resource: string) => Map<string, Raw>,
  bookingsByResident: Map<string, Raw[]>,
  contractsByResident: Map<string, Raw[]>,
  end: number,
): string[] {
  const problems: string[] = [];
  const payingContacts = new Map<string, number>();
  for (const contact of data['service-user-contacts'] ?? []) {
    if (contact['billing_enabled'] === true && contact['future_billing_disabled'] !== true) {
      const resident = String(contact['service_user']);
      payingContacts.set(resident, (payingContacts.get(resident) ?? 0) + 1);
    }
  }
  for (const [resident, bookings] of bookingsByResident) {
    const hasDefault =
      get('service-users').get(resident)?.['billing_enabled'] === true ||
      payingContacts.get(resident) === 1;
    const contracts = (contractsByResident.get(resident) ?? []).filter(
      (c) => c['location'] === null || bookings.some((b) => b['location'] === c['location']),
    );
    for (const booking of bookings) {
      const from = day(booking['start_date']);
      const to = Math.min(lastDay(booking), end);
      // Days on which the set of live contracts can change.
      const edges = new Set<number>([from]);
      for (const c of contracts) {
        edges.add(day(c['start_date']));
        if (c['end_date'] !== null) edges.add(day(c['end_date']) + 1);
      }
      for (const d of [...edges].filter((e) => e >= from && e <= to)) {
        const live = contracts.filter((c) => day(c['start_date']) <= d && d <= lastDay(c));
        if (live.length === 0) {
          if (!hasDefault) problems.push(`booking ${booking['_id']}: nobody pays on day ${d}`);
          continue;
        }
        if (live.some(isBalancePayer)) continue;
        const weekly =
          booking['rate_period'] === 'weekly'
            ? Number(booking['rate'])
            : Number(booking['rate']) * 7;
        const listed = new Set(live.flatMap((c) => (c['contributes_to'] as string[]) ?? []));
        const paid = live
          .filter((c) => !listed.has(String(c['_id'])))
          .reduce((sum, c) => sum + Number(c['fee_contribution']), 0);
        if (paid !== weekly) {
          problems.push(
            `booking ${booking['_id']}: contracts pay ${paid}/wk of ${weekly} on day ${d}`,
          );
        }
      }
    }
  }
  return problems;
}

function isBalancePayer(contract: Raw): boolean {
  const listed = contract['contributes_to'];
  return contract['fee_contribution'] === null && (!Array.isArray(listed) || listed.length === 0);
}

function isDate(value: unknown): boolean {
  return typeof value === 'string' && parseDay(value) !== undefined;
}

function day(value: unknown): number {
  const parsed = typeof value === 'string' ? parseDay(value) : undefined;
  if (parsed === undefined) throw new Error(`not a date: ${String(value)}`);
  return parsed;
}

function lastDay(record: Raw): number {
  return record['end_date'] === null ? FOREVER : day(record['end_date']);
}
