/**
 * The peak memory of `carebill` on a dataset folder, without the hour of a whole group
 * preview: `validate` (the load alone), then `preview` interrupted once its PDF processes
 * have run for a while (the load, the charges, preview.json, preview.xlsx and the PDFs'
 * start), and with `--full` the whole preview. Resident memory of every process summed
 * from /proc every 100 ms (cli-run.ts).
 *
 * With `--timeline FILE` every sample is also written to FILE (tab-separated: seconds,
 * processes, the sum, then each process's anonymous + file-backed MB, the command first),
 * to see what each process holds when.
 *
 *   node --import tsx packages/cli/bench/memory.ts bench/data/group [--pdf-seconds 20] [--full] [--timeline FILE] [--skip-validate] [--whole-only]
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CliRun, type CliSample, runCli } from './cli-run.js';
import { describeRun } from './process-rows.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'pdf-seconds': { type: 'string', default: '20' },
    full: { type: 'boolean' },
    timeline: { type: 'string' },
    'skip-validate': { type: 'boolean' },
    'whole-only': { type: 'boolean' },
  },
});
const data = positionals[0] ?? 'bench/data/group';
const out = 'bench/out/memory-preview';
const line = (what: string, run: CliRun) =>
  console.log(`${what}: ${(run.wallMs / 1000).toFixed(1)} s wall; ${describeRun(run)}`);

if (!values['skip-validate']) line('validate', await runCli(['validate', '--data', data], ROOT));

/**
 * One preview, interrupted after `pdfSeconds` of PDF processes (or whole): its figures, and
 * once the PDF children run, the largest sum and the command's own memory beside it.
 */
async function preview(pdfSeconds: number | undefined): Promise<void> {
  await rm(out, { recursive: true, force: true });
  let pdfsFrom: number | undefined;
  let pdfPeak: CliSample | undefined;
  const timeline = values.timeline;
  if (timeline !== undefined)
    appendFileSync(
      timeline,
      `# preview${pdfSeconds === undefined ? ', whole' : ` to ${pdfSeconds} s of PDFs`}\n`,
    );
  const run = await runCli(
    ['preview', '--data', data, '--month', '2024-11', '--out', out],
    ROOT,
    (sample) => {
      if (timeline !== undefined) appendFileSync(timeline, `${timelineRow(sample)}\n`);
      if (sample.processes > 1) {
        pdfsFrom ??= sample.elapsedMs;
        if (sample.treeMb > (pdfPeak?.treeMb ?? 0)) pdfPeak = sample;
      }
      if (pdfSeconds === undefined || pdfsFrom === undefined) return false;
      return sample.elapsedMs - pdfsFrom > pdfSeconds * 1000;
    },
  );
  line(pdfSeconds === undefined ? 'preview, whole' : `preview to ${pdfSeconds} s of PDFs`, run);
  if (pdfPeak === undefined) return;
  console.log(
    `  while PDFs render: peak ${pdfPeak.treeMb.toFixed(0)} MB summed at ${(pdfPeak.elapsedMs / 1000).toFixed(1)} s, the command ${pdfPeak.commandMb.toFixed(0)} MB of it; anonymous + file-backed MB, the command first: ${pdfPeak.each.map((p) => `${p.anonMb.toFixed(0)} + ${p.fileMb.toFixed(0)}`).join(', ')}`,
  );
}

function timelineRow(sample: CliSample): string {
  const each = sample.each.map((p) => `${p.anonMb.toFixed(0)}+${p.fileMb.toFixed(0)}`);
  return [
    (sample.elapsedMs / 1000).toFixed(1),
    sample.processes,
    sample.treeMb.toFixed(0),
    ...each,
  ].join('\t');
}

if (values.timeline !== undefined) writeFileSync(values.timeline, '');

if (!values['whole-only']) await preview(Number(values['pdf-seconds']));
if (values.full || values['whole-only']) await preview(undefined);
