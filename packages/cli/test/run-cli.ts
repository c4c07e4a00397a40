/**
 * Runs the CLI in-process for a test, capturing what it writes.
 *
 * @example const { code, stdout } = await runCliCaptured(['validate', '--data', dir])
 */
import { vi } from 'vitest';
import { runCli } from '../src/main.js';

export async function runCliCaptured(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await runCli(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
