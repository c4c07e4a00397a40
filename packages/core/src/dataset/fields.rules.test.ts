/**
 * SPEC §2 value rules, one boundary at a time: what each reader accepts, what it refuses,
 * and how it shows the refused value (shortened to 80 characters, SPEC §2.1).
 */
import { describe, expect, it } from 'vitest';
import { FieldReader, isTimestamp } from './fields.js';
import { MAX_DAYS_BEFORE_NOTIFICATION } from './limits.js';
import { shortenValue } from './problems.js';
import { findInvalidChar, startsLikeFormula } from './text-checks.js';

function reader(raw: Record<string, unknown>): FieldReader {
  return new FieldReader('bookings', 'b1', raw);
}
const found = (r: FieldReader) => r.problems.map((p) => [p.code, p.field, p.value]);

describe('SPEC §2 timestamps: YYYY-MM-DD HH:MM:SS, each part in range', () => {
  it.each([
    ['2024-11-01 00:00:00', true],
    ['2024-11-01 23:59:59', true],
    ['2024-11-01 24:00:00', false],
    ['2024-11-01 23:60:00', false],
    ['2024-11-01 23:59:60', false],
    ['2024-13-01 10:00:00', false],
  ])('%j ⇒ %s', (text, expected) => {
    expect(isTimestamp(text)).toBe(expected);
  });
});

describe('SPEC §2 money: a suggestion for pounds, never applied', () => {
  it.each([
    ['12.5', 'such as 1250 for £12.50'],
    ['-3.25', 'such as -325 for -£3.25'],
    [' 7.1 ', 'such as 710 for £7.10'],
    ['1234567890123.45', 'such as 123456789012345 for £1,234,567,890,123.45'],
    // 14 whole digits, three decimals, no decimals: no guess at what was meant.
    ['12345678901234.5', 'such as 138554 for £1,385.54'],
    ['1.234', 'such as 138554 for £1,385.54'],
    ['12.', 'such as 138554 for £1,385.54'],
    ['£12.50', 'such as 138554 for £1,385.54'],
  ])('rate %j suggests %s', (rate, hint) => {
    const r = reader({ rate });
    expect(r.money('rate')).toBeNull();
    expect(r.problems.map((p) => p.message)).toEqual([
      `rate must be a whole number of pence, ${hint}; found ${JSON.stringify(rate)}`,
    ]);
  });

  it('a number with a fraction gets the same suggestion', () => {
    const r = reader({ rate: 99.9 });
    expect(r.money('rate')).toBeNull();
    expect(r.problems[0]?.message).toBe(
      'rate must be a whole number of pence, such as 9990 for £99.90; found 99.9',
    );
  });

  it('null and missing are null, an error only when required', () => {
    const r = reader({ rate: null });
    expect(r.money('rate')).toBeNull();
    expect(r.money('other')).toBeNull();
    expect(r.problems).toEqual([]);
    expect(r.money('rate', { required: true })).toBeNull();
    expect(found(r)).toEqual([['MISSING_FIELD', 'rate', 'null']]);
  });

  it('at the limit either way is accepted; a penny beyond is MONEY_OUT_OF_RANGE', () => {
    const r = reader({ a: 500, b: -500, c: 501, d: -501 });
    expect([r.money('a', { maxPence: 500 }), r.money('b', { maxPence: 500 })]).toEqual([500, -500]);
    expect([r.money('c', { maxPence: 500 }), r.money('d', { maxPence: 500 })]).toEqual([
      null,
      null,
    ]);
    expect(found(r)).toEqual([
      ['MONEY_OUT_OF_RANGE', 'c', '501'],
      ['MONEY_OUT_OF_RANGE', 'd', '-501'],
    ]);
    expect(r.problems[1]?.message).toBe(
      'd is -501 pence (-£5.01), beyond the largest amount carebill accepts, £5.00 (500 pence) either way; money is in pence (138554 for £1,385.54): correct it in CareHQ',
    );
  });
});

