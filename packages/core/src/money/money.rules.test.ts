/**
 * The money rules of SPEC §2 and §3.2, one boundary at a time: integer pence only,
 * half-up rounding of an exact fraction, pounds only at the display edge.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPounds, formatPoundsPlain } from './format.js';
import { pence, sumPence } from './pence.js';
import { mulDivHalfUp, roundHalfUpDiv } from './round.js';

/** roundHalfUp(a × b / d) in exact BigInt arithmetic: the reference. */
function exactHalfUp(a: bigint, b: bigint, d: bigint): bigint {
  const product = a * b;
  const magnitude = product < 0n ? -product : product;
  const quotient = magnitude / d;
  const rounded = 2n * (magnitude - quotient * d) >= d ? quotient + 1n : quotient;
  return product < 0n ? -rounded : rounded;
}

describe('SPEC §2 money is an integer number of pence', () => {
  it('pence() accepts a safe integer and refuses a fraction or a value beyond ±2^53', () => {
    expect(pence(138554)).toBe(138554);
    expect(pence(-5)).toBe(-5);
    expect(() => pence(1385.54)).toThrow(/not a whole number of pence: 1385.54/);
    expect(() => pence(2 ** 53)).toThrow(/not a whole number of pence/);
    expect(() => pence(Number.NaN)).toThrow(/not a whole number of pence/);
  });

  it('sumPence() adds amounts exactly and refuses a total beyond 2^53', () => {
    expect(sumPence([593803, 42857, -5])).toBe(636655);
    expect(sumPence([])).toBe(0);
    expect(() => sumPence([Number.MAX_SAFE_INTEGER, 1])).toThrow(/not a whole number of pence/);
  });
});

describe('SPEC §3.2 roundHalfUp of an exact fraction', () => {
  it('an exact half rounds away from zero, just below a half rounds down', () => {
    // 2 × remainder = denominator is a half: up. One less is below a half: down.
    expect(roundHalfUpDiv(7, 2)).toBe(4);
    expect(roundHalfUpDiv(-7, 2)).toBe(-4);
    expect(roundHalfUpDiv(10, 7)).toBe(1); // 1.43
    expect(roundHalfUpDiv(11, 7)).toBe(2); // 1.57
    expect(roundHalfUpDiv(0, 7)).toBe(0);
    expect(Object.is(roundHalfUpDiv(-1, 7), 0)).toBe(true); // never -0
    expect(Object.is(roundHalfUpDiv(-0, 7), 0)).toBe(true);
    expect(Object.is(mulDivHalfUp(-138554, 0, 7), 0)).toBe(true); // a negative rate over no days
  });

  it('refuses what is not an exact fraction of safe integers with a positive denominator', () => {
    const message = /needs safe integers and a positive denominator/;
    expect(() => roundHalfUpDiv(1.5, 7)).toThrow(message);
    expect(() => roundHalfUpDiv(7, 1.5)).toThrow(message);
    expect(() => roundHalfUpDiv(2 ** 53, 7)).toThrow(message);
    expect(() => roundHalfUpDiv(7, 0)).toThrow(message);
    expect(() => roundHalfUpDiv(7, -7)).toThrow(message);
    expect(() => roundHalfUpDiv(1.5, 0)).toThrow(message);
  });

  it('mulDivHalfUp multiplies before dividing, exactly, beyond 2^53 too', () => {
    // (2^40 + 1) × 2^20 / 2^21 = 2^39 + ½: the half rounds up, on the BigInt path.
    expect(mulDivHalfUp(2 ** 40 + 1, 2 ** 20, 2 ** 21)).toBe(2 ** 39 + 1);
    expect(mulDivHalfUp(-(2 ** 40 + 1), 2 ** 20, 2 ** 21)).toBe(-(2 ** 39 + 1));
    expect(mulDivHalfUp(-(2 ** 40), 2 ** 20, 3072)).toBe(-375299968947541);
    // Just below a half stays down: (2^40 + 1) × (2^20 − 1) / 2^21.
    expect(mulDivHalfUp(2 ** 40 + 1, 2 ** 20 - 1, 2 ** 21)).toBe(549755289600);
  });

  it('mulDivHalfUp refuses inputs that are not safe integers, and a denominator ≤ 0, on either path', () => {
    expect(() => mulDivHalfUp(1.5, 2, 1)).toThrow(/needs safe integers/);
    expect(() => mulDivHalfUp(2, 1.5, 1)).toThrow(/needs safe integers/);
    expect(() => mulDivHalfUp(2 ** 53, 1, 1)).toThrow(/needs safe integers/);
    expect(() => mulDivHalfUp(10, 1, -7)).toThrow(/positive denominator/);
    expect(() => mulDivHalfUp(10, 1, 0)).toThrow(/positive denominator/);
    expect(() => mulDivHalfUp(2 ** 40, 2 ** 20, 0)).toThrow(/needs a positive denominator/);
    expect(() => mulDivHalfUp(2 ** 40, 2 ** 20, -3)).toThrow(/needs a positive denominator/);
    expect(() => mulDivHalfUp(2 ** 40, 2 ** 20, 1.5)).toThrow(/needs a positive denominator/);
  });

  it('mulDivHalfUp refuses a result beyond 2^53 pence', () => {
    expect(() => mulDivHalfUp(2 ** 52, 4, 1)).toThrow(/amount beyond 2\^53 pence/);
    expect(() => mulDivHalfUp(-(2 ** 52), 4, 1)).toThrow(/amount beyond 2\^53 pence/);
  });

  it('mulDivHalfUp agrees with exact BigInt rounding, small and large', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 45), max: 2 ** 45 }),
        fc.integer({ min: -(2 ** 20), max: 2 ** 20 }),
        fc.integer({ min: 1, max: 2 ** 24 }),
        (a, b, d) => {
          const expected = exactHalfUp(BigInt(a), BigInt(b), BigInt(d));
          if (expected > BigInt(Number.MAX_SAFE_INTEGER) || -expected > BigInt(2 ** 53 - 1)) {
            expect(() => mulDivHalfUp(a, b, d)).toThrow(/amount beyond 2\^53 pence/);
          } else {
            expect(mulDivHalfUp(a, b, d)).toBe(Number(expected) || 0);
          }
        },
      ),
    );
  });
});

describe('pounds at the display edge', () => {
  it.each([
    [110, '£1.10', '1.10'],
    [109, '£1.09', '1.09'],
    [100, '£1.00', '1.00'],
    [99, '£0.99', '0.99'],
    [-110, '-£1.10', '-1.10'],
    [100000, '£1,000.00', '1000.00'],
    [99999, '£999.99', '999.99'],
    [-123456789, '-£1,234,567.89', '-1234567.89'],
  ])('%i pence is %s (plain %s)', (amount, pretty, plain) => {
    expect(formatPounds(amount)).toBe(pretty);
    expect(formatPoundsPlain(amount)).toBe(plain);
  });
});
