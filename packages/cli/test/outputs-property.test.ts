/**
 * The property of issue #12: for a random sequence of runs into one folder — Xero and CSV
 * exports and runways of different months, some completing, some stopped at a named point
 * of the run or killed at a random moment — the folder is always exactly the output of
 * the last completed run of each command (once the next carebill has looked: here
 * `carebill verify`), and at no moment does a final name hold a partial file.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, snapshot, spawnCli, visibleFiles } from './cli-process.js';
import { runCliCaptured } from './run-cli.js';

type Producer = 'export-xero' | 'export-csv' | 'runway';
const VARIANTS = 2;

function argsOf(producer: Producer, variant: number, out: string): string[] {
  if (producer === 'runway')
    return [
      'runway',
      '--data',
      DEMO,
      '--as-of',
      ['2024-10-15', '2024-11-22'][variant] as string,
      '--out',
      out,
    ];
  const format = producer === 'export-xero' ? 'xero' : 'csv';
  const month = ['2024-10', '2024-11'][variant] as string;
  return ['export', '--data', DEMO, '--month', month, '--format', format, '--out', out];
}
/** What a run's manifest records of its variant. */
const variantOf = (producer: Producer, options: Record<string, string>) =>
  producer === 'runway'
    ? ['2024-10-15', '2024-11-22'].indexOf(options['as-of'] as string)
    : ['2024-10', '2024-11'].indexOf(options['month'] as string);

type Stop = null | string | { readonly killAfterMs: number };
/** Points before the commit point leave the folder as it was; the others, the new run's. */
const BEFORE_COMMIT = [
  'stage-file=SIGINT',
  'stage-file=SIGKILL',
  'commit-staged=SIGKILL',
  'commit-journal=SIGKILL',
  'commit-prepare=ENOSPC',
];
const AFTER_COMMIT = ['commit-rename=SIGKILL', 'commit-manifest=SIGKILL', 'commit-done=SIGKILL'];

let root = '';
/** Each (producer, variant)'s files as a completed run into an empty folder leaves them. */
const reference = new Map<string, Record<string, string>>();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'carebill-property-'));
  for (const producer of ['export-xero', 'export-csv', 'runway'] as const)
    for (let variant = 0; variant < VARIANTS; variant++) {
      const out = join(root, `reference-${producer}-${variant}`);
      expect((await runCliCaptured(argsOf(producer, variant, out))).code).toBe(0);
      reference.set(`${producer}:${variant}`, visibleFiles(await snapshot(out)));
    }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const deterministic = (files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).filter(([path]) => !path.endsWith('.xlsx')));

async function hashesIn(
  path: string,
  pick: (value: never) => unknown,
): Promise<[string, string][]> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return [];
  return (pick(JSON.parse(text) as never) as { path: string; sha256: string }[]).map((f) => [
    f.path,
    f.sha256,
  ]);
}

let sequence = 0;

describe('runs and interruptions into one folder', () => {
  it('leave it, every time, exactly the last completed run of each command', async () => {
    const op = fc.record({
      producer: fc.constantFrom<Producer>('export-xero', 'export-csv', 'runway'),
      variant: fc.integer({ min: 0, max: VARIANTS - 1 }),
      stop: fc.oneof(
        fc.constant<Stop>(null),
        fc.constantFrom<Stop>(...BEFORE_COMMIT, ...AFTER_COMMIT),
        fc.integer({ min: 0, max: 2500 }).map<Stop>((killAfterMs) => ({ killAfterMs })),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 2, maxLength: 3 }), async (ops) => {
        sequence += 1;
        const out = join(root, `sequence-${sequence}`);
        const committed = new Map<Producer, number>(); // the model: last completed variant
        for (const { producer, variant, stop } of ops) {
          const env: Record<string, string> =
            typeof stop === 'string' ? { CAREBILL_TEST_FAULT: stop } : {};
          let timer: NodeJS.Timeout | undefined;
          const result = await spawnCli(argsOf(producer, variant, out), {
            env,
            onStart: (pid) => {
              if (stop !== null && typeof stop === 'object')
                timer = setTimeout(() => {
                  try {
                    process.kill(pid, 'SIGKILL');
                  } catch {
                    // it had finished
                  }
                }, stop.killAfterMs);
            },
          });
          clearTimeout(timer);
          expect(result.stderr).not.toMatch(/\n\s+at |fault in carebill/);

          // Now, before anything recovers: each final name holds a whole file of some run.
          const now = visibleFiles(await snapshot(out).catch(() => ({})));
          const whole = new Map<string, Set<string>>();
          const add = (path: string, hash: string) =>
            whole.set(path, (whole.get(path) ?? new Set()).add(hash));
          for (const files of reference.values())
            for (const [p, h] of Object.entries(files)) add(p, h);
          for (const other of ['export-xero', 'export-csv', 'runway'] as const) {
            const manifest = join(out, '.carebill', `manifest.${other}.json`);
            const journal = join(out, '.carebill', `commit.${other}.json`);
            for (const [p, h] of await hashesIn(manifest, (m: { files: unknown }) => m.files))
              add(p, h);
            for (const [p, h] of await hashesIn(
              journal,
              (j: { manifest: { files: unknown } }) => j.manifest.files,
            ))
              add(p, h);
          }
          for (const [path, hash] of Object.entries(now))
            expect(whole.get(path)?.has(hash), `${path} is a whole file`).toBe(true);

          // The next carebill finishes or clears what the run left; then the model holds.
          const verify = await runCliCaptured(['verify', out]);
          if (committed.size === 0 && verify.code === 2) {
            // nothing was ever committed here: no manifest, and no file but carebill's folder
            expect(Object.keys(now)).toEqual([]);
          } else expect(verify.code, verify.stdout + verify.stderr).toBe(0);
          const manifest = await readFile(
            join(out, '.carebill', `manifest.${producer}.json`),
            'utf8',
          ).catch(() => null);
          const landed =
            manifest === null ? undefined : variantOf(producer, JSON.parse(manifest).options);
          if (stop === null) {
            expect(result.code, result.stderr).toBe(0);
            expect(landed).toBe(variant);
          } else if (typeof stop === 'string')
            expect(landed).toBe(AFTER_COMMIT.includes(stop) ? variant : committed.get(producer));
          else expect([variant, committed.get(producer)]).toContain(landed); // killed at a random moment: either
          if (landed !== undefined) committed.set(producer, landed);

          const expected: Record<string, string> = {};
          for (const [p, v] of committed) Object.assign(expected, reference.get(`${p}:${v}`));
          const after = visibleFiles(await snapshot(out).catch(() => ({})));
          expect(Object.keys(after).sort()).toEqual(Object.keys(expected).sort());
          expect(deterministic(after)).toEqual(deterministic(expected));
        }
      }),
      { numRuns: 3, endOnFailure: true },
    );
  });
});
