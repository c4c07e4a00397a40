/**
 * SPEC §2.1: a load result missing some of its parts is refused, naming every part that
 * is missing, in the order the result lists them.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset } from './load.js';
import { checkLoaded } from './usable.js';

describe('checkLoaded on a result missing several parts', () => {
  it('names each missing part, comma-separated', () => {
    const { errors: _errors, warnings: _warnings, ...partial } = loadDataset({ bookings: '[]' });
    expect(() => checkLoaded(partial)).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        option: 'loaded',
        message: expect.stringMatching(/ without errors, warnings$/),
      }),
    );
  });
});
