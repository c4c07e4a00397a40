import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkArgs, closest, editDistance } from './strict-args.js';
import { UsageError } from './usage-error.js';

describe('editDistance', () => {
  it.each([
    ['sned', 'send', 1],
    ['dayrule', 'day-rule', 1],
    ['month', 'monthly52', 4],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('is a distance: zero only to itself, symmetric, at most the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});

describe('closest', () => {
  it('suggests a near option, and nothing for a far one', () => {
    expect(closest('dayrule', ['data', 'day-rule', 'due-days'])).toBe('day-rule');
    expect(closest('frobnicate', ['data', 'json'])).toBeUndefined();
  });
});

describe('checkArgs', () => {
  const args = { data: { type: 'string' }, json: { type: 'boolean' } };
  it('accepts --name value, --name=value, switches and --no-switch', () => {
    expect(() => checkArgs(args, ['--data', 'x', '--json'])).not.toThrow();
    expect(() => checkArgs(args, ['--data=x', '--no-json'])).not.toThrow();
    expect(() => checkArgs(args, ['--data', '-5'])).not.toThrow();
  });
  it('refuses anything else with a UsageError', () => {
    for (const bad of [['--dta', 'x'], ['x'], ['--json', '--json'], ['--data'], ['--json=1']]) {
      expect(() => checkArgs(args, bad)).toThrow(UsageError);
    }
  });
});

describe('checkArgs with a positional argument (carebill verify DIR)', () => {
  const args = { dir: { type: 'positional' }, 'wait-lock': { type: 'boolean' } };
  it('takes exactly as many bare values as the command declares', () => {
    expect(() => checkArgs(args, ['out'])).not.toThrow();
    expect(() => checkArgs(args, ['--wait-lock', 'out'])).not.toThrow();
    expect(() => checkArgs(args, ['--', '-odd-folder'])).not.toThrow();
    expect(() => checkArgs(args, ['out', 'more'])).toThrow(
      'unexpected argument "more": this command takes 1 value without an option name',
    );
  });
  it('never takes the positional’s name as an option', () => {
    expect(() => checkArgs(args, ['--dir', 'out'])).toThrow(UsageError);
  });
});
