import { describe, expect, it } from 'vitest';
import { booking, codes } from '../../test/dataset-helpers.js';
import { loadDataset } from './load.js';

const b1 = booking({ _id: 'b1' });
const b2 = booking({ _id: 'b2', start_date: '2020-01-01', end_date: '2020-01-31' });
const page = (items: unknown[], n = 1, count = 1) => ({
  item_count: 2,
  items,
  page: n,
  page_count: count,
  per_page: 10,
});

describe('file shapes', () => {
  it.each([
    ['an array of records', [b1, b2]],
    ['one list page', page([b1, b2])],
    ['an array of pages', [page([b1], 1, 2), page([b2], 2, 2)]],
    ['pages in any order', [page([b2], 2, 2), page([b1], 1, 2)]],
  ])('reads %s', (_label, data) => {
    const loaded = loadDataset({ bookings: JSON.stringify(data) });
    expect(loaded.errors).toEqual([]);
    expect(loaded.dataset.bookings.map((b) => b.id)).toEqual(['b1', 'b2']);
  });

  it('ignores a leading byte order mark', () => {
    const loaded = loadDataset({ bookings: `\uFEFF${JSON.stringify([b1])}` });
    expect(loaded.errors).toEqual([]);
    expect(loaded.dataset.bookings).toHaveLength(1);
  });

  it('reads an empty array and an empty page', () => {
    expect(loadDataset({ bookings: '[]' }).errors).toEqual([]);
    expect(loadDataset({ bookings: JSON.stringify(page([])) }).errors).toEqual([]);
  });

  it.each([
    ['not JSON', '[{"_id": "b1",]', 'NOT_JSON', ''],
    ['empty text', '', 'NOT_JSON', ''],
    ['an object that is not a page', '{"bookings": []}', 'BAD_SHAPE', ''],
    [
      'a page without page_count',
      '{"item_count": 0, "items": [], "page": 1, "per_page": 10}',
      'BAD_SHAPE',
      '',
    ],
    ['a string', '"bookings"', 'BAD_SHAPE', ''],
    ['null', 'null', 'BAD_SHAPE', ''],
    ['pages mixed with records', JSON.stringify([page([b1]), b2]), 'BAD_SHAPE', '#1'],
    ['a record that is a number', JSON.stringify([b1, 42]), 'BAD_SHAPE', '#1'],
    ['a record that is an array', JSON.stringify([[b1]]), 'BAD_SHAPE', '#0'],
    ['a record that is null', JSON.stringify([b1, null]), 'BAD_SHAPE', '#1'],
  ])('%s is a dataset error naming the file', (_label, text, code, id) => {
    const loaded = loadDataset({ bookings: text });
    expect(loaded.errors.map((p) => [p.severity, p.code, p.resource, p.id])).toEqual([
      ['dataset', code, 'bookings', id],
    ]);
    expect(loaded.errors[0]?.message).toContain('bookings.json');
  });

  it('checks every file and reports all dataset errors at once', () => {
    const loaded = loadDataset({
      bookings: JSON.stringify([b1, b1]),
      rooms: '{"rooms": []}',
      'service-users': '[',
      'care-funds': JSON.stringify([7]),
    });
    expect(loaded.errors.map((p) => [p.code, p.resource, p.id])).toEqual([
      ['DUPLICATE_ID', 'bookings', 'b1'],
      ['BAD_SHAPE', 'care-funds', '#0'],
      ['BAD_SHAPE', 'rooms', ''],
      ['NOT_JSON', 'service-users', ''],
    ]);
    expect(loaded.errors[0]?.message).toBe(
      '_id "b1" appears 2 times in bookings.json; each record needs its own _id, so remove the duplicates or export the file again',
    );
  });

  it('names a record without _id by its index, counting across pages, as a record error', () => {
    const { _id, ...noId } = b2;
    const loaded = loadDataset({
      bookings: JSON.stringify([page([b1], 1, 2), page([noId], 2, 2)]),
    });
    expect(loaded.errors).toEqual([]);
    expect(codes(loaded)).toEqual([['MISSING_FIELD', 'bookings', '#1', '_id']]);
  });

  it('a numeric _id is a BAD_VALUE record error', () => {
    const loaded = loadDataset({ bookings: JSON.stringify([booking({ _id: 7 })]) });
    expect(codes(loaded)).toEqual([['BAD_VALUE', 'bookings', '#0', '_id']]);
  });

  it('duplicate ids in different resources are fine', () => {
    const loaded = loadDataset({
      bookings: JSON.stringify([booking({ _id: 'x1', room: null })]),
      rooms: JSON.stringify([{ _id: 'x1', name: 'Rose' }]),
    });
    expect(loaded.errors).toEqual([]);
  });
});
