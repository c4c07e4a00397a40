/**
 * The option checks every public function shares, rule by rule: what each accepts (both
 * ends of every range), the code of each refusal, and its message word for word — the
 * message is what a person reads to fix the call, written once here (checks.ts).
 */
import { describe, expect, it } from 'vitest';
import { CarebillError, internalError } from './carebill-error.js';
import {
  checkBoolean,
  checkChoice,
  checkInteger,
  checkOptionKeys,
  checkText,
  found,
  isObject,
} from './checks.js';
import { closestName, didYouMean } from './did-you-mean.js';

/** The refusal a call throws, as [code, option, message]. */
function refusal(run: () => unknown): [string, string | undefined, string] {
  try {
    run();
  } catch (error) {
    if (error instanceof CarebillError) return [error.code, error.option, error.message];
    throw error;
  }
  throw new Error('expected a CarebillError, but nothing was thrown');
}

describe('found: an option’s value as a message quotes it', () => {
  it.each([
    [undefined, 'nothing'],
    [-30, '-30'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [true, 'true'],
    [false, 'false'],
    [10n, '10n'],
    ['', '""'],
    ['2024-11-30', '"2024-11-30"'],
    [null, 'null'],
    [{ from: 1 }, '{"from":1}'],
    [[1, 2], '[1,2]'],
    [() => 1, 'a function'],
    [Symbol('x'), 'a symbol'],
    [{ toJSON: () => undefined }, 'object'],
  ])('%s is quoted as %s', (value, quoted) => {
    expect(found(value)).toBe(quoted);
  });

  it('a value that JSON cannot write is named by its kind', () => {
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    const loopList: unknown[] = [];
    loopList.push(loopList);
    expect([found(loop), found(loopList), found({ n: 1n })]).toEqual([
      'an object',
      'an array',
      'an object',
    ]);
  });

  it('at most 60 characters: longer is cut to 59 and an ellipsis', () => {
    expect(found('a'.repeat(58))).toBe(`"${'a'.repeat(58)}"`); // 60 characters
    expect(found('a'.repeat(59))).toBe(`"${'a'.repeat(58)}…`);
  });
});

describe('isObject: a plain object, not null, not a list', () => {
  it('tells them apart', () => {
    expect([isObject({}), isObject(null), isObject([]), isObject('x'), isObject(1)]).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('checkOptionKeys: every key known, a misspelt one refused with the closest name', () => {
  const known = ['period', 'dueDays', 'prefix'];

  it('options that are not an object are INVALID_OPTION, naming the argument', () => {
    for (const value of [null, [], 'dueDays', undefined]) {
      expect(refusal(() => checkOptionKeys('options', value, known))).toEqual([
        'INVALID_OPTION',
        'options',
        `options must be an object of options; found ${found(value)}`,
      ]);
    }
  });

  it('known keys, and unknown keys whose value is undefined, are accepted as given', () => {
    const value = { period: 1, dueDays: 14, duedays: undefined };
    expect(checkOptionKeys('options', value, known)).toBe(value);
    expect(checkOptionKeys('options', {}, known)).toEqual({});
  });

  it('a misspelt key: the closest known name and every option', () => {
    expect(refusal(() => checkOptionKeys('options', { period: 1, duedays: 30 }, known))).toEqual([
      'INVALID_OPTION',
      'options.duedays',
      'options has an unknown key "duedays". Did you mean "dueDays"? The options are period, dueDays, prefix.',
    ]);
  });

  it('an unknown key near nothing: every option', () => {
    expect(refusal(() => checkOptionKeys('uplift', { colour: 'red' }, known))).toEqual([
      'INVALID_OPTION',
      'uplift.colour',
      'uplift has an unknown key "colour". The options are period, dueDays, prefix.',
    ]);
  });

  it('a retired key says what to do instead', () => {
    const retired = { horizon: 'Pass months instead.' };
    expect(refusal(() => checkOptionKeys('options', { horizon: 3 }, known, retired))).toEqual([
      'INVALID_OPTION',
      'options.horizon',
      'options has an unknown key "horizon". Pass months instead.',
    ]);
    // only the retired object's own keys are retired
    expect(refusal(() => checkOptionKeys('options', { toString: 1 }, known, retired))[2]).toBe(
      'options has an unknown key "toString". The options are period, dueDays, prefix.',
    );
  });
});

describe('checkInteger: a whole number from min to max, both included', () => {
  const range = { min: 0, max: 365, unit: 'days' };

  it('both ends are allowed', () => {
    expect([checkInteger('dueDays', 0, range), checkInteger('dueDays', 365, range)]).toEqual([
      0, 365,
    ]);
  });

  it('one past either end is OUT_OF_RANGE, the rule and the value in the message', () => {
    expect(refusal(() => checkInteger('dueDays', -1, range))).toEqual([
      'OUT_OF_RANGE',
      'dueDays',
      'dueDays must be a whole number from 0 to 365 (days); found -1',
    ]);
    expect(refusal(() => checkInteger('dueDays', 366, range))[0]).toBe('OUT_OF_RANGE');
  });

  it('not a whole number is INVALID_OPTION; with no unit the message names none', () => {
    for (const value of [1.5, Number.NaN, '14', Number.POSITIVE_INFINITY, null]) {
      expect(refusal(() => checkInteger('months', value, { min: 1, max: 600 }))).toEqual([
        'INVALID_OPTION',
        'months',
        `months must be a whole number from 1 to 600; found ${found(value)}`,
      ]);
    }
  });
});

describe('checkChoice: one of a fixed list, exactly', () => {
  const rules = ['day', 'night'] as const;

  it('a listed value is accepted', () => {
    expect(checkChoice('dayRule', 'night', rules)).toBe('night');
  });

  it('anything else is INVALID_OPTION listing the choices, with the closest when one is close', () => {
    expect(refusal(() => checkChoice('dayRule', 'nigth', rules))).toEqual([
      'INVALID_OPTION',
      'dayRule',
      'dayRule must be one of day, night; found "nigth". Did you mean "night"?',
    ]);
    expect(refusal(() => checkChoice('dayRule', 'afternoon', rules))[2]).toBe(
      'dayRule must be one of day, night; found "afternoon"',
    );
    expect(refusal(() => checkChoice('dayRule', 1, rules))[2]).toBe(
      'dayRule must be one of day, night; found 1',
    );
    expect(refusal(() => checkChoice('dayRule', 'Day', rules))[2]).toBe(
      'dayRule must be one of day, night; found "Day". Did you mean "day"?',
    );
  });
});

describe('checkBoolean and checkText', () => {
  it('true or false, nothing else', () => {
    expect([checkBoolean('monthly52', true), checkBoolean('monthly52', false)]).toEqual([
      true,
      false,
    ]);
    expect(refusal(() => checkBoolean('monthly52', 'yes'))).toEqual([
      'INVALID_OPTION',
      'monthly52',
      'monthly52 must be true or false; found "yes"',
    ]);
  });

  it('text matching the pattern; the rule in words otherwise', () => {
    expect(checkText('prefix', 'INV', /^[A-Z]+$/, 'capital letters')).toBe('INV');
    expect(refusal(() => checkText('prefix', 'inv', /^[A-Z]+$/, 'capital letters'))).toEqual([
      'INVALID_OPTION',
      'prefix',
      'prefix must be capital letters; found "inv"',
    ]);
    expect(refusal(() => checkText('prefix', 7, /^\d+$/, 'digits'))[2]).toBe(
      'prefix must be digits; found 7',
    );
  });
});

describe('CarebillError and internalError', () => {
  it('a CarebillError without options names no option and has no cause', () => {
    const error = new CarebillError('INVALID_OPTION', 'wrong');
    expect([error.option, 'cause' in error, error.message]).toEqual([undefined, false, 'wrong']);
  });

  it('an internal error asks for a report, and keeps its cause when it has one', () => {
    const cause = new Error('underlying');
    const error = internalError('fees not conserved', cause);
    expect([error.code, error.option, error.message, error.cause]).toEqual([
      'INTERNAL',
      undefined,
      'fees not conserved (a bug in carebill: please report it with the input that caused it)',
      cause,
    ]);
    expect('cause' in internalError('no cause')).toBe(false);
  });
});

describe('didYouMean: the closest known name, within a typo’s reach', () => {
  const RESOURCES = ['bookings', 'service-users', 'billing-contracts', 'rooms'];

  it('case, -, _ and spaces do not make names different', () => {
    expect(closestName('service_users', RESOURCES)).toBe('service-users');
    expect(closestName('Service Users', RESOURCES)).toBe('service-users');
    expect(closestName('BOOKINGS', RESOURCES)).toBe('bookings');
  });

  it('two swapped letters are one edit', () => {
    expect(closestName('bokoings', RESOURCES)).toBe('bookings');
    expect(closestName('bookigns', RESOURCES)).toBe('bookings');
    // two swaps are two edits: still within reach of a name longer than 4
    expect(closestName('obokigns', RESOURCES)).toBe('bookings');
  });

  it('a name longer than 4 is matched within 2 edits, not 3', () => {
    expect(closestName('bookngs', RESOURCES)).toBe('bookings'); // 1
    expect(closestName('bokngs', RESOURCES)).toBe('bookings'); // 2
    expect(closestName('bkngs', RESOURCES)).toBeUndefined(); // 3
    expect(closestName('xookinxs', RESOURCES)).toBe('bookings'); // 2 substitutions
    expect(closestName('xooxinxs', RESOURCES)).toBeUndefined(); // 3 substitutions
  });

  it('a name of 4 or fewer is matched within 1 edit, not 2', () => {
    expect(closestName('room', RESOURCES)).toBe('rooms'); // 1
    expect(closestName('rom', RESOURCES)).toBeUndefined(); // 2
    expect(closestName('dya', ['day'])).toBe('day'); // one swap
    expect(closestName('x', ['day'])).toBeUndefined();
    expect(closestName('', ['a'])).toBe('a'); // 1 insertion
    expect(closestName('', ['ab'])).toBeUndefined();
  });

  it('of two as close, the first known; a closer one later wins', () => {
    expect(closestName('cat', ['bat', 'cab'])).toBe('bat');
    expect(closestName('cat', ['bat', 'cat'])).toBe('cat');
    expect(closestName('abcdef', ['abxdxf', 'abcdxf'])).toBe('abcdxf');
  });

  it('names longer than 64 characters are never matched; 64 are', () => {
    const long = 'a'.repeat(64);
    expect(closestName(long, [long])).toBe(long);
    expect(closestName(`${long}a`, [`${long}a`])).toBeUndefined();
  });

  it('insertions and deletions count one each, at any place', () => {
    expect(closestName('abcde', ['xabcde'])).toBe('xabcde');
    expect(closestName('abcde', ['abcdex'])).toBe('abcdex');
    expect(closestName('xabcde', ['abcde'])).toBe('abcde');
    expect(closestName('abcdex', ['abcde'])).toBe('abcde');
    expect(closestName('abcde', ['xyabcde'])).toBe('xyabcde');
    expect(closestName('abcde', ['xyzabcde'])).toBeUndefined();
  });

  it('says it in a message, or nothing', () => {
    expect(didYouMean('duedays', ['dueDays'])).toBe(' Did you mean "dueDays"?');
    expect(didYouMean('colour', ['dueDays'])).toBe('');
  });
});
