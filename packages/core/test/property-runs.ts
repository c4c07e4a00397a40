import fc from 'fast-check';

/**
 * How many runs a fast-check property makes: `n`, or fewer when mutation testing caps
 * them (mutation/fast-check-setup.ts sets fast-check's global `numRuns` for a module whose
 * entry in mutation/modules.mjs asks for it). Under mutation the rule tests do the
 * killing; a property run against every mutant they let through only has to notice a
 * broken invariant, not search as widely as the suite does.
 *
 * @example fc.assert(fc.property(arb, check), { numRuns: propertyRuns(300) })
 */
export function propertyRuns(n: number): number {
  const cap = fc.readConfigureGlobal().numRuns;
  return cap === undefined ? n : Math.min(n, cap);
}
