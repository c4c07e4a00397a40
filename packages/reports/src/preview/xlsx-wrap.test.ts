import { describe, expect, it } from 'vitest';
import { headerText } from './xlsx-print.js';
import { textWidth, wrappedLines } from './xlsx-wrap.js';

describe('textWidth', () => {
  it('counts narrow letters as half, capitals as 1.2 and m w as 1.6 widths of "0"', () => {
    expect(textWidth('0000')).toBe(4);
    expect(textWidth('il. ')).toBe(2);
    expect(textWidth('ABC')).toBeCloseTo(3.6);
    expect(textWidth('mW')).toBeCloseTo(3.2);
  });
});

describe('wrappedLines', () => {
  it('is one line for text that fits, more at spaces and line breaks', () => {
    expect(wrappedLines('Abbey Wall', 32)).toBe(1);
    expect(wrappedLines('', 10)).toBe(1);
    expect(wrappedLines('one\ntwo\nthree', 32)).toBe(3);
    // 55 characters of a council's name in a 32-wide column: two lines.
    expect(wrappedLines('NHS Buckinghamshire, Oxfordshire and Berkshire West ICB', 32)).toBe(2);
  });

  it('breaks a word longer than the line where it meets the edge', () => {
    expect(wrappedLines('0'.repeat(30), 11)).toBe(3);
  });
});

describe('headerText', () => {
  it('doubles & so a header does not read it as a code', () => {
    expect(headerText('Unbilled & unallocated')).toBe('Unbilled && unallocated');
  });
});
