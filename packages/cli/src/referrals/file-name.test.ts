import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSafeRelativePath } from '../io/output-manifest.js';
import { LEDGER_FILE } from './ledger.js';
import { referralFileName, SUMMARY_FILE } from './run.js';

describe('referralFileName', () => {
  it.each([
    ['6750a1c24f73a2ce0000bbbb', '6750a1c24f73a2ce0000bbbb.json'],
    ['care-funds', 'care-funds.json'],
    ['../x', '%2E%2E%2Fx.json'],
    ['.hidden', '%2Ehidden.json'],
    ['summary', '%73ummary.json'],
    ['ledger', '%6Cedger.json'],
    ['%73ummary', '%2573ummary.json'],
    ['Gŵen', 'G%C5%B5en.json'],
    ['', '%.json'],
  ])('%j → %j', (id, name) => {
    expect(referralFileName(id)).toBe(name);
  });

  it('is one safe file name, never summary.json or ledger.json, never over 255 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (id) => {
        const name = referralFileName(id);
        expect(isSafeRelativePath(name)).toBe(true);
        expect(name).not.toContain('/');
        expect(name.startsWith('.')).toBe(false);
        expect(name.endsWith('.json')).toBe(true);
        expect([SUMMARY_FILE, LEDGER_FILE]).not.toContain(name);
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
      }),
    );
  });

  it('gives different ids different names', () => {
    const id = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom('summary', 'ledger', '%73ummary', 'a.b', 'a%2Eb'),
      fc.string({ unit: 'grapheme-ascii', minLength: 190, maxLength: 260 }),
    );
    fc.assert(
      fc.property(id, id, (a, b) => {
        fc.pre(a !== b);
        expect(referralFileName(a)).not.toBe(referralFileName(b));
      }),
      { numRuns: 500 },
    );
  });
});
