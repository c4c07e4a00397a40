/**
 * A value of the wrong kind is a record error and reads as the empty value of its field's
 * kind, never as the value itself: a parked contact stays in the dataset (its lines go to
 * unbilled with PAYER_PARKED), so what its fields read as still reaches outputs.
 */
import { describe, expect, it } from 'vitest';
import { FieldReader } from './fields.js';

const reader = (raw: Record<string, unknown>) =>
  new FieldReader('service-user-contacts', 'c1', raw);

describe('a field of the wrong kind reads as empty, with a record error', () => {
  it.each([
    ['text given a number', (r: FieldReader) => r.text('f'), { f: 7 }, ''],
    ['text given a list', (r: FieldReader) => r.text('f'), { f: ['a'] }, ''],
    ['a list of text given text', (r: FieldReader) => r.textList('f'), { f: 'a@x.org' }, []],
    [
      'a list of references given text',
      (r: FieldReader) => r.refList('f', 'billing-contracts', {}),
      { f: 'c1' },
      [],
    ],
  ])('%s', (_kind, readIt, raw, empty) => {
    const r = reader(raw);
    expect(readIt(r)).toEqual(empty);
    expect(r.hasErrors).toBe(true);
    expect(r.problems.map((p) => [p.code, p.field])).toEqual([['BAD_VALUE', 'f']]);
  });
});
