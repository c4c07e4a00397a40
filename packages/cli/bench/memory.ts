/**
 * The peak memory of `carebill` on a dataset folder, without the hour of a whole group
 * preview: `validate` (the load alone), then `preview` interrupted once its PDF processes
 * have run for a while (the load, the charges, preview.json, preview.xlsx and the PDFs'
 * start), and with `--full` the whole preview. Resident memory of every process summed
 * from /proc every 100 ms (cli-run.ts).
 *
 *   node --import tsx packages/cli/bench/memory.ts bench/data/group [--pdf-seconds 20] [--full]
 */
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CliRun, runCli } from './cli-run.js';
import { describeRun } from './process-rows.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'pdf-seconds': { type: 'string', default: '20' }, full: { type: 'boolean' } },
});
const data = positionals[0] ?? 'bench/data/group';
const out = 'bench/out/memory-preview';
const line = (what: string, run: CliRun) =>
  console.log(`${what}: ${(run.wallMs / 1000).toFixed(1)} s wall; ${describeRun(run)}`);

line('validate', await runCli(['validate', '--data', data], ROOT));

/**
 * One preview, interrupted after `pdfSeconds` of PDF processes (or whole): its figures, and
 * once the PDF children run, the largest sum and the command's own memory beside it.
 */
async function preview(pdfSeconds: number | undefined): Promise<void> {
  await rm(out, { recursive: true, force: true });
  let pdfsFrom: number | undefined;
  let pdfPeak = { treeMb: 0, commandMb: 0 };
  const run = await runCli(
    ['preview', '--data', data, '--month', '2024-11', '--out', out],
    ROOT,
    (sample) => {
      if (sample.processes > 1) {
        pdfsFrom ??= sample.elapsedMs;
        if (sample.treeMb > pdfPeak.treeMb) pdfPeak = sample;
      }
      if (pdfSeconds === undefined || pdfsFrom === undefined) return false;
      return sample.elapsedMs - pdfsFrom > pdfSeconds * 1000;
    },
  );
  line(pdfSeconds === undefined ? 'preview, whole' : `preview to ${pdfSeconds} s of PDFs`, run);
  console.log(
    `  while PDFs render: peak ${pdfPeak.treeMb.toFixed(0)} MB summed, the command ${pdfPeak.commandMb.toFixed(0)} MB of it`,
  );
}

await preview(Number(values['pdf-seconds']));
if (values.full) await preview(undefined);
