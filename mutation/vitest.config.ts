import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The suite Stryker runs against each mutant: core's tests and reports' unit tests, in
// Stryker's sandbox (a copy of the repository whose node_modules are links back to the
// original). A workspace package reached through node_modules would resolve to the
// original, unmutated source, so the packages are aliased to the sandbox's own files.
// Left out: the scale tests (seconds each, and they assert speed-shaped behaviour) and
// the CLI, CareHQ and generator suites (child processes and servers, which never see an
// active mutant).
const root = fileURLToPath(new URL('..', import.meta.url));
const conditions = ['source', 'module', 'node', 'import', 'default'];
const alias = [
  { find: /^@carebill\/core$/, replacement: `${root}packages/core/src/index.ts` },
  { find: /^@carebill\/core\/testing$/, replacement: `${root}packages/core/test/builders.ts` },
  { find: /^@carebill\/reports$/, replacement: `${root}packages/reports/src/index.ts` },
];

export default defineConfig({
  root,
  resolve: { conditions, alias },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: [
      'packages/core/src/**/*.test.ts',
      'packages/core/test/**/*.test.ts',
      'packages/reports/src/exports/**/*.test.ts',
      'packages/reports/src/tables/**/*.test.ts',
      'packages/reports/src/preview/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/*.scale.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
