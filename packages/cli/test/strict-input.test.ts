/**
 * Issue 12, "strict at every edge", through the real CLI: unknown options, out-of-range
 * values, overflowing amounts, files that are not files, escapes in data, dates past the
 * calendar. In-process (run-cli.ts) where it can be; a child process where the terminal
 * or the user id matters.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { MAX_FILE_BYTES } from '@carebill/core/internal';
import { describe, expect, it } from 'vitest';
import { runCliCaptured as run } from './run-cli.js';
import { tempDirs } from './scratch.js';

const root = resolve(import.meta.dirname, '../../..');
const demo = join(root, 'fixtures/demo');
const consent = join(demo, 'consent.txt');
const tempDir = tempDirs('carebill-strict-');

/** A copy of the demo dataset, with some files replaced by the given texts. */
function demoCopy(replace: Record<string, string> = {}): string {
  const dir = tempDir();
  for (const name of readdirSync(demo)) copyFileSync(join(demo, name), join(dir, name));
  for (const [name, text] of Object.entries(replace)) writeFileSync(join(dir, name), text);
  return dir;
}

type Rec = Record<string, unknown>;

/** A demo file's parsed text and its records (the items of its pages, when it has pages). */
function demoFile(file: string): { data: unknown; records: Rec[] } {
  const data = JSON.parse(readFileSync(join(demo, file), 'utf8')) as Rec[];
  const records = data.flatMap((x) => (Array.isArray(x['items']) ? (x['items'] as Rec[]) : [x]));
  return { data, records };
}

/** The demo's records of one file, changed by `edit`, as file text. */
function edited(file: string, edit: (records: Rec[]) => void): string {
  const { data, records } = demoFile(file);
  edit(records);
  return JSON.stringify(data);
}

