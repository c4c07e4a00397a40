/**
 * The sandboxed processor: BullMQ runs this file in each of a worker's rendering processes
 * (`Worker` with a processor file), so rendering — seconds of CPU for a print pack — never
 * blocks the worker's own process, which keeps renewing its jobs' locks on time.
 *
 * A rendering process whose worker is gone (killed) stops at once: its jobs will be handed
 * to another worker, so nothing it would still write is needed.
 */
import type { SandboxedJob } from 'bullmq';
import type { RenderJobData, RenderJobResult } from './protocol.js';
import { renderChunk } from './render-chunk.js';

process.on('disconnect', () => process.exit(1));

/** Renders one job's chunk (see `render-chunk.ts`). */
export default function processRenderJob(
  job: SandboxedJob<RenderJobData, RenderJobResult>,
): Promise<RenderJobResult> {
  return renderChunk(job.data);
}
