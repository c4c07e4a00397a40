/**
 * SPEC §2 value rules at their edges, one reader at a time (docs/input.md "Values" and
 * "Limits"): each reader looks at a record's own properties only, every limit is inclusive,
 * and a refused value is shown as it was written.
 */
import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../calendar/day.js';
import { FieldReader } from './fields.js';
import { MAX_DAYS_BEFORE_NOTIFICATION, MAX_ID_LENGTH } from './limits.js';
import type { SourceNotes } from './pages.js';

function reader(raw: Record<string, unknown>, source?: SourceNotes): FieldReader {
  return new FieldReader('bookings', 'b1', raw, source === undefined ? {} : { source });
}
const found = (r: FieldReader) => r.problems.map((p) => [p.code, p.field, p.value]);
/** Number literals written with a fraction or exponent, as the loader notes them. */
const written = (literals: Record<string, string>): SourceNotes => ({
  literals: new Map(Object.entries(literals)),
  duplicateKeys: [],
});

describe("a record's own fields only", () => {
  it('a field named like something every object inherits is missing', () => {
    const r = reader({});
    expect(r.value('toString')).toBeUndefined();
    expect(r.isSet('constructor')).toBe(false);
    expect(r.text('toString')).toBe('');
    expect(r.problems).toEqual([]);
  });

  it('a released reader keeps only the named fields the record has', () => {
    const r = reader({ room: 'r1' });
    r.release(new Set(['room', 'toString']));
    expect(r.value('room')).toBe('r1');
    expect(r.value('toString')).toBeUndefined();
  });

  it('a released reader reads a kept number as the parsed value, with no note of how it was written', () => {
    const r = reader({ rate: 100000 }, written({ rate: '1e5' }));
    r.release(new Set(['rate']));
    expect(r.money('rate')).toBe(100000);
    expect(r.problems).toEqual([]);
  });
});

describe('a count of days written as a JSON number with an exponent', () => {
  it('is BAD_VALUE shown as written, even when it is a whole number in range', () => {
    const r = reader({ days: 100 }, written({ days: '1e2' }));
    expect(r.count('days', MAX_DAYS_BEFORE_NOTIFICATION)).toBeNull();
    expect(found(r)).toEqual([['BAD_VALUE', 'days', '1e2']]);
    expect(r.problems[0]?.message).toBe(
      'days must be a whole number of days from 0 to 3660 or null; found 1e2',
    );
  });
});

describe('SPEC §2 money: the suggestion reads only a number or text', () => {
  it.each([
    ['a list', [12.5]],
    ['a hash', { toString: (): string => '12.5' }],
  ])('%s holding pounds gets the general example, not a guess', (_label, rate) => {
    const r = reader({ rate });
    expect(r.money('rate')).toBeNull();
    expect(r.problems[0]?.message).toMatch(
      /^rate must be a whole number of pence, such as 138554 for £1,385\.54; found /,
    );
  });
});

describe('ids: at most 100 characters (docs/input.md "Limits")', () => {
  it('a reference of exactly 100 characters is read; 101 is TEXT_TOO_LONG', () => {
    const id = 'r'.repeat(MAX_ID_LENGTH);
    const known = { rooms: new Set([id]) };
    const r = reader({ room: id, other: `${id}x` });
    expect(r.ref('room', 'rooms', known)).toBe(id);
    expect(r.problems).toEqual([]);
    expect(r.ref('other', 'rooms', known)).toBeNull();
    expect(r.problems.map((p) => p.code)).toEqual(['TEXT_TOO_LONG']);
  });

  it('a key given twice of exactly 100 characters is named whole', () => {
    const key = 'k'.repeat(MAX_ID_LENGTH);
    const r = new FieldReader(
      'bookings',
      'b1',
      {},
      { source: { literals: new Map(), duplicateKeys: [key] } },
    );
    r.checkDuplicateKeys();
    expect(r.problems.map((p) => p.field)).toEqual([key]);
  });
});

describe('a problem of a whole nested hash', () => {
  it('names the hash by its dotted name, with no trailing dot', () => {
    const outer = reader({ postal_address: { town: 'Leeds' } });
    const address = outer.nested('postal_address');
    address?.error('BAD_VALUE', '', null, 'the address is wrong');
    address?.warn('INVALID_TEXT', 'town', 'Leeds', 'the town is wrong');
    expect(outer.problems.map((p) => [p.severity, p.field])).toEqual([
      ['record', 'postal_address'],
      ['warning', 'postal_address.town'],
    ]);
  });

  it('a hash inside a hash is named by its whole dotted path', () => {
    const outer = reader({ a: { b: { c: 1 } } });
    const inner = outer.nested('a')?.nested('b');
    inner?.error('BAD_VALUE', '', null, 'the hash is wrong');
    inner?.error('BAD_VALUE', 'c', 1, 'the field is wrong');
    expect(outer.problems.map((p) => p.field)).toEqual(['a.b', 'a.b.c']);
  });

  it('a whole record is named by the empty field', () => {
    const r = reader({});
    r.error('BAD_VALUE', '', null, 'the record is wrong');
    expect(found(r)).toEqual([['BAD_VALUE', '', 'null']]);
  });
});