/** The real CLI in a child process (from source), with its own environment. */
function child(
  args: string[],
  options: { env?: Record<string, string | undefined>; uid?: number } = {},
) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...options.env })) {
    if (v !== undefined) env[k] = v;
  }
  const result = spawnSync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', join(root, 'packages/cli/src/bin.ts'), ...args],
    {
      cwd: join(root, 'packages/cli'),
      env,
      encoding: 'utf8',
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Each command that reads a dataset, with the rest of a good command line. */
const datasetCommands = (data: string, out: string): [string, string[]][] => [
  ['validate', ['validate', '--data', data]],
  ['preview', ['preview', '--data', data, '--month', '2024-11', '--out', out]],
  ['export', ['export', '--data', data, '--month', '2024-11', '--format', 'csv', '--out', out]],
  ['runway', ['runway', '--data', data, '--as-of', '2024-11-22', '--out', out]],
  ['report', ['report', '--data', data, '--month', '2024-11', '--out', out]],
  ['refer', ['refer', '--data', data, '--as-of', '2024-11-22', '--consent', consent, '--out', out]],
];

describe('unknown options are usage errors naming the closest known one', () => {
  it('export --dayrule night: exit 2, "did you mean --day-rule?", nothing written', async () => {
    const out = join(tempDir(), 'exports');
    const words = 'export --month 2024-11 --format xero --dayrule night'.split(' ');
    const result = await run([...words, '--data', demo, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^carebill export: unknown option --dayrule; did you mean --day-rule\?\n/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('refer --sned: exit 2, "did you mean --send?", no dry run', async () => {
    const out = join(tempDir(), 'referrals');
    const words = 'refer --as-of 2024-11-22 --sned'.split(' ');
    const result = await run([...words, '--data', demo, '--consent', consent, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown option --sned; did you mean --send?');
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['validate', ['--data', demo, '--jsno'], '--json'],
    ['preview', ['--data', demo, '--month', '2024-11', '--monthly-52'], '--monthly52'],
    ['runway', ['--data', demo, '--as-of', '2024-11-22', '--upliftdate', '04-01'], '--uplift-date'],
    ['pull', ['--out', 'x', '--locaton', 'abc'], '--location'],
    ['generate', ['--homes', '1', '--out', 'x', '--sede', '2'], '--seed'],
  ])('%s: a misspelt option', async (command, args, meant) => {
    const result = await run([command, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`did you mean ${meant}?`);
  });

  it('an option nothing is close to lists the options; an unknown command suggests one', async () => {
    const far = await run(['validate', '--data', demo, '--frobnicate']);
    expect(far.code).toBe(2);
    expect(far.stderr).toContain('unknown option --frobnicate; the options are --data, --json');
    const command = await run(['valdate', '--data', demo]);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('unknown command "valdate"; did you mean validate?');
  });

  it.each([
    [['validate', '--data', demo, 'extra'], 'unexpected argument "extra"'],
    [['validate', '--data', demo, '--', 'x'], 'unexpected argument "x"'],
    [['validate', '--data', demo, '-j'], 'unknown option -j'],
    [['validate', '--data', demo, '--data', demo], '--data is given more than once'],
    [['validate', '--data'], '--data needs a value'],
    [['runway', '--data', demo, '--as-of', '--months', '3'], '--as-of needs a value'],
    [['validate', '--data', demo, '--json=yes'], '--json is a switch and takes no value'],
    [
      ['preview', '--data', demo, '--month', '2024-11', '--out', 'out\uFFFD'],
      '--out holds bytes that are not UTF-8',
    ],
  ])('%j is a usage error', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('a folder name that is not UTF-8 is refused, not silently changed (child process)', () => {
    const out = join(tempDir(), 'out');
    // Node's argv holds U+FFFD for the byte 0xff; the child sees what a shell would pass.
    const result = spawnSync(
      'sh',
      [
        '-c',
        `"$0" --conditions=source --import tsx src/bin.ts preview --data "$1" --month 2024-11 --out "$2"$(printf '\\377')`,
        process.execPath,
        demo,
        out,
      ],
      { cwd: join(root, 'packages/cli'), encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--out holds bytes that are not UTF-8');
    expect(readdirSync(join(out, '..'))).toEqual([]);
  });
});

describe('out-of-range values of every numeric option are usage errors', () => {
  const previewWith = (...extra: string[]) => [
    'preview',
    '--data',
    demo,
    '--month',
    '2024-11',
    ...extra,
  ];
  const runwayWith = (...extra: string[]) => ['runway', '--data', demo, ...extra];
  const referWith = (...extra: string[]) => [
    'refer',
    '--data',
    demo,
    '--consent',
    consent,
    ...extra,
  ];
  it.each([
    [previewWith('--due-days', '366'), '--due-days must be a whole number from 0 to 365'],
    [previewWith('--due-days', '-1'), '--due-days must be a whole number from 0 to 365'],
    [previewWith('--jobs', '0'), '--jobs must be a whole number from 1 to 64'],
    [previewWith('--jobs', '65'), '--jobs must be a whole number from 1 to 64'],
    [
      ['preview', '--data', demo, '--from', '2024-01-01', '--to', '2025-01-01'],
      'is 367 days; bill at most 366 days',
    ],
    [
      ['preview', '--data', demo, '--month', '2200-01'],
      '--month must be from 1900-01-01 to 2199-12-31',
    ],
    [
      ['export', '--data', demo, '--format', 'csv', '--from', '1899-12-31', '--to', '1900-01-01'],
      '--from must be from 1900-01-01 to 2199-12-31',
    ],
    [
      runwayWith('--as-of', '2024-11-22', '--months', '0'),
      '--months must be a whole number from 1 to 600',
    ],
    [
      runwayWith('--as-of', '2024-11-22', '--months', '601'),
      '--months must be a whole number from 1 to 600',
    ],
    [
      runwayWith('--as-of', '2024-11-22', '--lead-months', '25'),
      '--lead-months must be a whole number from 0 to 24',
    ],
    [runwayWith('--as-of', '2024-11-22', '--uplift', '20.000001'), '--uplift must be from 0 to 20'],
    [
      runwayWith('--as-of', '2024-11-22', '--uplift', '99.99', '--months', '600'),
      '--uplift must be from 0 to 20',
    ],
    [
      runwayWith('--as-of', '2024-11-22', '--upper', '1000000001', '--lower', '0'),
      '--upper is a whole number of pence from 0 to 1000000000',
    ],
    [runwayWith('--as-of', '9999-12-31'), '--as-of must be from 1900-01-01 to 2199-12-31'],
    [referWith('--as-of', '9999-12-31'), '--as-of must be from 1900-01-01 to 2199-12-31'],
    [
      referWith('--as-of', '2024-11-22', '--within-months', '61'),
      '--within-months must be a whole number from 0 to 60',
    ],
    [
      referWith('--as-of', '2024-11-22', '--org-type', '0'),
      '--org-type must be a whole number from 1 to 1000000',
    ],
    [['generate', '--homes', '0', '--out', 'x'], '--homes must be a whole number from 1 to 10,000'],
    [
      ['generate', '--homes', '10001', '--out', 'x'],
      '--homes must be a whole number from 1 to 10,000',
    ],
    [['generate', '--homes', '1', '--residents-per-home', '2001', '--out', 'x'], 'from 1 to 2,000'],
    [
      ['generate', '--homes', '1', '--years', '31', '--out', 'x'],
      '--years must be a whole number from 1 to 30',
    ],
    [['generate', '--homes', '1', '--seed', '-1', '--out', 'x'], '--seed must be a whole number'],
    [
      ['generate', '--homes', '1', '--end-date', '2199-12-31', '--out', 'x'],
      '--end-date must be from 1908-01-01 to 2194-12-31',
    ],
  ])('%j', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('--as-of 9999-12-31 writes no date past 9999-12-31 (no "10049-12-31")', async () => {
    const out = tempDir();
    const result = await run(['runway', '--data', demo, '--as-of', '9999-12-31', '--out', out]);
    expect(result.code).toBe(2);
    expect(readdirSync(out)).toEqual([]);
    expect(result.stderr).not.toContain('10049');
  });
});

describe('an amount that would overflow is a record problem at validation time', () => {
  const rate = 10 ** 15;
  const data = demoCopy({
    'bookings.json': edited('bookings.json', (records) => {
      (records[0] as Record<string, unknown>)['rate'] = rate;
    }),
  });
  const first = demoFile('bookings.json').records[0]?.['_id'];

  it('validate names the record, field and the limit (exit 3, parked)', async () => {
    const result = await run(['validate', '--data', data]);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(
      `bookings ${first} rate: rate is 1000000000000000 pence (£10,000,000,000,000.00), beyond the largest weekly rate carebill accepts, £70,000.00 (7000000 pence) either way`,
    );
  });

  it.each(['preview', 'export', 'runway', 'report'])(
    '%s completes with the resident parked, never "fault in carebill"',
    async (command) => {
      const out = tempDir();
      const args = {
        preview: ['preview', '--data', data, '--month', '2024-11', '--out', out, '--jobs', '1'],
        export: ['export', '--data', data, '--month', '2024-11', '--out', out, '--format', 'csv'],
        runway: ['runway', '--data', data, '--as-of', '2024-11-22', '--out', out],
        report: ['report', '--data', data, '--month', '2024-11', '--out', out],
      }[command] as string[];
      const result = await run(args);
      expect(result.code).toBe(3);
      expect(result.stderr).not.toMatch(/fault in carebill|2\^53/);
    },
  );
});

describe('files that are not readable files are dataset errors in every command', () => {
  const situations: [string, (dir: string) => void, RegExp][] = [
    [
      'a FIFO',
      (dir) => execFileSync('mkfifo', [join(dir, 'rooms.json')]),
      /rooms\.json cannot be read: it is a FIFO \(named pipe\), not a file/,
    ],
    [
      'a folder',
      (dir) => mkdirSync(join(dir, 'rooms.json')),
      /rooms\.json cannot be read: it is a folder, not a file/,
    ],
    [
      'a symlink loop',
      (dir) => {
        symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
        symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
        symlinkSync(join(dir, 'loop-a'), join(dir, 'rooms.json'));
      },
      /rooms\.json cannot be read: too many levels of symbolic links \(a symlink loop\) \(ELOOP\)/,
    ],
    [
      'a device',
      (dir) => symlinkSync('/dev/zero', join(dir, 'rooms.json')),
      /rooms\.json cannot be read: it is a character device, not a file/,
    ],
    [
      'a file over the size cap',
      (dir) => {
        writeFileSync(join(dir, 'rooms.json'), '');
        truncateSync(join(dir, 'rooms.json'), MAX_FILE_BYTES + 1);
      },
      /rooms\.json cannot be read: it is larger than 256 MB, the most carebill reads/,
    ],
    [
      'bytes that are not UTF-8',
      (dir) => writeFileSync(join(dir, 'rooms.json'), Buffer.from([0x5b, 0xa3, 0x5d])),
      /rooms\.json cannot be read: it is not UTF-8 text/,
    ],
  ];
  for (const [label, make, reason] of situations) {
    describe(label, () => {
      const data = demoCopy();
      rmSync(join(data, 'rooms.json'));
      make(data);
      for (const [command, args] of datasetCommands(data, join(tempDir(), 'out'))) {
        it(`${command}: exit 1, the path and the reason, nothing written`, async () => {
          const result = await run(args);
          expect(result.code).toBe(1);
          expect(result.stdout + result.stderr).toMatch(reason);
          expect(result.stdout + result.stderr).toContain(join(data, 'rooms.json'));
          expect(result.stderr).not.toMatch(/unexpected failure|\n\s+at /);
          expect(existsSync(join(args[args.indexOf('--out') + 1] ?? '', 'preview.json'))).toBe(
            false,
          );
        });
      }
    });
  }

  it('a file without read permission (a child process as an unprivileged user)', () => {
    const data = demoCopy();
    chmodSync(join(data, 'rooms.json'), 0o000);
    chmodSync(data, 0o755);
    const asRoot = process.getuid?.() === 0;
    const result = child(['validate', '--data', data], asRoot ? { uid: 65534 } : {});
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `rooms: ${join(data, 'rooms.json')} cannot be read: permission denied (EACCES)`,
    );
  });

  it('a FIFO consent file is a usage error, not a hang', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'consent.txt')]);
    const result = await run([
      'refer',
      '--data',
      demo,
      '--as-of',
      '2024-11-22',
      '--consent',
      join(dir, 'consent.txt'),
      '--out',
      join(dir, 'out'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('it is a FIFO (named pipe), not a file');
  });
});

describe('JSON keys: duplicates and escaped names are caught (validate)', () => {
  it('"r\\u0061te": 1e5 is BAD_MONEY; a rate given twice is DUPLICATE_KEY', async () => {
    const { data, records } = demoFile('bookings.json');
    const [a, b] = [records[0] as { _id: string }, records[1] as { _id: string }];
    const text = JSON.stringify(data)
      .replace(`"_id":"${a._id}"`, `"_id":"${a._id}","r\\u0061te":1e5`)
      .replace(`"_id":"${b._id}"`, `"_id":"${b._id}","rate":1,"rate":2`);
    const result = await run(['validate', '--data', demoCopy({ 'bookings.json': text })]);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(`bookings ${a._id} rate: rate must be a whole number of pence`);
    expect(result.stdout).toContain(`bookings ${b._id} rate: the key "rate" is given`);
  });
});

describe('the terminal: data never prints raw, colours only on a terminal', () => {
  it('escape sequences and control characters in ids and names are printed escaped', async () => {
    const evil = 'su\u001b[2J\u001b]0;owned\u0007\r\u202e';
    const data = demoCopy({
      'bookings.json': edited('bookings.json', (records) => {
        (records[0] as Record<string, unknown>)['service_user'] = evil;
      }),
    });
    const result = await run(['validate', '--data', data]);
    expect(result.code).toBe(3);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(result.stdout).toContain('su\\u001b[2J\\u001b]0;owned\\u0007\\u000d\\u202e');
  });

  it('a usage error piped to a file carries no ANSI escape; NO_COLOR is honoured', () => {
    const env = { TEST: undefined, CI: undefined, NO_COLOR: undefined, TERM: 'xterm' };
    const piped = child(['export', '--data', demo, '--dayrule', 'night'], { env });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('did you mean --day-rule?');
    expect(piped.stderr).toContain('--day-rule');
    expect(piped.stderr).not.toContain('\u001b');
    const help = child(['preview', '--help'], { env: { ...env, NO_COLOR: '1' } });
    expect(help.code).toBe(0);
    expect(help.stdout).not.toContain('\u001b');
  });
});
