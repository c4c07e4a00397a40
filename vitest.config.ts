import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests import workspace packages through their "source" export condition, so no build is
// needed before testing (see each package.json's exports map).
const conditions = ['source', 'module', 'node', 'import', 'default'];

const ALL = ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'];

/**
 * Test files that replace a module or a global, or change the process, found by reading
 * them: each runs in a fresh module graph. Every other file shares its worker's modules
 * with the files before it — re-importing exceljs, pdfmake and the packages for each of
 * ~140 files was half the suite's time — so a `vi.mock` there would see the real module
 * another file had loaded first, depending on the order files run in.
 */
const CHANGES_SHARED_STATE =
  /\bvi\.(?:mock|doMock|unmock|stubEnv|stubGlobal|useFakeTimers|resetModules)\b|\bprocess\.(?:chdir|env\.\w+\s*=[^=])/;

function isolatedTestFiles(): string[] {
  const files: string[] = [];
  for (const pkg of readdirSync('packages')) {
    for (const dir of ['src', 'test']) {
      const root = join('packages', pkg, dir);
      let names: string[];
      try {
        names = readdirSync(root, { recursive: true, encoding: 'utf8' });
      } catch {
        continue;
      }
      for (const name of names) {
        const file = join(root, name);
        if (name.endsWith('.test.ts') && CHANGES_SHARED_STATE.test(readFileSync(file, 'utf8'))) {
          files.push(file);
        }
      }
    }
  }
  return files;
}

const ISOLATED = isolatedTestFiles();

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
      // An empty include would fall back to Vitest's default: every file again.
      ...(ISOLATED.length > 0
        ? [{ extends: true, test: { name: 'isolated', include: ISOLATED } }]
        : []),
    ],
  },
});