describe('a count of days (days_before_notification): a whole number from 0 to its limit', () => {
  it.each([
    [0, 0],
    ['90', 90],
    [MAX_DAYS_BEFORE_NOTIFICATION, MAX_DAYS_BEFORE_NOTIFICATION],
    [null, null],
  ])('%j ⇒ %j', (value, expected) => {
    const r = reader({ days: value });
    expect(r.count('days', MAX_DAYS_BEFORE_NOTIFICATION)).toBe(expected);
    expect(r.problems).toEqual([]);
  });

  it.each([-1, MAX_DAYS_BEFORE_NOTIFICATION + 1, 1.5, '1e2', 'soon'])(
    '%j is BAD_VALUE',
    (value) => {
      const r = reader({ days: value });
      expect(r.count('days', MAX_DAYS_BEFORE_NOTIFICATION)).toBeNull();
      expect(found(r)).toEqual([['BAD_VALUE', 'days', shortenValue(value)]]);
      expect(r.problems[0]?.message).toBe(
        `days must be a whole number of days from 0 to 3660 or null; found ${shortenValue(value)}`,
      );
    },
  );
});

describe('SPEC §2.1 the offending value, shortened to 80 characters', () => {
  it.each([
    ['(missing)', undefined],
    ['null', null],
    ['"x"', 'x'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['5n', 5n],
    ['[1,"a"]', [1, 'a']],
    ['{"a":1}', { a: 1 }],
    ['() => 1', () => 1],
  ])('shown as %s', (shown, value) => {
    expect(shortenValue(value)).toBe(shown);
  });

  it('80 characters are shown whole; 81 are cut to 79 and an ellipsis', () => {
    expect(shortenValue('x'.repeat(78))).toBe(`"${'x'.repeat(78)}"`);
    expect(shortenValue('x'.repeat(79))).toBe(`"${'x'.repeat(78)}…`);
    expect(shortenValue('x'.repeat(79)).length).toBe(80);
  });

  it('a value too deep to print is named by its type', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    const list: unknown[] = [];
    list.push(list);
    expect([shortenValue(cycle), shortenValue(list)]).toEqual(['{…}', '[…]']);
  });
});

describe('text that reaches outputs', () => {
  it.each([
    ['=', true],
    ['+', true],
    ['-', true],
    ['@', true],
    ['\t', true],
    ['\r', true],
    ['', false],
    [' =', false],
    ['a=', false],
  ])('%j starts like a formula: %s', (text, expected) => {
    expect(startsLikeFormula(text)).toBe(expected);
  });

  it.each([
    ['\u0000', 'U+0000'],
    ['\u0008', 'U+0008'],
    ['\u000B', 'U+000B'],
    ['\u001F', 'U+001F'],
    ['ok\uFFFE', 'U+FFFE'],
    ['\uFFFF', 'U+FFFF'],
    ['\uD800', 'U+D800'],
    ['\uDBFFx', 'U+DBFF'],
    ['\uDC00', 'U+DC00'],
    ['\uDFFF', 'U+DFFF'],
    ['a\uDC00\uD800', 'U+DC00'],
  ])('%j holds a character no workbook can: %s', (text, code) => {
    expect(findInvalidChar(text)).toBe(code);
  });

  it.each([
    ' \t\n',
    '\u0020~\u007F',
    '\uD7FF\uE000\uFFFD',
    '\uD800\uDC00',
    '\uDBFF\uDFFF',
    'Zoë 😀',
  ])('%j is fine', (text) => {
    expect(findInvalidChar(text)).toBeUndefined();
  });

  it('a text field shows the first bad character, and warns once', () => {
    const r = reader({ name: 'a\u0001b\u0002' });
    expect(r.text('name')).toBe('a\u0001b\u0002');
    expect(r.problems.map((p) => [p.code, p.message])).toEqual([
      [
        'INVALID_TEXT',
        'name contains the character U+0001, which workbooks and PDFs cannot hold; remove it in CareHQ',
      ],
    ]);
  });

  it('formula text is warned about only where it reaches outputs', () => {
    const r = reader({ name: '=1+1' });
    expect(r.text('name')).toBe('=1+1');
    expect(r.problems).toEqual([]);
    expect(r.text('name', { output: true })).toBe('=1+1');
    expect(found(r)).toEqual([['FORMULA_TEXT', 'name', '"=1+1"']]);
  });

  it('text at its limit is fine; one character more is TEXT_TOO_LONG and nothing else', () => {
    const r = reader({ a: 'x'.repeat(255), b: `=${'x'.repeat(255)}`, c: 'y'.repeat(2000) });
    expect(r.text('a', { output: true })).toBe('x'.repeat(255));
    expect(r.text('b', { output: true })).toBe(`=${'x'.repeat(255)}`);
    expect(r.text('c', { long: true })).toBe('y'.repeat(2000));
    expect(r.problems.map((p) => [p.code, p.field])).toEqual([['TEXT_TOO_LONG', 'b']]);
  });
});

