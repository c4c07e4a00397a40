// @ts-check
/**
 * Mutation testing of the finance core (docs/testing.md). Run it through
 * `pnpm mutation [module…]` (scripts/mutation.mjs): one module at a time, each with its own
 * incremental file under mutation/incremental/ and its reports under reports/mutation/.
 */
import { MODULES } from './mutation/modules.mjs';

// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by scripts/mutation.mjs; no turbo task reads it
const name = process.env.CAREBILL_MUTATION_MODULE ?? '';
const module = MODULES[name];
if (module === undefined) {
  throw new Error(
    `run mutation testing through "pnpm mutation <module>"; modules: ${Object.keys(MODULES).join(', ')}`,
  );
}
// A focused run (--mutate narrowed to a file or lines) must not overwrite the module's
// incremental file or reports with a part of the module.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by scripts/mutation.mjs; no turbo task reads it
const focus = process.env.CAREBILL_MUTATION_FOCUS === '1';
const out = focus ? `${name}-focus` : name;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'pnpm',
  // pnpm keeps Stryker's own node_modules apart from its plugins: name them.
  plugins: [
    '@stryker-mutator/vitest-runner',
    '@stryker-mutator/typescript-checker',
    // Each mutant's result as soon as it is known (reports/mutation/<module>/mutants.jsonl).
    './mutation/mutant-log-reporter.mjs',
  ],
  testRunner: 'vitest',
  vitest: { configFile: 'mutation/vitest.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'mutation/tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: module.mutate,
  ignorePatterns: [
    '/docs',
    '/out',
    '**/bench',
    '**/dist',
    '**/.turbo',
    '/packages/cli',
    '/packages/carehq',
    '/packages/generator',
  ],
  coverageAnalysis: 'perTest',
  // The machine is shared: two workers at most.
  concurrency: 2,
  // The initial run of a large module's tests, instrumented, on two busy cores: dataset's
  // took 7 minutes at a load average of 22 (Stryker's default gives up after 5).
  dryRunTimeoutMinutes: 30,
  timeoutMS: 20_000,
  timeoutFactor: 3,
  incremental: !focus,
  incrementalFile: `mutation/incremental/${name}.json`,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json', 'mutant-log'],
  htmlReporter: { fileName: `reports/mutation/${out}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${out}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true },
  thresholds: { high: module.threshold, low: module.threshold, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
