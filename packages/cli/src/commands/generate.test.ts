import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset } from '@carebill/generator';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../main.js';

let dir: string;
let stdout: string[];
let stderr: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carebill-generate-'));
  stdout = [];
  stderr = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((text) => {
    stdout.push(String(text));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
    stderr.push(String(text));
    return true;
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('carebill generate', () => {
  it('writes the nine files, one record a line, equal to the library output, and a summary', async () => {
    const out = join(dir, 'home');
    const code = await runCli([
      'generate',
      '--homes',
      '2',
      '--residents-per-home',
      '6',
      '--years',
      '1',
      '--seed',
      '5',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      '.carebill',
      'billing-contracts.json',
      'bookings.json',
      'care-fund-types.json',
      'care-funds.json',
      'location-contacts.json',
      'locations.json',
      'rooms.json',
      'service-user-contacts.json',
      'service-users.json',
    ]);
    const expected = generateDataset({ homes: 2, residentsPerHome: 6, years: 1, seed: 5 });
    for (const [resource, records] of Object.entries(expected)) {
      const text = await readFile(join(out, `${resource}.json`), 'utf8');
      expect(JSON.parse(text)).toEqual(records);
      // One record per line between the brackets.
      expect(text.split('\n')).toHaveLength(records.length + 3);
    }
    const summary = stdout.join('');
    expect(summary).toMatch(
      /^carebill generate: 2 homes, 12 residents, \d+ bookings, \d+ contracts, \d+ funds; [\d.]+ MB in .* \([\d.]+ s\)\n$/,
    );
  });

  it('writes the same bytes twice for the same seed', async () => {
    const args = ['generate', '--homes', '1', '--residents-per-home', '5', '--years', '2'];
    expect(await runCli([...args, '--out', join(dir, 'a')])).toBe(0);
    expect(await runCli([...args, '--out', join(dir, 'b')])).toBe(0);
    for (const file of (await readdir(join(dir, 'a'))).filter((name) => name !== '.carebill')) {
      expect(await readFile(join(dir, 'b', file))).toEqual(await readFile(join(dir, 'a', file)));
    }
  });

  it.each([
    [['--homes', '0']],
    [['--homes', '1.5']],
    [['--homes', 'five']],
    [['--homes', '2', '--years', '-1']],
    [['--homes', '2', '--residents-per-home', '']],
    [['--homes', '2', '--seed', '1e3']],
    [['--homes', '2', '--end-date', '2023-02-29']],
  ])('refuses %j with usage exit 2', async (args) => {
    expect(await runCli(['generate', ...args, '--out', join(dir, 'x')])).toBe(2);
    expect(stderr.join('')).toMatch(/carebill generate: --[a-z-]+ must be/);
  });

  it('replaces its own earlier dataset, and refuses a dataset it did not generate', async () => {
    const args = ['generate', '--homes', '1', '--residents-per-home', '5', '--years', '1'];
    const out = join(dir, 'home');
    expect(await runCli([...args, '--out', out])).toBe(0);
    expect(await runCli([...args, '--seed', '2', '--out', out])).toBe(0);
    const real = join(dir, 'real');
    await mkdir(real);
    await writeFile(join(real, 'bookings.json'), '[{"_id":"mine"}]\n');
    stderr.length = 0;
    expect(await runCli([...args, '--out', real])).toBe(2);
    expect(stderr.join('')).toContain(
      `refusing to write into ${real}: it holds files carebill did not write (bookings.json)`,
    );
    expect(await readdir(real)).toEqual(['bookings.json']);
    expect(await readFile(join(real, 'bookings.json'), 'utf8')).toBe('[{"_id":"mine"}]\n');
  });

  it('needs --homes and --out', async () => {
    expect(await runCli(['generate', '--out', join(dir, 'x')])).toBe(2);
    expect(await runCli(['generate', '--homes', '1'])).toBe(2);
  });
});
