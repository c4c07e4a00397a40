/**
 * SPEC §2.1: every computation takes the load result whole, and none computes from a
 * dataset with dataset errors.
 */
import { describe, expect, it } from 'vitest';
import { CarebillError } from '../errors/carebill-error.js';
import { loadDataset } from './load.js';
import { checkLoaded } from './usable.js';

const WHOLE = '{ dataset, errors, parked, parkedServiceUsers, warnings }';

/** [code, option, message] of what checkLoaded throws. */
function refusal(value: unknown): [string, string | undefined, string] {
  try {
    checkLoaded(value);
  } catch (error) {
    if (error instanceof CarebillError) return [error.code, error.option, error.message];
    throw error;
  }
  throw new Error('checkLoaded accepted it');
}

describe('checkLoaded', () => {
  const good = loadDataset({ bookings: '[]' });

  it('gives back the whole result of loadDataset', () => {
    expect(checkLoaded(good)).toBe(good);
  });

  it.each([
    ['null', null, 'null'],
    ['a list', [], '[]'],
    ['a Dataset', good.dataset, 'a Dataset (loaded.dataset)'],
  ])('%s is INVALID_OPTION, naming what was given', (_label, value, what) => {
    expect(refusal(value)).toEqual([
      'INVALID_OPTION',
      'loaded',
      `loaded must be the whole result of loadDataset(…), ${WHOLE}; found ${what}`,
    ]);
  });

  it.each([['dataset'], ['errors'], ['parked'], ['parkedServiceUsers'], ['warnings']])(
    'a result without %s is INVALID_OPTION, naming the part',
    (part) => {
      const partial: Record<string, unknown> = { ...good };
      delete partial[part];
      const [code, option, message] = refusal(partial);
      expect([code, option]).toEqual(['INVALID_OPTION', 'loaded']);
      expect(message).toMatch(new RegExp(` without ${part}$`));
    },
  );

  it('an object with none of the parts is named, with no list of parts missing', () => {
    expect(refusal({ a: 1 })[2]).toBe(
      `loaded must be the whole result of loadDataset(…), ${WHOLE}; found {"a":1}`,
    );
  });

  it.each([
    ['parkedServiceUsers not a set', { parkedServiceUsers: ['su1'] }],
    ['errors not a list', { errors: {} }],
    ['parked not a list', { parked: {} }],
    ['warnings not a list', { warnings: 'none' }],
  ])('%s is INVALID_OPTION', (_label, change) => {
    expect(refusal({ ...good, ...change }).slice(0, 2)).toEqual(['INVALID_OPTION', 'loaded']);
  });

  it('a load with dataset errors is DATASET_ERRORS, counting them and quoting the first', () => {
    const one = loadDataset({ bookings: '5' });
    expect(refusal(one)).toEqual([
      'DATASET_ERRORS',
      'loaded',
      `loaded has 1 dataset error (the first: ${one.errors[0]?.message}); nothing can be computed until the data is fixed, so report loaded.errors instead`,
    ]);
    const two = loadDataset({ bookings: '5', rooms: '6' });
    expect(refusal(two)[2]).toMatch(/^loaded has 2 dataset errors \(the first: bookings\.json /);
  });

  it('parked residents and warnings do not stop a computation', () => {
    const parked = loadDataset({
      bookings: '[{"_id": "b1", "service_user": "su1", "start_date": "soon"}]',
    });
    expect(parked.parked.length).toBe(1);
    expect(checkLoaded(parked)).toBe(parked);
  });
});
