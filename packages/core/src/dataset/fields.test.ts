import { describe, expect, it } from 'vitest';
import { booking, codes, load } from '../../test/dataset-helpers.js';
import { FieldReader, isTimestamp, parseMoney } from './fields.js';
import { loadDataset } from './load.js';

describe('parseMoney', () => {
  it.each([
    [138554, 138554],
    ['138554', 138554],
    ['-250', -250],
    [0, 0],
    ['0', 0],
    [-0, 0],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    [String(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER],
    [-Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER],
  ])('reads %j as %d pence', (value, expected) => {
    expect(parseMoney(value)).toBe(expected);
  });

  it.each([
    1385.54,
    '1385.54',
    '£10',
    '',
    1e21,
    '1e5',
    ' 12',
    '12 ',
    '+5',
    '-',
    NaN,
    Infinity,
    Number.MAX_SAFE_INTEGER + 1,
    '9007199254740993',
    '99999999999999999999999',
    true,
    null,
    [100],
    { pence: 100 },
    '١٢٣', // Arabic-Indic digits are not ASCII digits
  ])('rejects %j', (value) => {
    expect(parseMoney(value)).toBeUndefined();
  });
});

describe('isTimestamp', () => {
  it.each([
    ['2024-11-01 16:03:23', true],
    ['2024-11-01', true],
    ['2024-11-01 23:59:59', true],
    ['2024-11-01 24:00:00', false],
    ['2024-11-01T16:03:23', false],
    ['2024-11-01 16:03', false],
    ['2023-02-29 10:00:00', false],
    ['2024-11-01 16:03:23 ', false],
    ['yesterday', false],
  ])('%j ⇒ %s', (text, expected) => {
    expect(isTimestamp(text)).toBe(expected);
  });
});

describe('money fields in records', () => {
  it.each([
    ['"1385.54"', '1385.54', 'such as 138554 for £1,385.54; found "1385.54"'],
    ['1385.54 (a number)', 1385.54, 'such as 138554 for £1,385.54; found 1385.54'],
    ['""', '', 'such as 138554 for £1,385.54; found ""'],
    ['"£10"', '£10', 'found "£10"'],
    ['1e21', 1e21, 'found 1e+21'],
    ['"1e5"', '1e5', 'found "1e5"'],
    ['true', true, 'found true'],
  ])('rate %s is BAD_MONEY with a sentence naming the fix', (_label, rate, tail) => {
    const loaded = load({ bookings: [booking({ rate })] });
    expect(codes(loaded)).toEqual([['BAD_MONEY', 'bookings', '6724fbca4f73a2cebf63868c', 'rate']]);
    const problem = loaded.parked[0]?.problems[0];
    expect(problem?.message).toMatch(/^rate must be a whole number of pence, /);
    expect(problem?.message.endsWith(tail)).toBe(true);
    expect(loaded.dataset.bookings).toEqual([]);
    expect(loaded.parkedServiceUsers.has('6724fbca4f73a2cebf63868a')).toBe(true);
  });

  it.each([
    ['1e5', '1e5'],
    ['138554.0', '138554.0'],
    ['1385.54', '1385.54'],
    ['-2.5E3', '-2.5E3'],
  ])('a JSON number literal %s is BAD_MONEY even when it is a whole number', (literal, shown) => {
    const text = JSON.stringify([booking({ rate: 0 })]).replace('"rate":0', `"rate":${literal}`);
    const withLiteral = loadDataset({ bookings: text });
    expect(codes(withLiteral)).toEqual([
      ['BAD_MONEY', 'bookings', '6724fbca4f73a2cebf63868c', 'rate'],
    ]);
    expect(withLiteral.parked[0]?.problems[0]?.value).toBe(shown);
  });

  it('a string of digits is the same integer', () => {
    const loaded = load({ bookings: [booking({ rate: '138554' })] });
    expect(loaded.dataset.bookings[0]?.ratePence).toBe(138554);
  });
});

describe('dates', () => {
  it.each(['2023-02-29', '2024-2-5', '2024-06-05 ', '05/06/2024', '2024-06-05T00:00:00', 20240605])(
    'start_date %j is BAD_DATE',
    (start) => {
      const loaded = load({ bookings: [booking({ start_date: start })] });
      expect(codes(loaded)).toEqual([
        ['BAD_DATE', 'bookings', '6724fbca4f73a2cebf63868c', 'start_date'],
      ]);
    },
  );

  it('a missing start_date is MISSING_FIELD', () => {
    const loaded = load({ bookings: [booking({ start_date: null })] });
    expect(codes(loaded)).toEqual([
      ['MISSING_FIELD', 'bookings', '6724fbca4f73a2cebf63868c', 'start_date'],
    ]);
  });

  it('end before start is END_BEFORE_START; the same day is one day and fine', () => {
    const bad = load({ bookings: [booking({ start_date: '2024-06-05', end_date: '2024-06-04' })] });
    expect(codes(bad)).toEqual([
      ['END_BEFORE_START', 'bookings', '6724fbca4f73a2cebf63868c', 'end_date'],
    ]);
    expect(bad.parked[0]?.problems[0]?.message).toBe(
      'end_date 2024-06-04 is before start_date 2024-06-05; correct one of the dates (the end is the last day, included)',
    );
    const ok = load({ bookings: [booking({ start_date: '2024-06-05', end_date: '2024-06-05' })] });
    expect(ok.parked).toEqual([]);
  });

  it('a malformed cancelled timestamp is BAD_DATE; a good one cancels', () => {
    const bad = load({ bookings: [booking({ cancelled: '20/10/2024' })] });
    expect(codes(bad)).toEqual([['BAD_DATE', 'bookings', '6724fbca4f73a2cebf63868c', 'cancelled']]);
    const ok = load({ bookings: [booking({ cancelled: '2024-10-20 09:14:00' })] });
    expect(ok.dataset.bookings[0]?.cancelled).toBe(true);
  });
});

describe('FieldReader.release', () => {
  it('keeps only the fields read after mapping, and refuses to read any other', () => {
    const reader = new FieldReader('bookings', 'b1', {
      _id: 'b1',
      service_user: 'su1',
      room: null,
      rate: 100,
    });
    expect(reader.value('rate')).toBe(100);
    reader.release(new Set(['service_user', 'room', 'location']));
    expect(reader.value('service_user')).toBe('su1');
    expect(reader.value('room')).toBeNull();
    expect(reader.value('location')).toBeUndefined();
    expect(() => reader.value('rate')).toThrow(/rate was released/);
  });
});
