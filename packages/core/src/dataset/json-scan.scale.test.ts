import { describe, expect, it } from 'vitest';
import { scanJson } from './json-scan.js';

// Left out of mutation runs (mutation/vitest.config.ts): instrumented, 200,000 keys took
// over a minute; json-scan.test.ts states the same rule on 100 keys.
describe('scanJson at scale', () => {
  it('an object of 200,000 keys is scanned in linear time, its duplicate found', () => {
    const keys = Array.from({ length: 200_000 }, (_, i) => `"k${i}": ${i}`);
    const text = `[{${keys.join(', ')}, "k7": 1.5}]`;
    expect(scanJson(text)).toEqual({
      literals: [{ path: [0, 'k7'], text: '1.5' }],
      duplicateKeys: [[0, 'k7']],
    });
  });
});
