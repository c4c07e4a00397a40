import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CarebillError } from '@carebill/core';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured as run } from '../test/run-cli.js';
import { asUsageError, flagMessage, isOptionError, UsageError } from './usage-error.js';

const demo = resolve(import.meta.dirname, '../../../fixtures/demo');
const scratch = mkdtempSync(join(tmpdir(), 'carebill-usage-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("core's option errors on the command line", () => {
  it('name the flag the user typed, in place of the option', () => {
    const error = new CarebillError(
      'OUT_OF_RANGE',
      'dueDays must be a whole number from 0 to 365 (days); found -30',
      { option: 'dueDays' },
    );
    expect(flagMessage(error, { dueDays: '--due-days' })).toBe(
      '--due-days must be a whole number from 0 to 365 (days); found -30',
    );
    const part = new CarebillError('INVALID_OPTION', 'period.to must be a date', {
      option: 'period.to',
    });
    expect(flagMessage(part, { period: 'the period' })).toBe('the period must be a date');
    expect(flagMessage(part, { 'period.to': () => 'written out' })).toBe('written out');
    expect(flagMessage(part, {})).toBe('period.to must be a date');
  });

  it('become usage errors, with the core error as the cause; a bug or a dataset error does not', () => {
    const refused = new CarebillError('INVALID_OPTION', 'prefix must be …', { option: 'prefix' });
    let caught: unknown;
    try {
      asUsageError({ prefix: '--prefix' }, () => {
        throw refused;
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).message).toBe('--prefix must be …');
    expect((caught as UsageError).cause).toBe(refused);
    const bug = new CarebillError('INTERNAL', 'fees not conserved');
    expect(() =>
      asUsageError({}, () => {
        throw bug;
      }),
    ).toThrow(bug);
    expect(isOptionError(bug)).toBe(false);
    expect(isOptionError(new CarebillError('DATASET_ERRORS', 'x', { option: 'loaded' }))).toBe(
      false,
    );
    expect(isOptionError(refused)).toBe(true);
  });

  it.each([
    [
      '--due-days -30',
      ['--month', '2024-11', '--due-days', '-30'],
      '--due-days must be a whole number from 0 to 365 (days); found -30',
    ],
    ['an empty --prefix', ['--month', '2024-11', '--prefix', ''], '--prefix must be 1–20 letters'],
    [
      'a reversed period',
      ['--from', '2024-11-30', '--to', '2024-11-01'],
      'the billing period ends on 2024-11-01, before it starts on 2024-11-30',
    ],
    [
      'an unknown day rule',
      ['--month', '2024-11', '--day-rule', 'nigt'],
      '--day-rule must be one of day, night; found "nigt". Did you mean "night"?',
    ],
    [
      'month 13',
      ['--month', '2024-13'],
      '--month must be YYYY-MM, such as 2024-11; found "2024-13"',
    ],
  ])('preview with %s exits 2 before anything is read or written', async (_label, flags, says) => {
    const out = join(scratch, `out-${flags.join('')}`);
    const result = await run(['preview', '--data', demo, ...flags, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`carebill preview: ${says}`);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [
      '--region Wales',
      ['--region', 'Wales'],
      '--region must be one of england, scotland, wales, northern-ireland; found "Wales". Did you mean "wales"?',
    ],
    [
      '--lead-months 25',
      ['--lead-months', '25'],
      '--lead-months must be a whole number from 0 to 24 (months); found 25',
    ],
    [
      '--uplift-date 02-30',
      ['--uplift', '3', '--uplift-date', '02-30'],
      '--uplift-date must be MM-DD (04-01 for 1 April), a day that exists in that month; got "02-30"',
    ],
    [
      '--lower above --upper',
      ['--upper', '100', '--lower', '200'],
      '--lower/--upper: the lower limit (200 pence) is above the upper limit (100 pence)',
    ],
  ])('runway with %s exits 2 naming the flag', async (_label, flags, says) => {
    const out = join(scratch, `runway-${flags.join('')}`);
    const result = await run([
      'runway',
      '--data',
      demo,
      '--as-of',
      '2024-11-22',
      ...flags,
      '--out',
      out,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`carebill runway: ${says}`);
    expect(existsSync(out)).toBe(false);
  });
});
