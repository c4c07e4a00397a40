/**
 * SPEC §2.1: every problem shows the offending value (shortened to 80 characters), and
 * problems are sorted by resource, id, field (then code and message) so the report is
 * stable, in code-unit order on every machine and locale.
 */
import { describe, expect, it } from 'vitest';
import { compareText, type Problem, shortenValue, sortProblems } from './problems.js';

describe('SPEC §2.1 the offending value', () => {
  it('a value that cannot be printed at all is named by its type', () => {
    const refuses = Object.assign(() => 1, {
      toJSON: () => {
        throw new Error('no');
      },
    });
    expect(shortenValue(refuses)).toBe('function');
  });

  it('a finite number is shown as JSON writes it', () => {
    expect([shortenValue(-0), shortenValue(1e21), shortenValue(12.5)]).toEqual([
      '0',
      '1e+21',
      '12.5',
    ]);
  });
});

describe('SPEC §2.1 problems are sorted by resource, id, field, then code', () => {
  const problem = (
    resource: Problem['resource'],
    id: string,
    field: string,
    code: Problem['code'],
    message = 'm',
  ): Problem => ({
    severity: 'record',
    code,
    resource,
    id,
    field,
    value: 'null',
    message,
  });

  it('each key decides only where the ones before it are equal', () => {
    const given = [
      problem('rooms', 'a', 'a', 'BAD_VALUE'),
      problem('bookings', 'b', 'b', 'BAD_VALUE', 'second'),
      problem('bookings', 'b', 'b', 'BAD_VALUE', 'first'),
      problem('bookings', 'b', 'b', 'BAD_DATE'),
      problem('bookings', 'b', 'a', 'BAD_VALUE'),
      problem('bookings', 'a', 'z', 'BAD_VALUE'),
    ];
    expect(sortProblems(given).map((p) => [p.resource, p.id, p.field, p.code, p.message])).toEqual([
      ['bookings', 'a', 'z', 'BAD_VALUE', 'm'],
      ['bookings', 'b', 'a', 'BAD_VALUE', 'm'],
      ['bookings', 'b', 'b', 'BAD_DATE', 'm'],
      ['bookings', 'b', 'b', 'BAD_VALUE', 'first'],
      ['bookings', 'b', 'b', 'BAD_VALUE', 'second'],
      ['rooms', 'a', 'a', 'BAD_VALUE', 'm'],
    ]);
    expect(given[0]?.resource).toBe('rooms'); // the list given is left as it was
  });

  it('text is compared by code unit: upper case before lower, accents after both', () => {
    expect([compareText('a', 'b'), compareText('b', 'a'), compareText('a', 'a')]).toEqual([
      -1, 1, 0,
    ]);
    expect(['é', 'a', 'Z', '#10', '#9'].sort(compareText)).toEqual(['#10', '#9', 'Z', 'a', 'é']);
  });
});
