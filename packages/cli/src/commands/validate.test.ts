import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured as run } from '../../test/run-cli.js';

const fixtures = resolve(import.meta.dirname, '../../../../fixtures');

interface Report {
  errors: { code: string; resource: string; id: string; field: string; message: string }[];
  parked: {
    service_user: string | null;
    problems: { resource: string; id: string; field: string; code: string; message: string }[];
  }[];
  warnings: { code: string; resource: string; id: string; field: string; message: string }[];
}

const STACK = /\n\s+at |Error:/;

describe('carebill validate', () => {
  it('fixtures/demo is clean: exit 0, empty JSON report', async () => {
    const { code, stdout, stderr } = await run([
      'validate',
      '--data',
      join(fixtures, 'demo'),
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ errors: [], parked: [], warnings: [] });
    expect(stderr).toBe('');
  });

  it('fixtures/demo human summary counts the home', async () => {
    const { code, stdout } = await run(['validate', '--data', join(fixtures, 'demo')]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      '14 residents, 17 bookings, 17 contracts, 10 care funds, 11 contacts — OK, 0 warnings',
    );
  });

  it('fixtures/bad-input: exit 3, every record error parked with its code, id and field', async () => {
    const { code, stdout, stderr } = await run([
      'validate',
      '--data',
      join(fixtures, 'bad-input'),
      '--json',
    ]);
    expect(code).toBe(3);
    expect(stderr).not.toMatch(STACK);
    const report = JSON.parse(stdout) as Report;
    expect(report.errors).toEqual([]);
    const parked = report.parked.flatMap((entry) =>
      entry.problems.map((p) => [entry.service_user, p.code, p.resource, p.id, p.field]),
    );
    expect(parked).toEqual([
      ['bad000000000000000000002', 'BAD_MONEY', 'bookings', 'bad000000000000000000102', 'rate'],
      [
        'bad000000000000000000003',
        'BAD_DATE',
        'bookings',
        'bad000000000000000000103',
        'start_date',
      ],
      [
        'bad000000000000000000004',
        'END_BEFORE_START',
        'bookings',
        'bad000000000000000000104',
        'end_date',
      ],
      [
        'bad000000000000000000005',
        'UNKNOWN_RATE_PERIOD',
        'bookings',
        'bad000000000000000000105',
        'rate_period',
      ],
      [
        'bad000000000000000000006',
        'UNKNOWN_REFERENCE',
        'bookings',
        'bad000000000000000000106',
        'room',
      ],
      [
        'bad000000000000000000007',
        'OVERLAPPING_BOOKINGS',
        'bookings',
        'bad000000000000000000107',
        'start_date',
      ],
      [
        'bad000000000000000000007',
        'OVERLAPPING_BOOKINGS',
        'bookings',
        'bad000000000000000000108',
        'start_date',
      ],
      [
        'bad000000000000000000008',
        'TWO_BALANCE_PAYERS',
        'billing-contracts',
        'bad000000000000000000201',
        'fee_contribution',
      ],
      [
        'bad000000000000000000008',
        'TWO_BALANCE_PAYERS',
        'billing-contracts',
        'bad000000000000000000202',
        'fee_contribution',
      ],
      [
        'bad000000000000000000009',
        'MISSING_FIELD',
        'billing-contracts',
        'bad000000000000000000203',
        'fee_contribution_unit',
      ],
      [
        'bad00000000000000000000a',
        'BAD_VALUE',
        'service-users',
        'bad00000000000000000000a',
        'billing_enabled',
      ],
      [
        'bad00000000000000000000d',
        'UNKNOWN_REFERENCE',
        'billing-contracts',
        'bad000000000000000000204',
        'service_user_contact',
      ],
      [null, 'BAD_MONEY', 'bookings', 'bad00000000000000000010e', 'rate'],
      [null, 'BAD_VALUE', 'service-user-contacts', 'bad000000000000000000401', 'payment_method'],
    ]);
    expect(report.warnings.map((p) => [p.code, p.resource, p.id, p.field])).toEqual([
      ['RESPITE_WITHOUT_END', 'bookings', 'bad00000000000000000010c', 'end_date'],
      ['NEGATIVE_OPENING_BALANCE', 'care-funds', 'bad000000000000000000501', 'opening_balance'],
      ['FORMULA_TEXT', 'rooms', 'bad000000000000000000300', 'name'],
      ['INVALID_TEXT', 'service-users', 'bad00000000000000000000c', 'first_name'],
    ]);
    // The §6 key order, and a sentence naming the fix.
    expect(Object.keys(report.parked[0]?.problems[0] ?? {})).toEqual([
      'resource',
      'id',
      'field',
      'code',
      'message',
      'value',
    ]);
    expect(Object.keys(report.warnings[0] ?? {})).toEqual([
      'code',
      'resource',
      'id',
      'field',
      'message',
      'value',
    ]);
    expect(report.parked[0]?.problems[0]?.message).toBe(
      'rate must be a whole number of pence, such as 138554 for £1,385.54; found "1385.54"',
    );
  });

  it('fixtures/bad-dataset: exit 1, every file checked', async () => {
    const { code, stdout, stderr } = await run([
      'validate',
      '--data',
      join(fixtures, 'bad-dataset'),
      '--json',
    ]);
    expect(code).toBe(1);
    expect(stderr).not.toMatch(STACK);
    const report = JSON.parse(stdout) as Report;
    expect(report.errors.map((p) => [p.code, p.resource, p.id, p.field])).toEqual([
      ['DUPLICATE_ID', 'bookings', 'bad000000000000000000101', '_id'],
      ['BAD_SHAPE', 'care-funds', '#1', ''],
      ['BAD_SHAPE', 'rooms', '', ''],
      ['NOT_JSON', 'service-users', '', ''],
    ]);
  });

  it('human output groups problems by severity, one line each', async () => {
    const { code, stdout } = await run(['validate', '--data', join(fixtures, 'bad-input')]);
    expect(code).toBe(3);
    expect(stdout).toContain('\nParked (12):\n');
    expect(stdout).toContain('\nWarnings (4):\n');
    expect(stdout).toContain(
      '    bookings bad000000000000000000102 rate: rate must be a whole number of pence, such as 138554 for £1,385.54; found "1385.54" ("1385.54")\n',
    );
  });

  describe('usage errors exit 2 without a stack trace', () => {
    let dir = '';
    afterEach(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = '';
    });

    it('missing --data', async () => {
      const { code, stderr } = await run(['validate']);
      expect(code).toBe(2);
      expect(stderr).toContain('--data');
      expect(stderr).not.toMatch(/\n\s+at /);
    });

    it('a folder without bookings.json', async () => {
      dir = mkdtempSync(join(tmpdir(), 'carebill-'));
      writeFileSync(join(dir, 'rooms.json'), '[]');
      const { code, stderr } = await run(['validate', '--data', dir]);
      expect(code).toBe(2);
      expect(stderr).toContain('no bookings.json');
      expect(stderr).not.toMatch(/\n\s+at /);
    });

    it('a path that is not a folder', async () => {
      const { code, stderr } = await run([
        'validate',
        '--data',
        join(fixtures, 'demo', 'rooms.json'),
      ]);
      expect(code).toBe(2);
      expect(stderr).toContain('is not a folder');
    });
  });
});
