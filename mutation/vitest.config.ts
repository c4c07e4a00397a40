import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { MODULES } from './modules.mjs';

// The tests Stryker runs against each mutant, in its sandbox (a copy of the repository
// whose node_modules are links back to the original). A workspace package reached through
// node_modules would resolve to the original, unmutated source, so the packages are aliased
// to the sandbox's own files.
//
// The module under test (named by scripts/mutation.mjs) brings its own tests
// (mutation/modules.mjs). They are chosen here rather than with Stryker's `testFiles`, which
// activates a static mutant (a module-level constant) only after its module has loaded, so
// that it falsely survives (stryker-js#6144). The scale tests are left out: seconds each.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by scripts/mutation.mjs; no turbo task reads it
const module = MODULES[process.env.CAREBILL_MUTATION_MODULE ?? ''];
const root = fileURLToPath(new URL('..', import.meta.url));
const conditions = ['source', 'module', 'node', 'import', 'default'];
const alias = [
  { find: /^@carebill\/core$/, replacement: `${root}packages/core/src/index.ts` },
  { find: /^@carebill\/core\/testing$/, replacement: `${root}packages/core/test/builders.ts` },
  { find: /^@carebill\/reports$/, replacement: `${root}packages/reports/src/index.ts` },
];

/**
 * Runs a mutant's rule tests before its property tests. With per-test coverage Stryker runs
 * only the tests that reach a mutant and stops at the first that fails, so a mutant a rule
 * test kills is never run through seconds of properties. (Vitest's own order puts the
 * slowest files first.)
 */
class RuleTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const isProperty = (f: TestSpecification) => f.moduleId.endsWith('.property.test.ts');
    const byPath = (a: TestSpecification, b: TestSpecification) =>
      a.moduleId < b.moduleId ? -1 : a.moduleId > b.moduleId ? 1 : 0;
    return [
      ...files.filter((f) => !isProperty(f)).sort(byPath),
      ...files.filter(isProperty).sort(byPath),
    ];
  }
}

export default defineConfig({
  root,
  resolve: { conditions, alias },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: module?.tests ?? Object.values(MODULES).flatMap((m) => m.tests),
    exclude: ['**/node_modules/**', '**/*.scale.test.ts'],
    setupFiles: [`${root}mutation/fast-check-setup.ts`],
    sequence: { sequencer: RuleTestsFirst },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
