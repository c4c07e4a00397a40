/**
 * "Did you mean …?" at its edges: a separator on one side only, case folded letter for
 * letter, a swap only when both letters cross, and the short-name reach ending at 4 letters.
 */
import { describe, expect, it } from 'vitest';
import { closestName } from './did-you-mean.js';

describe('closestName: what makes two names the same, and what is a typo', () => {
  it('-, _ and spaces are dropped, so one on one side only is no edit', () => {
    expect(closestName('due_days', ['dueDays'])).toBe('dueDays');
    expect(closestName('due days', ['dueDays'])).toBe('dueDays');
    expect(closestName('monthly-52', ['monthly52'])).toBe('monthly52');
  });

  it('case is folded to lower case letter for letter: ß (capital SS) stays one letter', () => {
    // 'maß' is 2 edits from 'mass' (ß for s, one s more): beyond a 3-letter name's reach.
    expect(closestName('maß', ['mass'])).toBeUndefined();
    expect(closestName('MASS', ['mass'])).toBe('mass');
  });

  it('a swap is two adjacent letters crossing both ways; one crossing alone is not', () => {
    expect(closestName('ax', ['xa'])).toBe('xa'); // a swap: 1 edit
    expect(closestName('ax', ['ya'])).toBeUndefined(); // 'a' moves right, 'x' is not 'y': 2 edits
    expect(closestName('xa', ['ay'])).toBeUndefined(); // 'a' moves left, 'x' is not 'y': 2 edits
  });

  it('a name of exactly 4 letters keeps the 1-edit reach; 5 letters get 2', () => {
    expect(closestName('rxom', ['rooms'])).toBeUndefined(); // 4 letters, 2 edits
    expect(closestName('rxxms', ['rooms'])).toBe('rooms'); // 5 letters, 2 edits
  });
});
