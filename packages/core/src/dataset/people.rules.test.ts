/**
 * SPEC §2's names as printed: `first_name` and `last_name` joined by one space, each trimmed,
 * an empty part left out; initials from each part's first letter.
 */
import { describe, expect, it } from 'vitest';
import { deriveInitials, joinName } from './people.js';

describe('joinName: first and last name, one space between', () => {
  it.each([
    [' Abbey ', ' Wall ', 'Abbey Wall'],
    ['Abbey\t', 'Wall', 'Abbey Wall'],
    ['Abbey', '\u00a0Wall', 'Abbey Wall'],
    ['  ', 'Wall', 'Wall'],
    ['Abbey', '   ', 'Abbey'],
    ['', '', ''],
  ])('%j + %j → %j', (first, last, name) => {
    expect(joinName(first, last)).toBe(name);
  });
});

describe('deriveInitials: the first letter of each name, upper-cased', () => {
  it.each([
    [' abbey', ' wall', 'AW'],
    ['łucja', 'ŵyn', 'ŁŴ'],
    ['', 'Wall', 'W'],
    ['  ', '', ''],
  ])('%j + %j → %j', (first, last, initials) => {
    expect(deriveInitials(first, last)).toBe(initials);
  });
});
