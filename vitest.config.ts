import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Tests import workspace packages through their "source" export condition, so no build is
// needed before testing (see each package.json's exports map).
const conditions = ['source', 'module', 'node', 'import', 'default'];

// Test files that replace a module (`vi.mock`) or the environment (`vi.stubEnv`) run each in
// a fresh module graph. Every other file shares its worker's modules with the files before
// it: re-importing exceljs, pdfmake and the packages for each of ~140 files was half the
// suite's time. A file added here needs no other change.
const ISOLATED = [
  'packages/core/src/report/pack.guard.rules.test.ts',
  'packages/cli/src/commands/pull.test.ts',
];

const ALL = ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Vitest's default leaves a core idle (one worker on a 2-core machine); most of the
    // suite's slow files wait on child processes, so a worker per core keeps both busy.
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ALL,
          exclude: [...ISOLATED, '**/node_modules/**'],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
});
