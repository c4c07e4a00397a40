/**
 * The queue's options, apart from the code that uses them (`preview-queue.ts`, `worker.ts`),
 * so a command that is not given `--queue` never loads BullMQ.
 */

/** The environment variable a queue's password may come from instead of the URL. */
export const QUEUE_PASSWORD_VARIABLE = 'CAREBILL_QUEUE_PASSWORD';

/** `--queue`, shared by `preview` and `worker`. */
export const queueArg = {
  queue: {
    type: 'string',
    description: `Redis of the carebill workers: redis://HOST:PORT[/DB] or rediss://… (TLS); password in ${QUEUE_PASSWORD_VARIABLE}`,
  },
} as const;

/** `preview`'s options for the queue. */
export const previewQueueArgs = {
  ...queueArg,
  'chunk-size': {
    type: 'string',
    description: 'Invoice PDFs per queue job (with --queue; default 50)',
  },
} as const;
