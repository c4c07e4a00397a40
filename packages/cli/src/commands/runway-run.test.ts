import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Day, LoadedDataset, ParkedEntry, ServiceUser } from '@carebill/core';
import { parseDay } from '@carebill/core';
import { booking, dataset as buildDataset, careFund, serviceUser } from '@carebill/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { runRunway, runwayOptionsFromArgs } from './runway-run.js';

const d = (text: string) => parseDay(text) as Day;

const ada: ServiceUser = serviceUser('su1', {
  firstName: 'Ada',
  lastName: 'Lovelace',
  billingEnabled: true,
});
const fund = careFund({
  id: 'f1',
  openingBalancePence: 5000000,
  openingBalanceDate: d('2024-11-01'),
});
const dataset = buildDataset({
  bookings: [booking({ id: 'b1' })],
  serviceUsers: [ada],
  locationContacts: [],
  careFunds: [fund],
});
/** A loader that reads nothing and finishes with the dataset, `parked` and `errors`. */
const loaded =
  (parked: ParkedEntry[] = [], errors: LoadedDataset['errors'] = []) =>
  () => ({
    add: () => {},
    finish: (): LoadedDataset => ({
      dataset,
      errors,
      parked,
      parkedServiceUsers: new Set(parked.map((p) => p.serviceUser ?? '')),
      warnings: [],
    }),
  });

let data: string;
beforeAll(async () => {
  data = await mkdtemp(join(tmpdir(), 'runway-data-'));
  await writeFile(join(data, 'bookings.json'), '[]');
});

describe('carebill runway', () => {
  it('writes the three files and a summary, exit 0', async () => {
    const out = await mkdtemp(join(tmpdir(), 'runway-out-'));
    let printed = '';
    const code = await runRunway({ data, 'as-of': '2024-11-22', out }, loaded(), {
      stdout: (t) => {
        printed += t;
      },
      stderr: () => {},
    });
    expect(code).toBe(0);
    const json = JSON.parse(await readFile(join(out, 'runway.json'), 'utf8'));
    expect(json.service_users[0].notify_council_by).toBe('2024-12-16');
    expect((await stat(join(out, 'runway.xlsx'))).size).toBeGreaterThan(1000);
    expect((await readFile(join(out, 'runway.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
    expect(printed).toContain('1 care fund, 1 resident');
    expect(printed).toContain(
      '1 must tell the council within 3 months (by 22 Feb 2025), 0 already overdue',
    );
  });

  it('exits 3 with parked records and 1 on dataset errors', async () => {
    const out = await mkdtemp(join(tmpdir(), 'runway-out-'));
    const quiet = { stdout: () => {}, stderr: () => {} };
    const parked: ParkedEntry = { serviceUser: 'su9', problems: [] };
    expect(await runRunway({ data, 'as-of': '2024-11-22', out }, loaded([parked]), quiet)).toBe(3);
    const error = {
      severity: 'dataset' as const,
      code: 'NOT_JSON' as const,
      resource: 'bookings' as const,
      id: '',
      field: '',
      value: '',
      message: 'bookings.json is not JSON',
    };
    expect(await runRunway({ data, 'as-of': '2024-11-22', out }, loaded([], [error]), quiet)).toBe(
      1,
    );
  });

  it('reads every option and refuses bad ones with a usage error', () => {
    expect(
      runwayOptionsFromArgs({
        data,
        'as-of': '2024-11-22',
        months: '24',
        region: 'scotland',
        upper: '3000000',
        lower: '2000000',
        uplift: '3.5',
        'uplift-date': '04-06',
        'lead-months': '6',
      }),
    ).toEqual({
      asOf: d('2024-11-22'),
      months: 24,
      region: 'scotland',
      leadMonths: 6,
      limits: { upperPence: 3000000, lowerPence: 2000000 },
      uplift: { percent: '3.5', month: 4, day: 6 },
    });
    for (const bad of [
      { 'as-of': '22/11/2024' },
      { 'as-of': '2024-11-22', region: 'Wales' },
      { 'as-of': '2024-11-22', upper: '100' },
      { 'as-of': '2024-11-22', upper: '£23,250', lower: '1' },
      { 'as-of': '2024-11-22', uplift: '3.5%' },
      { 'as-of': '2024-11-22', uplift: '3', 'uplift-date': '02-30' },
      { 'as-of': '2024-11-22', months: '-1' },
    ]) {
      expect(() => runwayOptionsFromArgs({ data, ...bad })).toThrow(UsageError);
    }
  });
});

describe('the citty command', () => {
  it('hands the kebab-case flags over as text and reports bad ones as usage errors', async () => {
    const { runCommand } = await import('citty');
    const { runwayCommand } = await import('./runway.js');
    await expect(
      runCommand(runwayCommand, { rawArgs: ['--data', data, '--as-of', '2024-13-01'] }),
    ).rejects.toThrow(/--as-of must be a date/);
    await expect(
      runCommand(runwayCommand, {
        rawArgs: [
          '--data',
          data,
          '--as-of',
          '2024-11-22',
          '--uplift',
          '3.5',
          '--uplift-date',
          '4/1',
        ],
      }),
    ).rejects.toThrow(/--uplift-date must be MM-DD/);
    await expect(
      runCommand(runwayCommand, {
        rawArgs: ['--data', data, '--as-of', '2024-11-22', '--months', '0'],
      }),
    ).rejects.toThrow(/--months must be a whole number/);
  });
});
