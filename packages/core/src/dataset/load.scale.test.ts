import { describe, expect, it } from 'vitest';
import { loadDataset } from './load.js';

/** A group the size the spec plans for: 30,000 residents, about 100k records. */
function bigGroup(residents: number) {
  const serviceUsers = [];
  const bookings = [];
  const contracts = [];
  const funds = [];
  for (let i = 0; i < residents; i++) {
    const su = `su${i}`;
    serviceUsers.push({
      _id: su,
      first_name: `First${i}`,
      last_name: `Last${i}`,
      billing_enabled: true,
    });
    // Two consecutive stays, the second open.
    bookings.push({
      _id: `b${i}a`,
      service_user: su,
      booking_type: 'service_user',
      start_date: '2023-01-01',
      end_date: '2023-12-31',
      rate: 138554,
      rate_period: 'weekly',
    });
    bookings.push({
      _id: `b${i}b`,
      service_user: su,
      booking_type: 'service_user',
      start_date: '2024-01-01',
      end_date: null,
      rate: '140000',
      rate_period: 'weekly',
    });
    contracts.push({
      _id: `c${i}`,
      service_user: su,
      start_date: '2023-01-01',
      fee_contribution: null,
    });
    funds.push({
      _id: `f${i}`,
      service_user: su,
      opening_balance: 2875000,
      opening_balance_date: '2022-10-21',
    });
  }
  return {
    'service-users': JSON.stringify(serviceUsers),
    bookings: JSON.stringify(bookings),
    'billing-contracts': JSON.stringify(contracts),
    'care-funds': JSON.stringify(funds),
  };
}

describe('scale', () => {
  it('loads 30,000 residents (150,000 records) with nothing to report', () => {
    const files = bigGroup(30_000);
    const started = performance.now();
    const loaded = loadDataset(files);
    const ms = performance.now() - started;
    // Measured, not asserted (no timing assertions in this suite).
    console.info(`loadDataset: 150,000 records in ${Math.round(ms)} ms`);
    expect(loaded.errors).toEqual([]);
    expect(loaded.parked).toEqual([]);
    expect(loaded.dataset.bookings).toHaveLength(60_000);
    expect(loaded.dataset.serviceUsers.size).toBe(30_000);
  });

  it('one resident with 20,000 overlapping stays is reported linearly', () => {
    const bookings = Array.from({ length: 20_000 }, (_, i) => ({
      _id: `b${String(i).padStart(5, '0')}`,
      service_user: 'su',
      start_date: '2024-01-01',
      rate: 1,
      rate_period: 'daily',
    }));
    const loaded = loadDataset({ bookings: JSON.stringify(bookings) });
    expect(loaded.parked).toHaveLength(1);
    expect(loaded.parked[0]?.problems).toHaveLength(20_000);
  });
});
