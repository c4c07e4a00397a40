/**
 * `@carebill/queue`: a preview's PDFs rendered on many machines through BullMQ on Redis.
 * A coordinator ({@link renderOnQueue}) queues a run's chunks and waits; workers
 * ({@link startRenderWorker}) render them into the run's work folder on storage every
 * machine shares. docs/scale.md tells the whole story: protocol, failures, personal data,
 * the measured figures and the model for many machines.
 */
export { parseQueueUrl, type QueueConnection, redisOptions } from './connection.js';
export {
  DEFAULT_WINDOW,
  describeChunk,
  expireIdleQueue,
  formatNumberRanges,
  type QueueRunOptions,
  type QueueRunResult,
  queuedJobOf,
  renderOnQueue,
} from './coordinator.js';
export { QueueError, type QueueErrorCode } from './errors.js';
export { DEFAULT_INVOICES_PER_CHUNK, planChunks, queueRunId, type RenderChunk } from './plan.js';
export {
  DEFAULT_LOCK_SECONDS,
  JOB_OPTIONS,
  JOB_TTL_SECONDS,
  jobIdOf,
  MAX_STALLED_COUNT,
  PROTOCOL,
  problemWithJob,
  QUEUE_NAME,
  QUEUE_PREFIX,
  type RenderedFile,
  type RenderFile,
  type RenderJobData,
  type RenderJobResult,
  workFolderName,
} from './protocol.js';
export { renderChunk } from './render-chunk.js';
export { CHUNKS_FOLDER, openWorkFolder, readChunkRecords } from './work-folder.js';
export {
  type RenderWorker,
  type RenderWorkerOptions,
  startRenderWorker,
  type WorkerEvent,
} from './worker.js';
