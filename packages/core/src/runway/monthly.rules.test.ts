/**
 * A runway's month rows are read-only: the row at a balance of 0 is one object a month,
 * shared by every fund and resident at 0 (project.ts), so it is frozen — one caller's
 * change to it would otherwise be every empty fund's.
 */
import { describe, expect, it } from 'vitest';
import { booking, careFund, d, dataset, loaded } from '../../test/builders.js';
import { projectRunway } from './project.js';

describe('month rows at a balance of 0', () => {
  it('are one frozen object a month, shared by the funds and the resident at 0', () => {
    // £100 a day from 1 Nov against £1,000 and £500: both are empty by 16 Nov.
    const data = dataset({
      bookings: [
        booking({ id: 'b1', startDate: d('2024-11-01'), ratePence: 10000, ratePeriod: 'daily' }),
      ],
      careFunds: [
        careFund({ id: 'a', openingBalancePence: 100000, openingBalanceDate: d('2024-11-01') }),
        careFund({ id: 'b', openingBalancePence: 50000, openingBalanceDate: d('2024-11-02') }),
      ],
    });
    const runway = projectRunway(loaded(data), { asOf: d('2024-11-01'), months: 3 });
    const [a, b] = runway.funds;
    const december = [a?.monthly[1], b?.monthly[1], runway.serviceUsers[0]?.monthly[1]];
    expect(december.map((row) => row?.closingBalancePence)).toEqual([0, 0, 0]);
    expect(new Set(december).size).toBe(1);
    expect(Object.isFrozen(december[0])).toBe(true);
    expect(() => {
      (december[0] as { closingBalancePence: number }).closingBalancePence = 1;
    }).toThrow(TypeError);
  });
});
