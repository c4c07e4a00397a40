// Set up before every test file Stryker runs (mutation/vitest.config.ts). A property that
// fails under a mutant has killed it: the counterexample is not shrunk (`endOnFailure`),
// which can take longer than the search. A module whose entry in mutation/modules.mjs has
// `propertyRuns` caps every property's runs at that (packages/core/test/property-runs.ts;
// docs/testing.md "What a run costs").
import fc from 'fast-check';
import { MODULES } from './modules.mjs';

// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by scripts/mutation.mjs; no turbo task reads it
const module = MODULES[process.env.CAREBILL_MUTATION_MODULE ?? ''];
const cap = module?.propertyRuns;
fc.configureGlobal({
  ...fc.readConfigureGlobal(),
  endOnFailure: true,
  ...(cap === undefined ? {} : { numRuns: cap }),
});
