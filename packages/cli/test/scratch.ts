/**
 * What the CLI's tests share besides running it: temporary folders removed after the file's
 * tests, and amounts read back from the exports in exact pence.
 *
 * @example
 * const tempDir = tempDirs('carebill-report-'); // at the top of a test file
 * const out = tempDir();
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A maker of fresh temporary folders (`prefix` and random letters), all removed once the
 * test file has run. Call it at the top level of a test file, where vitest collects hooks.
 */
export function tempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}

/**
 * An amount as the exports write it (`5938.03`, `-1082.86`, `200`) in pence, exactly: no
 * float ever holds the sum.
 *
 * @example penceOf('-1082.86') === -108286
 */
export function penceOf(pounds: string): number {
  const [whole = '', fraction = ''] = pounds.replace('-', '').split('.');
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return pounds.startsWith('-') ? -value : value;
}
