/**
 * The job protocol between a coordinator (`carebill preview --queue`) and its workers
 * (`carebill worker`): what a job carries, what a worker answers, and the BullMQ settings
 * both sides rely on. docs/scale.md explains each choice.
 *
 * A job is one **chunk**: the invoices of some invoice PDFs, or of one print pack, as the
 * renderer needs them, the run's id and the run's work folder on the shared storage. The
 * worker writes each file atomically into that folder and answers with every file's size
 * and SHA-256, so the coordinator writes the manifest without reading the files again.
 */
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute } from 'node:path';
import type { DayRange, Invoice } from '@carebill/core';
import type { JobsOptions } from 'bullmq';

/** The protocol's version: a job of another version is never taken (see {@link QUEUE_NAME}). */
export const PROTOCOL = 1;

const packageVersion = (createRequire(import.meta.url)('../package.json') as { version: string })
  .version;

/**
 * The BullMQ key prefix: every key is `carebill:<queue>:…`, apart from anything else a
 * shared Redis holds.
 */
export const QUEUE_PREFIX = 'carebill';

/**
 * The queue's name carries the release and the protocol, so a worker only ever renders for
 * a coordinator of its own release (identical bytes need the identical renderer): during a
 * rolling upgrade old and new workers each serve their own coordinators.
 */
export const QUEUE_NAME = `pdf-${packageVersion}-p${PROTOCOL}`;

/** One file of a chunk: a single invoice's PDF, or a print pack of several. */
export interface RenderFile {
  /** Relative to the work folder, `/`-separated: `invoices/X.pdf` or `print-pack-001.pdf`. */
  readonly path: string;
  readonly kind: 'invoice' | 'pack';
  readonly invoices: readonly Invoice[];
}

/** A job's data. */
export interface RenderJobData {
  readonly protocol: typeof PROTOCOL;
  /** The run's id ({@link queueRunId}). */
  readonly run: string;
  /** The chunk's number within the run, from 0. */
  readonly chunk: number;
  /** The run's work folder, absolute, as every machine sees the shared storage. */
  readonly folder: string;
  readonly period: DayRange | null;
  readonly files: readonly RenderFile[];
}

/** A file as written: its path (as in {@link RenderFile}), size and SHA-256 (lowercase hex). */
export interface RenderedFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** A worker's answer for a chunk (also kept as the chunk's record in the work folder). */
export interface RenderJobResult {
  readonly run: string;
  readonly chunk: number;
  readonly files: readonly RenderedFile[];
}

/** The job name (BullMQ shows it; it holds nothing personal). */
export const JOB_NAME = 'render';

/**
 * A job's id: the run's id and the chunk's number, so adding a chunk that is already queued
 * or being rendered adds nothing (BullMQ ignores a duplicate id).
 *
 * @example jobIdOf('3f9c0d2e8a1b4c5d', 7) === '3f9c0d2e8a1b4c5d-7'
 */
export function jobIdOf(run: string, chunk: number): string {
  return `${run}-${chunk}`;
}

/**
 * The chunk number of a job id of `run`, or undefined for another run's job.
 *
 * @example chunkOfJobId('3f9c0d2e8a1b4c5d', '3f9c0d2e8a1b4c5d-7') === 7
 */
export function chunkOfJobId(run: string, jobId: string): number | undefined {
  if (!jobId.startsWith(`${run}-`)) return undefined;
  const rest = jobId.slice(run.length + 1);
  return /^\d{1,9}$/.test(rest) ? Number(rest) : undefined;
}

/**
 * How each job is queued. Three attempts, 2 s then 4 s apart, for what passes (a network
 * file system's hiccup, a full disk freed); removed the moment it completes, and when it
 * finally fails (the coordinator is told the reason by the event): a finished job's
 * payload — names and addresses — never stays in Redis. A job still waiting has a TTL on
 * its key ({@link JOB_TTL_SECONDS}), set by the coordinator as it adds it.
 */
export const JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: true,
  removeOnFail: true,
};

/**
 * How long anything a run puts in Redis may stay there (24 hours): a job whose
 * coordinator and workers all vanished, and the queue's own keys once it is idle.
 */
export const JOB_TTL_SECONDS = 24 * 60 * 60;

/**
 * How long a worker holds a job without renewing its lock before the job counts as
 * stalled and another worker takes it over (BullMQ's `lockDuration`; the stalled check
 * runs as often). Rendering runs in separate processes, so the lock is renewed on time
 * however long a print pack takes.
 */
export const DEFAULT_LOCK_SECONDS = 30;

/**
 * A job whose worker died under it more than this many times is failed rather than
 * handed on again: a chunk that kills every worker that takes it must not take the whole
 * fleet down (BullMQ's `maxStalledCount`).
 */
export const MAX_STALLED_COUNT = 1;

/**
 * The folder name of a run's work folder inside the output folder's `.carebill/`.
 *
 * @example workFolderName('3f9c0d2e8a1b4c5d') === 'queue.3f9c0d2e8a1b4c5d'
 */
export function workFolderName(run: string): string {
  return `queue.${run}`;
}

const RUN_ID = /^[0-9a-f]{16}$/;
const FILE_PATH = /^(invoices\/)?[A-Za-z0-9][A-Za-z0-9_.-]{0,120}\.pdf$/;

/**
 * Is `path` a name a job may write or read in a work folder (a PDF of a preview, at most
 * one folder down, no `..`)?
 *
 * @example isRenderFilePath('invoices/PREVIEW-202411-0001.pdf') === true
 */
export function isRenderFilePath(path: string): boolean {
  return FILE_PATH.test(path) && !path.includes('..');
}

/**
 * Checks a job's data before a worker writes anything: the work folder must be a run's
 * work folder (`…/.carebill/queue.<run>`, absolute) and every file a PDF inside it, so a
 * job, whoever put it in Redis, can never make a worker write anywhere else.
 * Returns what is wrong, or undefined.
 *
 * @example problemWithJob(job.data) === undefined
 */
export function problemWithJob(data: unknown): string | undefined {
  const job = data as Partial<RenderJobData> | null;
  if (typeof job !== 'object' || job === null) return 'the job has no data';
  if (job.protocol !== PROTOCOL) return `the job is of protocol ${String(job.protocol)}`;
  if (typeof job.run !== 'string' || !RUN_ID.test(job.run)) return 'the job has no run id';
  if (!Number.isInteger(job.chunk) || (job.chunk as number) < 0) return 'the job has no chunk';
  const folder = job.folder;
  if (
    typeof folder !== 'string' ||
    !isAbsolute(folder) ||
    basename(folder) !== workFolderName(job.run) ||
    basename(dirname(folder)) !== '.carebill'
  )
    return 'the job names no work folder of its run';
  if (!Array.isArray(job.files) || job.files.length === 0) return 'the job has no files';
  for (const file of job.files as RenderFile[]) {
    if (typeof file?.path !== 'string' || !FILE_PATH.test(file.path))
      return 'the job names a file that is not a PDF of a preview';
    if (file.kind !== 'invoice' && file.kind !== 'pack') return 'the job has a file of no kind';
    if (!Array.isArray(file.invoices) || file.invoices.length === 0)
      return `the job has no invoices for ${file.path}`;
    if (file.kind === 'invoice' && file.invoices.length !== 1)
      return `the job has several invoices for ${file.path}`;
  }
  return undefined;
}
