/**
 * The one place where exact fractions of a penny become whole pence.
 *
 * Every fraction in the product is a ratio of integers (a weekly rate over 7, 52/12 of a
 * weekly rate, a share of a month), so rounding is done on the exact rational
 * `numerator / denominator`, never on a float quotient.
 */

import { internalError } from '../errors/carebill-error.js';

/**
 * Rounds `numerator / denominator` to the nearest integer, halves away from zero
 * (decimal.js `ROUND_HALF_UP`, the usual commercial rule). `denominator` must be a positive
 * integer. Exact for any safe-integer inputs.
 *
 * @example roundHalfUpDiv(138554 * 3, 7) === 59380; roundHalfUpDiv(5, 2) === 3;
 * roundHalfUpDiv(-5, 2) === -3
 */
export function roundHalfUpDiv(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw internalError(
      `roundHalfUpDiv needs safe integers and a positive denominator: ${numerator}/${denominator}`,
    );
  }
  const magnitude = Math.abs(numerator);
  const quotient = Math.floor(magnitude / denominator);
  const remainder = magnitude - quotient * denominator;
  const rounded = 2 * remainder >= denominator ? quotient + 1 : quotient;
  // Half away from zero: the magnitude rounds and the sign follows. Never -0 (`|| 0`): a
  // zero amount must compare and serialise as plain 0, even from −1 × 0.
  return Math.sign(numerator) * rounded || 0;
}

/**
 * `roundHalfUp(a × b / denominator)`, exact even when `a × b` is beyond 2^53 (it then
 * switches to BigInt). Multiplies before dividing, so no intermediate quotient is rounded.
 *
 * @example mulDivHalfUp(138554, 30, 7) === 593803; mulDivHalfUp(138554, 52, 12) === 600401
 * @internal
 */
export function mulDivHalfUp(a: number, b: number, denominator: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) {
    throw internalError(`mulDivHalfUp needs safe integers: ${a}×${b}/${denominator}`);
  }
  const product = a * b;
  // Stryker disable next-line ConditionalExpression,BlockStatement: a shortcut; the BigInt path below gives the same result
  if (Number.isSafeInteger(product)) return roundHalfUpDiv(product, denominator);
  const big = BigInt(a) * BigInt(b);
  if (!Number.isSafeInteger(denominator) || denominator <= 0) {
    throw internalError(`mulDivHalfUp needs a positive denominator: ${a}×${b}/${denominator}`);
  }
  const den = BigInt(denominator);
  // Stryker disable next-line EqualityOperator: the BigInt path only sees |a × b| > 2^53, never 0
  const negative = big < 0n;
  const magnitude = negative ? -big : big;
  const quotient = magnitude / den;
  const remainder = magnitude - quotient * den;
  const rounded = 2n * remainder >= den ? quotient + 1n : quotient;
  const result = Number(negative ? -rounded : rounded);
  if (!Number.isSafeInteger(result))
    throw internalError(`amount beyond 2^53 pence: ${a}×${b}/${denominator}`);
  return result;
}
