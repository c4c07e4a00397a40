/**
 * Money is an integer number of pence from the boundary to the display edge.
 */
import { internalError } from '../errors/carebill-error.js';

/** An integer amount of pence (may be negative). */
export type Pence = number & { readonly __brand: 'Pence' };

/**
 * The one checked constructor of {@link Pence}: a safe integer, or a thrown `CarebillError`
 * (`INTERNAL`: money that is not whole pence never reaches here from checked input).
 *
 * @example pence(138554) // 138554 as Pence
 */
export function pence(value: number): Pence {
  if (!Number.isSafeInteger(value)) {
    throw internalError(`not a whole number of pence: ${value}`);
  }
  return value as Pence;
}

/**
 * The sum of some amounts, checked to stay a safe integer. @example sumPence([1, 2]) === 3
 *
 * @internal
 */
export function sumPence(amounts: Iterable<number>): Pence {
  let total = 0;
  for (const amount of amounts) total += amount;
  return pence(total);
}
