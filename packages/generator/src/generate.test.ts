import { type Day, formatDay, parseDay } from '@carebill/core';
import { addDays } from '@carebill/core/internal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDataset } from '../test/check-dataset.js';
import { type GenerateOptions, generateDataset, generateWithStats } from './generate.js';

type Raw = Record<string, unknown>;

const small = { homes: 3, residentsPerHome: 20, years: 2, seed: 7 };

describe('generateDataset', () => {
  it('gives byte-identical JSON for the same options, and different JSON for another seed', () => {
    const once = JSON.stringify(generateDataset(small));
    expect(JSON.stringify(generateDataset(small))).toBe(once);
    expect(JSON.stringify(generateDataset({ ...small, seed: 8 }))).not.toBe(once);
  });

  it('fills all nine resources with CareHQ-shaped records', () => {
    const data = generateDataset(small);
    expect(Object.keys(data).sort()).toEqual([
      'billing-contracts',
      'bookings',
      'care-fund-types',
      'care-funds',
      'location-contacts',
      'locations',
      'rooms',
      'service-user-contacts',
      'service-users',
    ]);
    expect(data['service-users']).toHaveLength(60);
    expect(data.locations).toHaveLength(3);
    const booking = data.bookings.find((b) => b['booking_type'] === 'service_user') as Raw;
    expect(Object.keys(booking)).toEqual([
      '_id',
      'booking_type',
      'cancelled',
      'check_in',
      'checkout',
      'checkout_notes',
      'converted_to_permanent',
      'created',
      'end_date',
      'location',
      'modified',
      'notes',
      'proposed_checkout_date',
      'rate',
      'rate_period',
      'reason_for_checkout',
      'respite',
      'room',
      'service_user',
      'start_date',
    ]);
    const location = data.locations[0] as Raw;
    expect(location['invoice_address']).toMatchObject({
      address_1: expect.any(String),
      postcode: expect.stringMatching(/^[A-Z]{1,2}\d+ \d[A-Z]{2}$/),
    });
    expect(location).toHaveProperty('invoice_payment_instructions_direct_debit');
  });

  it('is valid by SPEC §2 and §3.3 for several seeds and sizes', () => {
    const cases: GenerateOptions[] = [
      small,
      { homes: 2, residentsPerHome: 30, years: 3, seed: 0 },
      { homes: 12, residentsPerHome: 8, years: 1, seed: 2 ** 40 + 3, endDate: '2025-02-28' },
    ];
    for (const options of cases) {
      const data = generateDataset(options);
      expect(checkDataset(data, options.endDate ?? '2024-11-30')).toEqual([]);
    }
  });

  it('is valid for any small size, seed and end date (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          homes: fc.integer({ min: 1, max: 3 }),
          residentsPerHome: fc.integer({ min: 1, max: 12 }),
          years: fc.integer({ min: 1, max: 6 }),
          seed: fc.maxSafeNat(),
          endDate: fc
            .integer({ min: 0, max: 6000 })
            .map((n) => formatDay(addDays(parseDay('2012-01-01') as Day, n))),
        }),
        (options) => {
          expect(checkDataset(generateDataset(options), options.endDate)).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses sizes that are not positive whole numbers and dates that are not real', () => {
    expect(() => generateDataset({ homes: 0 })).toThrow(/homes/);
    expect(() => generateDataset({ homes: 1.5 })).toThrow(/homes/);
    expect(() => generateDataset({ homes: 1, years: -1 })).toThrow(/years/);
    expect(() => generateDataset({ homes: 1, seed: -1 })).toThrow(/seed/);
    expect(() => generateDataset({ homes: 1, endDate: '2023-02-29' })).toThrow(/endDate/);
  });
});

