import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPounds, formatPoundsPlain } from './format.js';
import { mulDivHalfUp, roundHalfUpDiv } from './round.js';

describe('roundHalfUpDiv', () => {
  it.each([
    [138554 * 3, 7, 59380],
    [138554 * 7, 7, 138554],
    [138554 * 30, 7, 593803],
    [5, 2, 3],
    [-5, 2, -3],
    [4, 2, 2],
    [1, 3, 0],
    [2, 3, 1],
  ])('%i / %i = %i', (n, d, expected) => {
    expect(roundHalfUpDiv(n, d)).toBe(expected);
  });

  it('agrees with exact BigInt rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 1, max: 10_000 }),
        (n, d) => {
          const big = BigInt(Math.abs(n));
          const q = big / BigInt(d);
          const r = big - q * BigInt(d);
          const rounded = Number(2n * r >= BigInt(d) ? q + 1n : q) * (n < 0 ? -1 : 1);
          expect(roundHalfUpDiv(n, d)).toBe(rounded === 0 ? 0 : rounded); // never -0
        },
      ),
    );
  });
});

describe('mulDivHalfUp', () => {
  it('multiplies before dividing', () => {
    expect(mulDivHalfUp(138554, 52, 12)).toBe(600401);
    expect(mulDivHalfUp(2 ** 40, 2 ** 20, 2 ** 20)).toBe(2 ** 40);
  });
});

describe('formatPounds', () => {
  it.each([
    [138554, '£1,385.54', '1385.54'],
    [-5, '-£0.05', '-0.05'],
    [100000000, '£1,000,000.00', '1000000.00'],
    [0, '£0.00', '0.00'],
  ])('%i pence', (p, pretty, plain) => {
    expect(formatPounds(p)).toBe(pretty);
    expect(formatPoundsPlain(p)).toBe(plain);
  });
});
