/**
 * What `pnpm mutation` mutates, module by module, the tests that must kill each module's
 * mutants, and the score each must keep (docs/testing.md). Globs are relative to the
 * repository root.
 *
 * A module's mutants are run against its own tests only: every rule must be pinned by a
 * test beside the code that implements it, not merely caught by chance further downstream.
 * It also keeps a run short on a shared machine.
 */
const core = (name, threshold) => ({
  mutate: [
    `packages/core/src/${name}/**/*.ts`,
    `!packages/core/src/${name}/**/*.test.ts`,
    `!packages/core/src/${name}/index.ts`,
  ],
  tests: [`packages/core/src/${name}/**/*.test.ts`],
  threshold,
});

/** A part of dataset/: the named files, against every test of dataset/. */
const datasetPart = (files) => ({
  mutate: files.map((file) => `packages/core/src/dataset/${file}.ts`),
  tests: ['packages/core/src/dataset/**/*.test.ts'],
  threshold: 80,
  propertyRuns: 25,
});

/**
 * `propertyRuns`, when set, caps every fast-check property's runs in the module's mutation
 * runs (mutation/fast-check-setup.ts; docs/testing.md "What a run costs").
 *
 * @type {Record<string, { mutate: string[]; tests: string[]; threshold: number; propertyRuns?: number }>}
 */
export const MODULES = {
  money: core('money', 90),
  // calendar/check.ts (a period or a day given as an option) is pinned by the option tests.
  calendar: {
    ...core('calendar', 80),
    tests: ['packages/core/src/calendar/**/*.test.ts', 'packages/core/src/errors/*.test.ts'],
  },
  charges: core('charges', 90),
  // invoices/options.ts (the preview's options: every refusal names its option) is pinned by
  // the option tests of errors/, as calendar/check.ts is.
  invoices: {
    ...core('invoices', 90),
    tests: ['packages/core/src/invoices/**/*.test.ts', 'packages/core/src/errors/options.test.ts'],
  },
  runway: core('runway', 90),
  referrals: core('referrals', 80),
  // dataset/ is 2,260 mutants, most reached by the loader's properties (300 runs each,
  // capped at 25 here): hours on two cores, so it is measured in three parts a session can
  // finish, each against all of dataset's tests.
  'dataset-fields': datasetPart(['fields', 'text-checks', 'limits', 'problems']),
  'dataset-records': datasetPart([
    'model',
    'people',
    'places',
    'bookings',
    'contracts',
    'care-funds',
    'references',
    'ownership',
    'overlaps',
    'usable',
    'volume',
  ]),
  'dataset-load': datasetPart(['load', 'load-types', 'pages', 'parking', 'json-scan', 'input']),
  report: core('report', 80),
  // Option checking and CarebillError: every option's range and every refusal's wording.
  errors: core('errors', 80),
  // The rule-bearing parts of reports: CSV neutralising (the rule and the one writer that
  // applies it), delivery (the email manifest: which invoice goes to whom) and the tables
  // every sheet and CSV export is written from. Line descriptions and the choice of
  // delivery channel are core rules (invoices/describe.ts, invoices/delivery.ts).
  reports: {
    mutate: [
      'packages/reports/src/exports/csv-safety.ts',
      'packages/reports/src/exports/csv-write.ts',
      'packages/reports/src/preview/email-manifest.ts',
      'packages/reports/src/tables/*.ts',
      '!packages/reports/src/tables/*.test.ts',
    ],
    tests: [
      'packages/reports/src/exports/*.test.ts',
      'packages/reports/src/tables/*.test.ts',
      'packages/reports/src/preview/*.test.ts',
    ],
    threshold: 80,
    // Its properties (cell text, CSV neutralising, exports read back) run 150–300 times each.
    propertyRuns: 25,
  },
};