describe('lists', () => {
  it('a text list keeps its items trimmed, leaves out empty ones, and checks each', () => {
    const r = reader({ to: [' a@x.org ', '', '   ', '=b@x.org'] });
    expect(r.textList('to', { output: true })).toEqual(['a@x.org', '=b@x.org']);
    expect(found(r)).toEqual([['FORMULA_TEXT', 'to.3', '"=b@x.org"']]);
  });

  it('a choice list takes one value or a list, each once; null, missing and "" are empty', () => {
    const allowed = ['email', 'post'] as const;
    const r = reader({ one: 'post', many: ['email', 'post', 'email'], empty: '', none: null });
    expect(r.choiceList('one', allowed)).toEqual(['post']);
    expect(r.choiceList('many', allowed)).toEqual(['email', 'post']);
    expect(r.choiceList('empty', allowed)).toEqual([]);
    expect(r.choiceList('none', allowed)).toEqual([]);
    expect(r.choiceList('missing', allowed)).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  it('a reference list keeps each id once', () => {
    const r = reader({ ids: ['c1', 'c2', 'c1'] });
    expect(
      r.refList('ids', 'billing-contracts', { 'billing-contracts': new Set(['c1', 'c2']) }),
    ).toEqual(['c1', 'c2']);
    expect(r.problems).toEqual([]);
  });

  it('an id in a reference list over the id limit is TEXT_TOO_LONG, once, and left out', () => {
    const long = 'c'.repeat(101);
    const r = reader({ ids: [long, 'c1'] });
    expect(r.refList('ids', 'billing-contracts', {})).toEqual(['c1']);
    expect(found(r)).toEqual([['TEXT_TOO_LONG', 'ids.0', shortenValue(long)]]);
  });
});

describe('choices', () => {
  it('"" is a value unless emptyIsNull: then it is missing', () => {
    const allowed = ['day', 'week'] as const;
    const r = reader({ unit: '' });
    expect(r.choice('unit', allowed, { emptyIsNull: true })).toBeNull();
    expect(r.problems).toEqual([]);
    expect(r.choice('unit', allowed, { emptyIsNull: true, required: true })).toBeNull();
    expect(found(r)).toEqual([['MISSING_FIELD', 'unit', '""']]);
    expect(r.choice('unit', allowed)).toBeNull();
    expect(found(r)[1]).toEqual(['BAD_VALUE', 'unit', '""']);
  });

  it('an empty reference is missing: an error only when required', () => {
    const r = reader({ room: '' });
    expect(r.ref('room', 'rooms', {})).toBeNull();
    expect(r.problems).toEqual([]);
    expect(r.ref('room', 'rooms', {}, { required: true })).toBeNull();
    expect(r.problems.map((p) => p.message)).toEqual([
      'room is required: set the _id of a rooms record',
    ]);
  });
});

describe('keys given more than once', () => {
  it('counts every time a key is given, and names a nested one by its dotted path', () => {
    const r = new FieldReader(
      'bookings',
      'b1',
      { rate: 3, postal_address: { town: 'b' } },
      {
        source: { literals: new Map(), duplicateKeys: ['rate', 'rate', 'postal_address.town'] },
      },
    );
    r.checkDuplicateKeys();
    expect(r.problems.map((p) => [p.code, p.field, p.value, p.message])).toEqual([
      [
        'DUPLICATE_KEY',
        'rate',
        '3',
        'the key "rate" is given 3 times in this record; a JSON reader keeps only the last, so remove all but the right one',
      ],
      [
        'DUPLICATE_KEY',
        'postal_address.town',
        '"postal_address.town"',
        'the key "postal_address.town" is given 2 times in this record; a JSON reader keeps only the last, so remove all but the right one',
      ],
    ]);
  });

  it('a key over the id length is cut to 100 characters in the field name', () => {
    const key = 'k'.repeat(150);
    const r = new FieldReader(
      'bookings',
      'b1',
      {},
      { source: { literals: new Map(), duplicateKeys: [key] } },
    );
    r.checkDuplicateKeys();
    expect(r.problems[0]?.field).toBe(`${'k'.repeat(99)}…`);
  });
});
