/**
 * `@carebill/carehq`: a client for the CareHQ API that pulls a carebill dataset — signed
 * requests, every page, rate limits honoured, retries with backoff — and writes it as a
 * dataset folder atomically.
 *
 *     const client = new CareHqClient({ credentials });
 *     const data = await pullDataset({ client, outDir: 'data' });
 *     const loaded = loadDataset(data); // @carebill/core
 *
 * This file is the public API, listed on purpose: the signing steps, the rate-limit and
 * page parsers and the atomic writer are internal (tested through their modules) and may
 * change in any release. See docs/carehq.md.
 *
 * @packageDocumentation
 */
export { type BackoffOptions, DEFAULT_BACKOFF } from './backoff.js';
export {
  CareHqClient,
  type CareHqClientOptions,
  type CareHqRecord,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_ITEMS,
  DEFAULT_MAX_RESPONSE_BYTES,
  type ListLimits,
  type ListPage,
  type RetryEvent,
} from './client.js';
export type { PulledDataset, PullProgress } from './collect.js';
export {
  CareHqError,
  type CareHqErrorCode,
  type CareHqErrorDetails,
  describeCareHqError,
} from './errors.js';
export { type PullOptions, pullDataset, writeDataset } from './pull.js';
export type { RateLimitState } from './rate-limit.js';
export type { CareHqCredentials, Params, ParamValue } from './sign.js';
export { formatRecords } from './write-dataset.js';
