/**
 * The whole-group `carebill preview`, the default pool and then `--jobs 1`, turn about, on the
 * dataset `pnpm bench` generated (bench/data/group): wall time, CPU and the summed peak RSS
 * of all processes of each run, as the bench's last rows measure them. For issue #15's
 * "PDF processes vs one process at group size" without `--full`'s runway oracle.
 *
 *     pnpm bench --sizes group --skip-pack --skip-preview   # generates the dataset once
 *     node --import tsx packages/cli/bench/group-previews.ts
 */
import { join, resolve } from 'node:path';
import { describeRun, runPreview } from './process-rows.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const data = join(ROOT, 'bench', 'data', 'group');
const out = join(ROOT, 'bench', 'out', 'group-cli');
for (const jobs of [undefined, 1]) {
  const run = await runPreview(ROOT, data, out, jobs);
  const label = jobs === undefined ? 'default' : `--jobs ${jobs}`;
  const wall = (run.wallMs / 1000).toFixed(1);
  process.stdout.write(`group preview, ${label}: wall ${wall} s; ${describeRun(run)}\n`);
}
