/**
 * A run stopped anywhere — Ctrl-C, SIGKILL, a killed PDF process, a bug — through the real
 * CLI: November's preview is in the folder, and October's run into it is stopped at a
 * named point (CAREBILL_TEST_FAULT, io/fault-points.ts). Before the commit
 * point the folder must be November's byte for byte; after it, once the next run (here
 * `carebill verify`) has finished the commit, October's. At no moment is a file under a
 * final name anything but a whole old or a whole new file.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, snapshot, spawnCli, visibleFiles } from './cli-process.js';
import { runCliCaptured } from './run-cli.js';

let root = '';
let ready: () => void = () => {};
const started = new Promise<void>((resolve) => {
  ready = resolve;
});

/** A command whose run into a folder holding `before`'s output is stopped. */
interface Subject {
  readonly name: string;
  readonly manifest: string;
  /** The run that is stopped, into `out`. */
  readonly args: (out: string, jobs?: string) => string[];
  /** Its output as a completed run leaves it, and the folder before it. */
  after: Record<string, string>;
  before: Record<string, string>;
  /** What the manifest of a run of `args` records. */
  readonly option: readonly [string, string];
}

const preview: Subject = {
  name: 'preview',
  manifest: 'manifest.preview.json',
  args: (out, jobs = '1') => [
    'preview',
    '--data',
    DEMO,
    '--month',
    '2024-10',
    '--out',
    out,
    '--jobs',
    jobs,
  ],
  after: {},
  before: {},
  option: ['month', '2024-10'],
};
const generate: Subject = {
  name: 'generate',
  manifest: 'manifest.generate.json',
  args: (out) => [
    'generate',
    '--homes',
    '1',
    '--residents-per-home',
    '4',
    '--years',
    '1',
    '--seed',
    '2',
    '--out',
    out,
  ],
  after: {},
  before: {},
  option: ['seed', '2'],
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'carebill-interrupt-'));
  const made = async (subject: Subject, previous: string[], name: string) => {
    const folder = join(root, `${name}-before`);
    expect((await runCliCaptured([...previous, '--out', folder])).code).toBe(0);
    subject.before = await snapshot(folder);
    const reference = join(root, `${name}-after`);
    expect((await runCliCaptured(subject.args(reference))).code).toBe(0);
    subject.after = visibleFiles(await snapshot(reference));
  };
  await made(preview, ['preview', '--data', DEMO, '--month', '2024-11', '--jobs', '1'], 'preview');
  await made(
    generate,
    ['generate', '--homes', '1', '--residents-per-home', '4', '--years', '1', '--seed', '1'],
    'generate',
  );
  ready();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The files whose bytes do not depend on the run (the workbook's zip entries carry a time). */
const deterministic = (files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).filter(([path]) => !path.endsWith('.xlsx')));

type Listed = { path: string; sha256: string }[];

interface Case {
  readonly subject: Subject;
  readonly fault: string;
  /** Exit code, or the signal the process died of. */
  readonly ends: number | NodeJS.Signals;
  /** Did the run pass its commit point? */
  readonly committed: boolean;
  readonly jobs?: string;
  readonly group?: boolean;
  readonly stderr?: RegExp;
}

// Preview for the PDF stages and stale files; generate (nine files, fast) for the commit's steps.
const cases: Case[] = [
  {
    subject: preview,
    fault: 'pdf-written:3=SIGINT',
    ends: 130,
    committed: false,
    stderr: /SIGINT: stopped; .* is as it was/,
  },
  {
    subject: preview,
    fault: 'pdf-written:4=GROUPSIGINT',
    ends: 130,
    committed: false,
    jobs: '2',
    group: true,
  },
  {
    subject: preview,
    fault: 'pdf-child:3=SIGKILL',
    ends: 1,
    committed: false,
    jobs: '2',
    stderr:
      /^carebill preview: a PDF process was killed \(out of memory, or stopped by a signal\) while rendering .*\.pdf; .* was left as it was\n$/,
  },
  { subject: preview, fault: 'commit-remove:3=SIGKILL', ends: 'SIGKILL', committed: true },
  {
    subject: generate,
    fault: 'commit-prepare=throw',
    ends: 1,
    committed: false,
    stderr: /unexpected failure: test fault at commit-prepare\nThis is a fault in carebill/,
  },
  { subject: generate, fault: 'stage-file:4=SIGTERM', ends: 143, committed: false },
  { subject: generate, fault: 'stage-file:3=SIGKILL', ends: 'SIGKILL', committed: false },
  { subject: generate, fault: 'commit-staged=SIGKILL', ends: 'SIGKILL', committed: false },
  { subject: generate, fault: 'commit-journal=SIGKILL', ends: 'SIGKILL', committed: false },
  { subject: generate, fault: 'commit-rename:5=SIGKILL', ends: 'SIGKILL', committed: true },
  { subject: generate, fault: 'commit-manifest=SIGKILL', ends: 'SIGKILL', committed: true },
  { subject: generate, fault: 'commit-done=SIGKILL', ends: 'SIGKILL', committed: true },
  {
    subject: generate,
    fault: 'commit-rename:2=SIGINT',
    ends: 130,
    committed: true,
    stderr: /SIGINT: stopped after this run's files were in place/,
  },
];

