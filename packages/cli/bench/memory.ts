/**
 * The peak memory of `carebill` on a dataset folder, without the hour of a whole group
 * preview: `validate` (the load alone), then `preview` interrupted once its PDF processes
 * have run for a while (the load, the charges, preview.json, preview.xlsx and the PDFs'
 * start), and with `--full` the whole preview. Resident memory of every process summed
 * from /proc every 100 ms (cli-run.ts).
 *
 *   node --import tsx packages/cli/bench/memory.ts bench/data/group [--pdf-seconds 20] [--full]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CliRun, runCli } from './cli-run.js';
import { describeRun, runPreview } from './process-rows.js';

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

let pdfsFrom: number | undefined;
const cut = await runCli(
  ['preview', '--data', data, '--month', '2024-11', '--out', out],
  ROOT,
  ({ elapsedMs, processes }) => {
    if (processes > 1) pdfsFrom ??= elapsedMs;
    return pdfsFrom !== undefined && elapsedMs - pdfsFrom > Number(values['pdf-seconds']) * 1000;
  },
);
line(`preview to ${values['pdf-seconds']} s of PDF processes`, cut);

if (values.full) line('preview, whole', await runPreview(ROOT, data, out));
