import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PDF_PROCESS_EXEC_ARGV } from './process-flags.js';

describe('PDF_PROCESS_EXEC_ARGV', () => {
  it('starts a Node process with its heap capped near 384 MB of old generation', () => {
    // A misspelt flag stops Node at start-up ("bad option"); a dropped cap leaves V8's default
    // limit (2 GB and more on a 64-bit machine).
    const started = spawnSync(
      process.execPath,
      [
        ...PDF_PROCESS_EXEC_ARGV,
        '-e',
        "process.stdout.write(String(require('node:v8').getHeapStatistics().heap_size_limit))",
      ],
      { encoding: 'utf8' },
    );
    expect(started.stderr).toBe('');
    expect(started.status).toBe(0);
    const limitMb = Number(started.stdout) / 2 ** 20;
    expect(limitMb).toBeGreaterThanOrEqual(384);
    expect(limitMb).toBeLessThan(384 + 3 * 8 + 16);
  });
});