describe('the mix of a 20-home group', () => {
  const { dataset: data, residentsByKind } = generateWithStats({ homes: 20, seed: 1 });
  const residents = data['service-users'];
  const contracts = data['billing-contracts'];
  const contacts = new Map(data['location-contacts'].map((c) => [c['_id'], c]));
  const tagOf = (contract: Raw) =>
    (contacts.get(contract['location_contact']) as Raw | undefined)?.['tags'] as
      | string[]
      | undefined;
  const residentsWith = (test: (c: Raw) => boolean) =>
    new Set(contracts.filter(test).map((c) => c['service_user']));

  it('is valid', () => {
    expect(checkDataset(data, '2024-11-30')).toEqual([]);
  });

  it('has about 45% self-funders, 40% council, 10% NHS CHC and 5% respite', () => {
    const n = residents.length;
    expect(n).toBe(1200);
    const council = residentsWith((c) => c['contribution_type'] === 'local_authority');
    const chc = residentsWith((c) => c['contribution_type'] === 'chc');
    const respite = new Set(
      data.bookings.filter((b) => b['respite'] && !b['cancelled']).map((b) => b['service_user']),
    );
    expect(council.size).toBe(residentsByKind.council);
    expect(chc.size).toBe(residentsByKind.chc);
    expect(respite.size).toBe(residentsByKind.respite);
    const self = n - council.size - chc.size - respite.size;
    expect(self / n).toBeGreaterThan(0.4);
    expect(self / n).toBeLessThan(0.5);
    expect(council.size / n).toBeGreaterThan(0.35);
    expect(council.size / n).toBeLessThan(0.45);
    expect(chc.size / n).toBeGreaterThan(0.07);
    expect(chc.size / n).toBeLessThan(0.13);
    expect(respite.size / n).toBeGreaterThan(0.03);
    expect(respite.size / n).toBeLessThan(0.08);

    // Of council residents, about 30% have FNC and about 30% a family top-up.
    const fnc = residentsWith((c) => c['contribution_type'] === 'fnc');
    const topUp = residentsWith((c) => c['contribution_type'] === 'top_up');
    expect(fnc.size / council.size).toBeGreaterThan(0.22);
    expect(fnc.size / council.size).toBeLessThan(0.38);
    expect(topUp.size / council.size).toBeGreaterThan(0.22);
    expect(topUp.size / council.size).toBeLessThan(0.38);
    // FNC is paid by an NHS body at the year's rate: £235.88 a week in 2024/25.
    const fnc2024 = contracts.filter(
      (c) => c['contribution_type'] === 'fnc' && String(c['start_date']) >= '2024-04-01',
    );
    expect(fnc2024.length).toBeGreaterThan(0);
    for (const c of fnc2024) {
      expect(c['fee_contribution']).toBe(23588);
      expect(tagOf(c)).toEqual(['NHS']);
    }
    // Councils pay both ways: as parent (listing contributors) and as balance payer.
    const la = contracts.filter((c) => c['contribution_type'] === 'local_authority');
    expect(la.some((c) => c['fee_contribution'] === null)).toBe(true);
    expect(la.some((c) => (c['contributes_to'] as string[]).length > 0)).toBe(true);
  });

  it('gives self-funders one to three care funds of the three types', () => {
    const fundsBy = new Map<unknown, number>();
    for (const f of data['care-funds'])
      fundsBy.set(f['service_user'], (fundsBy.get(f['service_user']) ?? 0) + 1);
    expect(fundsBy.size).toBe(residentsByKind.self);
    expect(Math.min(...fundsBy.values())).toBe(1);
    expect(Math.max(...fundsBy.values())).toBe(3);
    expect(data['care-fund-types'].map((t) => t['name'])).toEqual([
      'Savings',
      'Property',
      'Investments',
    ]);
  });

  it('checks out about 10% of permanent residents and cuts stays at each April uplift', () => {
    const stays = data.bookings.filter(
      (b) => b['booking_type'] === 'service_user' && !b['respite'],
    );
    const permanent = new Set(stays.map((b) => b['service_user']));
    const checkedOut = new Set(stays.filter((b) => b['checkout']).map((b) => b['service_user']));
    expect(checkedOut.size / permanent.size).toBeGreaterThan(0.06);
    expect(checkedOut.size / permanent.size).toBeLessThan(0.14);
    const uplifts = stays.filter(
      (b) => String(b['start_date']).endsWith('-04-01') && !b['check_in'],
    );
    expect(uplifts.length).toBeGreaterThan(permanent.size);
    // A rate change is a new booking starting the day after the last one ends, ~5% dearer.
    const byResident = new Map<unknown, Raw[]>();
    for (const b of stays)
      byResident.set(b['service_user'], [...(byResident.get(b['service_user']) ?? []), b]);
    for (const b of uplifts.slice(0, 50)) {
      const previous = (byResident.get(b['service_user']) ?? []).find(
        (p) => p['end_date'] === `${String(b['start_date']).slice(0, 4)}-03-31`,
      );
      expect(previous).toBeDefined();
      const ratio = Number(b['rate']) / Number(previous?.['rate']);
      expect(ratio).toBeGreaterThan(1.035);
      expect(ratio).toBeLessThan(1.075);
    }
    // Current weekly rates are £900 to £1,900.
    const open = stays.filter((b) => b['end_date'] === null && b['rate_period'] === 'weekly');
    for (const b of open) {
      expect(b['rate']).toBeGreaterThanOrEqual(90000);
      expect(b['rate']).toBeLessThanOrEqual(190000);
    }
  });

  it('has respite with a proposed checkout only, rooms out of service and block beds', () => {
    const respite = data.bookings.filter((b) => b['respite'] && !b['cancelled']);
    expect(
      respite.some((b) => b['end_date'] === null && b['proposed_checkout_date'] !== null),
    ).toBe(true);
    expect(
      respite.every((b) => b['end_date'] !== null || b['proposed_checkout_date'] !== null),
    ).toBe(true);
    expect(data.bookings.some((b) => b['booking_type'] === 'out_of_service')).toBe(true);
    const blocks = data.bookings.filter((b) => b['booking_type'] === 'block_contract');
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) {
      expect(
        contracts.filter(
          (c) =>
            c['contribution_type'] === 'block_bed' &&
            c['location'] === b['location'] &&
            c['service_user'] === null,
        ),
      ).toHaveLength(1);
    }
  });

  it('shares a council between about ten homes, most consolidating invoices', () => {
    const councils = data['location-contacts'].filter((c) =>
      (c['tags'] as string[]).includes('LA'),
    );
    expect(councils).toHaveLength(2);
    expect(councils.every((c) => (c['locations'] as string[]).length >= 10)).toBe(true);
    expect(councils.every((c) => c['multi_location'] === true)).toBe(true);
    const all = generateDataset({ homes: 200, residentsPerHome: 1, years: 1, seed: 3 })[
      'location-contacts'
    ];
    const la = all.filter((c) => (c['tags'] as string[]).includes('LA'));
    const consolidating = la.filter((c) => c['billing_consolidate_invoices'] === true).length;
    expect(consolidating / la.length).toBeGreaterThan(0.6);
    expect(consolidating).toBeLessThan(la.length);
  });

  it('varies payers: email and post, large print, direct debit with and without mandate, id fields', () => {
    const payers = [...data['service-user-contacts'], ...residents].filter(
      (p) => p['billing_enabled'] === true,
    );
    const has = (test: (p: Raw) => boolean) => payers.some(test);
    expect(has((p) => JSON.stringify(p['billing_comms_preference']) === '["email"]')).toBe(true);
    expect(has((p) => JSON.stringify(p['billing_comms_preference']) === '["post"]')).toBe(true);
    expect(has((p) => p['large_print_requested_for_billing'] === true)).toBe(true);
    expect(
      has((p) => p['payment_method'] === 'direct_debit' && p['has_direct_debit_mandate'] === true),
    ).toBe(true);
    expect(
      has((p) => p['payment_method'] === 'direct_debit' && p['has_direct_debit_mandate'] !== true),
    ).toBe(true);
    expect(
      [...payers, ...data['location-contacts']].some(
        (p) => JSON.stringify(p['invoices_service_user_id_fields']) === '["nhs_number","initials"]',
      ),
    ).toBe(true);
  });

  it('uses Welsh, Polish and accented names now and then, and valid NHS numbers', () => {
    const names = residents.map((r) => `${r['first_name']} ${r['last_name']}`).join('\n');
    expect(names).toMatch(/[ŵŷŴŶ]/);
    expect(names).toMatch(/[ŁłśąężźćńóÓ]/);
    expect(names).toMatch(/[ëéü]/);
    for (const r of residents) {
      const digits = String(r['nhs_number']).replace(/ /g, '');
      expect(digits).toMatch(/^\d{10}$/);
      const sum = [...digits.slice(0, 9)].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
      expect((11 - (sum % 11)) % 11).toBe(Number(digits[9]));
    }
  });
});
