/**
 * The bench rows measured in processes of their own: the PDF rows (pdf-rows.ts, in a fresh
 * process) and the real `carebill preview` (cli-run.ts), with one PDF process and with the
 * default pool, its wall time, CPU and the resident memory of all its processes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serialize } from 'node:v8';
import type { DayRange, Invoice } from '@carebill/core';
import { PDF_PROCESS_EXEC_ARGV } from '@carebill/reports/pdf';
import { type CliRun, runCli } from './cli-run.js';
import type { PdfRows } from './pdf-rows.js';

/**
 * Runs pdf-rows.ts on `invoices` in a fresh process and returns its medians.
 *
 * @example const pdf = await measurePdfRows(sample, MONTH);
 */
export async function measurePdfRows(
  invoices: readonly Invoice[],
  period: DayRange,
): Promise<PdfRows> {
  const dir = await mkdtemp(join(tmpdir(), 'carebill-bench-'));
  try {
    const input = join(dir, 'invoices.v8');
    await writeFile(input, serialize({ invoices, period }));
    const script = join(import.meta.dirname, 'pdf-rows.ts');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...PDF_PROCESS_EXEC_ARGV, '--import', 'tsx', script, input],
      { maxBuffer: 1 << 20 },
    );
    return JSON.parse(stdout) as PdfRows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One `carebill preview` of the month, written into a fresh `out`. */
export async function runPreview(
  root: string,
  data: string,
  out: string,
  jobs?: number,
): Promise<CliRun> {
  await rm(out, { recursive: true, force: true });
  const args = ['preview', '--data', data, '--month', '2024-11', '--out', out];
  const run = await runCli(jobs === undefined ? args : [...args, '--jobs', String(jobs)], root);
  if (run.exitCode !== 0) throw new Error(`carebill ${args.join(' ')} failed:\n${run.stderr}`);
  return run;
}

/** A one-line summary of a run's CPU and memory, for a row's note. */
export function describeRun(run: CliRun): string {
  const parts = [];
  if (run.cpuMs !== undefined) parts.push(`CPU ${(run.cpuMs / 1000).toFixed(1)} s`);
  if (run.peakTreeMb !== undefined)
    parts.push(
      `peak RSS ${run.peakTreeMb.toFixed(0)} MB over ${run.processes} processes (command ${run.peakParentMb?.toFixed(0)}, largest child ${run.peakChildMb?.toFixed(0)})`,
    );
  return parts.join('; ');
}