describe('docs/input.md "Values": null and absent are alike, the empty value of each kind', () => {
  const read: [string, (r: FieldReader, field: string) => unknown, unknown][] = [
    ['text', (r, f) => r.text(f), ''],
    ['a list of text', (r, f) => r.textList(f), []],
    ['a flag', (r, f) => r.bool(f), false],
    ['money', (r, f) => r.money(f), null],
    ['a count', (r, f) => r.count(f, 10), null],
    ['a date', (r, f) => r.date(f), null],
    ['a timestamp', (r, f) => r.timestamp(f), false],
    ['a choice', (r, f) => r.choice(f, ['a']), null],
    ['a list of choices', (r, f) => r.choiceList(f, ['a']), []],
    ['a reference', (r, f) => r.ref(f, 'rooms', {}), null],
    ['a list of references', (r, f) => r.refList(f, 'rooms', {}), []],
    ['a nested hash', (r, f) => r.nested(f), null],
    ['whether set', (r, f) => r.isSet(f), false],
  ];

  it.each(read)('%s: null and absent read as empty, with no problem', (_kind, readIt, empty) => {
    const r = reader({ given: null });
    expect([readIt(r, 'given'), readIt(r, 'absent')]).toEqual([empty, empty]);
    expect(r.problems).toEqual([]);
  });

  it.each([
    [
      'money',
      (r: FieldReader, f: string) => r.money(f, { required: true }),
      'a whole number of pence, such as 138554 for £1,385.54',
    ],
    [
      'a date',
      (r: FieldReader, f: string) => r.date(f, { required: true }),
      'a date written YYYY-MM-DD',
    ],
    [
      'a choice',
      (r: FieldReader, f: string) => r.choice(f, ['day', 'week'], { required: true }),
      'one of day, week',
    ],
    [
      'a reference',
      (r: FieldReader, f: string) => r.ref(f, 'rooms', {}, { required: true }),
      'the _id of a rooms record',
    ],
    [
      'a reference with its own words',
      (r: FieldReader, f: string) => r.ref(f, 'rooms', {}, { required: true, what: 'the room' }),
      'the room',
    ],
  ])(
    '%s, required: null and absent are MISSING_FIELD, naming what to set',
    (_kind, readIt, what) => {
      const r = reader({ given: null });
      expect([readIt(r, 'given'), readIt(r, 'absent')]).toEqual([null, null]);
      expect(r.problems.map((p) => [p.code, p.field, p.value, p.message])).toEqual([
        ['MISSING_FIELD', 'given', 'null', `given is required: set ${what}`],
        ['MISSING_FIELD', 'absent', '(missing)', `absent is required: set ${what}`],
      ]);
    },
  );
});

describe('docs/input.md "Limits": a list field holds at most 100 items', () => {
  const lists: [string, (r: FieldReader, field: string) => unknown[], (i: number) => string][] = [
    ['text', (r, f) => r.textList(f), (i) => `a${i}@example.org`],
    ['choices', (r, f) => r.choiceList(f, ['email', 'post']), () => 'post'],
    ['references', (r, f) => r.refList(f, 'rooms', {}), (i) => `r${i}`],
  ];

  it.each(lists)('a list of %s: 100 items are read', (_kind, readIt, item) => {
    const r = reader({ list: Array.from({ length: 100 }, (_, i) => item(i)) });
    expect(readIt(r, 'list').length).toBeGreaterThan(0);
    expect(r.problems).toEqual([]);
  });

  it.each(lists)(
    'a list of %s: 101 items are LIST_TOO_LONG, read as empty, no item checked',
    (_kind, readIt, item) => {
      const items: unknown[] = Array.from({ length: 101 }, (_, i) => item(i));
      items[0] = 5; // a bad item, not reported on its own: the list is refused whole
      const r = reader({ list: items });
      expect(readIt(r, 'list')).toEqual([]);
      expect(r.problems.map((p) => [p.code, p.field, p.message])).toEqual([
        [
          'LIST_TOO_LONG',
          'list',
          'list lists 101 items; carebill takes at most 100, so remove the extra ones in CareHQ',
        ],
      ]);
    },
  );
});

describe('an end before its start (END_BEFORE_START), dates before 1970 too', () => {
  it('an end or a start not given is no END_BEFORE_START', () => {
    const r = reader({});
    const day1960 = dayFromYmd(1960, 1, 1);
    r.checkNotBefore('end_date', day1960, 'start_date', null);
    r.checkNotBefore('end_date', null, 'start_date', dayFromYmd(2024, 11, 1));
    r.checkNotBefore('end_date', null, 'start_date', day1960);
    expect(r.problems).toEqual([]);
  });

  it('the same day is one day; the day before is END_BEFORE_START', () => {
    const r = reader({ start: '1960-01-01', same: '1960-01-01', before: '1959-12-31' });
    const start = r.date('start');
    r.checkNotBefore('same', r.date('same'), 'start', start);
    expect(r.problems).toEqual([]);
    r.checkNotBefore('before', r.date('before'), 'start', start);
    expect(found(r)).toEqual([['END_BEFORE_START', 'before', '"1959-12-31"']]);
  });
});

describe('SPEC §2 money: a string of ASCII digits means the same integer', () => {
  it('however many leading zeros it has', () => {
    const r = reader({ a: `${'0'.repeat(20)}138554`, b: `-${'0'.repeat(20)}1`, c: '0'.repeat(21) });
    expect([r.money('a'), r.money('b'), r.money('c')]).toEqual([138554, -1, 0]);
    expect(r.problems).toEqual([]);
  });

  it('beyond ±2^53 it is BAD_MONEY, however it is written', () => {
    const r = reader({ a: `${'0'.repeat(20)}9007199254740992`, b: '9'.repeat(300) });
    expect([r.money('a'), r.money('b')]).toEqual([null, null]);
    expect(r.problems.map((p) => p.code)).toEqual(['BAD_MONEY', 'BAD_MONEY']);
  });
});
