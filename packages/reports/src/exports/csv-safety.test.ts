import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMULA_LEADS, isFormulaText, neutraliseText } from './csv-safety.js';

describe('neutraliseText', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+44 1234', "'+44 1234"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['\tTab', "'\tTab"],
    ['\rCR', "'\rCR"],
  ])('prefixes %j', (text, expected) => {
    expect(neutraliseText(text)).toEqual({ text: expected, changed: true });
  });

  it.each(['Ann Smith', '', ' =1+1', 'a=b', "'=already quoted", '\n=x', '12.34'])(
    'leaves %j alone',
    (text) => {
      expect(neutraliseText(text)).toEqual({ text, changed: false });
    },
  );

  it('changes exactly the texts led by a formula character, by one leading quote', () => {
    const lead = fc.constantFrom('', 'a', ' ', "'", '\n', ...FORMULA_LEADS);
    const texts = fc
      .tuple(lead, fc.string({ unit: 'binary', maxLength: 20 }))
      .map(([a, b]) => a + b);
    fc.assert(
      fc.property(texts, (text) => {
        const out = neutraliseText(text);
        const led = FORMULA_LEADS.includes(text.charAt(0)) && text !== '';
        expect(out.changed).toBe(led);
        expect(isFormulaText(text)).toBe(led);
        expect(out.text).toBe(led ? `'${text}` : text);
        expect(isFormulaText(out.text)).toBe(false);
      }),
    );
  });
});
