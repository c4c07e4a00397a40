/**
 * File shapes (SPEC §2: an array of records, one CareHQ list page, or an array of pages)
 * and the dataset errors naming the file (SPEC §2.1: "a file that is not JSON or not one of
 * the shapes above").
 */
import { describe, expect, it } from 'vitest';
import { booking, codes } from '../../test/dataset-helpers.js';
import { loadDataset } from './load.js';
import type { ResourceInput } from './load-types.js';

describe('what is a page', () => {
  it('a page’s items must be a list: an object with every page key but items not a list is no page', () => {
    const page = { item_count: 0, items: {}, page: 1, page_count: 1, per_page: 10 };
    const loaded = loadDataset({ bookings: JSON.stringify(page) });
    expect(loaded.errors.map((p) => [p.code, p.value])).toEqual([['BAD_SHAPE', 'an object']]);
  });

  it('a page’s keys must be its own: a page with items inherited is no page', () => {
    const page = Object.create({ items: [] });
    Object.assign(page, { item_count: 0, page: 1, page_count: 1, per_page: 10 });
    const loaded = loadDataset({ bookings: page as ResourceInput });
    expect(loaded.errors.map((p) => [p.code, p.value])).toEqual([['BAD_SHAPE', 'an object']]);
  });
});

describe('what the text shows, outside and inside the records', () => {
  const b = (id: string) => JSON.stringify(booking({ _id: id, service_user: `su-${id}` }));
  const page = (n: number, items: string, extra = '') =>
    `{"item_count": 2, "items": [${items}], "page": ${n}, "page_count": 2, "per_page": 1${extra}}`;

  it('a key given twice in a page’s own value, not in its items, is a dataset error, not a record’s', () => {
    const extra = ', "links": [{"next": 1, "next": 2}]';
    const one = loadDataset({ bookings: page(1, b('b1'), extra) });
    expect(one.errors.map((p) => [p.code, p.resource, p.value])).toEqual([
      ['DUPLICATE_KEY', 'bookings', '"links.0.next"'],
    ]);
    expect(one.parked).toEqual([]);

    const two = loadDataset({ bookings: `[${page(1, b('b1'))}, ${page(2, b('b2'), extra)}]` });
    expect(two.errors.map((p) => [p.code, p.value])).toEqual([
      ['DUPLICATE_KEY', '"1.links.0.next"'],
    ]);
    expect(two.parked).toEqual([]);
  });

  it('a page of an array of pages giving "items" twice is a dataset error naming the path', () => {
    const twice = `{"item_count": 2, "items": [], "page": 2, "page_count": 2, "per_page": 1, "items": [${b('b2')}]}`;
    const loaded = loadDataset({ bookings: `[${page(1, b('b1'))}, ${twice}]` });
    expect(loaded.errors.map((p) => [p.code, p.value])).toEqual([['DUPLICATE_KEY', '"1.items"']]);
  });

  it('a key given twice in a record of the second page lands on that record, counted across pages', () => {
    const dup = b('b2').replace('{', '{"note": 1, "note": 2, ');
    const loaded = loadDataset({ bookings: `[${page(1, b('b1'))}, ${page(2, dup)}]` });
    expect(loaded.errors).toEqual([]);
    expect(codes(loaded)).toEqual([['DUPLICATE_KEY', 'bookings', 'b2', 'note']]);
  });

  it('a fraction written in a plain array’s second record lands on that record', () => {
    const text = `[${b('b1')}, ${b('b2').replace('"rate":138554', '"rate":138554.0')}]`;
    expect(codes(loadDataset({ bookings: text }))).toEqual([
      ['BAD_MONEY', 'bookings', 'b2', 'rate'],
    ]);
  });
});

describe('a file that is not JSON', () => {
  it('shows the first 40 characters of the text, quoted', () => {
    const text = `[${'x'.repeat(60)}`;
    const loaded = loadDataset({ bookings: text });
    expect(loaded.errors.map((p) => [p.code, p.value])).toEqual([
      ['NOT_JSON', JSON.stringify(text.slice(0, 40))],
    ]);
  });
});

describe('a record that is not an object names what it is', () => {
  it.each([
    ['a boolean', true],
    ['a string', 'r1'],
    ['an array', []],
    ['a number', 1],
    ['null', null],
    ['undefined', undefined],
    ['bigint', 1n],
  ])('%s', (found, record) => {
    const loaded = loadDataset({ bookings: [], rooms: [{ _id: 'r0' }, record] as object[] });
    expect(loaded.errors.map((p) => [p.code, p.id, p.value, p.message])).toEqual([
      [
        'BAD_SHAPE',
        '#1',
        found,
        `record #1 of the rooms input must be a JSON object with an "_id"; found ${found}`,
      ],
    ]);
  });
});
