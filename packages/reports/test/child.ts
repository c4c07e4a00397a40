/**
 * Runs one of this folder's scripts in a fresh `node` (TypeScript through tsx, workspace
 * packages through their `source` export condition), so a test sees a process whose module
 * cache and pdfmake singleton nothing else has touched. Resolves to the script's stdout
 * parsed as JSON; rejects with its stderr if it fails.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));

export async function runScript<T>(script: string, ...args: string[]): Promise<T> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', join(here, script), ...args],
    { cwd: join(here, '..'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as T;
}