describe('a run stopped at any point leaves the last good output', () => {
  // Two at a time: each is a process of its own, and the machine has two cores.
  const slots: Promise<void>[] = [started, started];
  const schedule = (c: Case, index: number) => {
    const slot = index % slots.length;
    const run = (slots[slot] as Promise<void>).then(() => check(c));
    slots[slot] = run.catch(() => {});
    return run;
  };

  async function check(c: Case): Promise<void> {
    const { subject } = c;
    const out = join(root, `${subject.name}-${c.fault.replace(/[^a-z0-9]+/gi, '-')}`);
    await cp(join(root, `${subject.name}-before`), out, { recursive: true });
    const result = await spawnCli(subject.args(out, c.jobs), {
      env: { CAREBILL_TEST_FAULT: c.fault },
      group: c.group === true,
    });
    if (typeof c.ends === 'number') expect(result.code, result.stderr).toBe(c.ends);
    else expect(result.signal, result.stderr).toBe(c.ends);
    if (c.stderr) expect(result.stderr).toMatch(c.stderr);
    expect(result.stderr).not.toMatch(/\n\s+at /); // never a stack trace

    // Right now, before any recovery: every final name holds a whole old or a whole new file.
    const now = await snapshot(out, { withoutLeftovers: true });
    /** The files a manifest lists, or a journal's manifest. */
    const readHashes = async (path: string) => {
      const text = await readFile(path, 'utf8').catch(() => null);
      if (text === null) return [];
      const value = JSON.parse(text) as { files?: Listed; manifest?: { files: Listed } };
      return (value.files ?? value.manifest?.files ?? []).map((f) => [f.path, f.sha256] as const);
    };
    const pending = await readHashes(join(out, '.carebill', `commit.${subject.name}.json`));
    if (!c.committed) {
      expect(pending).toEqual([]);
      expect(now).toEqual(subject.before);
    } else {
      const installed = await readHashes(join(out, '.carebill', subject.manifest));
      const newer = [...pending, ...installed];
      for (const [path, hash] of Object.entries(visibleFiles(now))) {
        const whole = [subject.before[path], subject.after[path]];
        for (const [p, h] of newer) if (p === path) whole.push(h);
        expect(whole, `${path} is a whole old or new file`).toContain(hash);
      }
    }

    // The next carebill to look (verify here) finishes or clears what the run left.
    const verify = await runCliCaptured(['verify', out]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    const after = await snapshot(out);
    if (!c.committed) expect(after).toEqual(subject.before);
    else {
      expect(Object.keys(visibleFiles(after)).sort()).toEqual(Object.keys(subject.after).sort());
      expect(deterministic(visibleFiles(after))).toEqual(deterministic(subject.after));
      expect(Object.keys(after).filter((p) => p.startsWith('.carebill/'))).toEqual([
        `.carebill/${subject.manifest}`,
      ]);
      const manifest = JSON.parse(await readFile(join(out, '.carebill', subject.manifest), 'utf8'));
      const [key, value] = subject.option;
      expect(manifest.options[key]).toBe(value);
    }
  }

  const results = cases.map(schedule);
  cases.forEach((c, index) => {
    it(`${c.subject.name} ${c.fault}: ${c.committed ? 'finished by the next run' : 'the folder as it was'}`, () =>
      results[index]);
  });
});
