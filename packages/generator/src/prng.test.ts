import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIdFactory } from './ids.js';
import { createRng } from './prng.js';

describe('createRng', () => {
  it('gives the same stream for a seed on every machine (golden values)', () => {
    const rng = createRng(1);
    expect([rng.uint32(), rng.uint32(), rng.uint32()]).toEqual([1151041103, 1990438114, 272676157]);
    // The high 32 bits of a seed count too.
    const big = createRng(2 ** 40 + 1);
    expect([big.uint32(), big.uint32()]).toEqual([1122766935, 3950477421]);
  });

  it('keeps int() inside its bounds and next() in [0, 1)', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: -1000, max: 1000 }),
        fc.nat(1000),
        (seed, lo, width) => {
          const rng = createRng(seed);
          for (let i = 0; i < 50; i += 1) {
            const value = rng.int(lo, lo + width);
            if (!Number.isInteger(value) || value < lo || value > lo + width) return false;
            const x = rng.next();
            if (x < 0 || x >= 1) return false;
          }
          return true;
        },
      ),
    );
  });

  it('is roughly uniform: each face of a die within 5% of a sixth over 60,000 rolls', () => {
    const rng = createRng(42);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60000; i += 1) {
      const face = rng.int(0, 5);
      counts[face] = (counts[face] ?? 0) + 1;
    }
    for (const count of counts) expect(Math.abs(count - 10000)).toBeLessThan(500);
  });

  it('rejects seeds that are not non-negative safe integers', () => {
    expect(() => createRng(-1)).toThrow(RangeError);
    expect(() => createRng(1.5)).toThrow(RangeError);
  });
});

describe('createIdFactory', () => {
  it('hands out 24-hex ids from the seed and a counter', () => {
    const next = createIdFactory(1);
    expect([next(), next()]).toEqual(['680d83e30000000000000001', '680d83e30000000000000002']);
    expect(createIdFactory(2)().slice(0, 8)).not.toBe('680d83e3');
  });
});
