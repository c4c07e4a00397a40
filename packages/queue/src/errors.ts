/**
 * The one error class of `@carebill/queue`, with a stable `code` a caller can act on.
 * Messages name the Redis server by its address, never with its password.
 */

/** Why a queue operation failed. */
export type QueueErrorCode =
  /** The `--queue` URL is not one this package takes (a usage error). */
  | 'BAD_QUEUE_URL'
  /** Redis did not answer when the run started (down, wrong address, refused). */
  | 'REDIS_UNREACHABLE'
  /** Redis refused the password or user. */
  | 'REDIS_AUTH'
  /** The connection to Redis was lost while the run waited for its PDFs. */
  | 'REDIS_LOST'
  /** A chunk failed every attempt (a worker could not render or write its files). */
  | 'CHUNK_FAILED'
  /** A chunk's job disappeared from Redis before it was rendered (expired, removed). */
  | 'JOB_LOST'
  /** A worker's answer did not match the files the chunk asked for. */
  | 'BAD_RESULT';

/**
 * An error of the queue: `code` says which, the message says what to do.
 *
 * @example
 * try { await renderOnQueue(options) } catch (error) {
 *   if (error instanceof QueueError && error.code === 'CHUNK_FAILED') process.exitCode = 1
 * }
 */
export class QueueError extends Error {
  override readonly name = 'QueueError';
  readonly code: QueueErrorCode;

  constructor(code: QueueErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
