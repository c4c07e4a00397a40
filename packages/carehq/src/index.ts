export { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export {
  CareHqClient,
  type CareHqClientOptions,
  type CareHqRecord,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_ITEMS,
  DEFAULT_MAX_RESPONSE_BYTES,
  type ListLimits,
  type ListPage,
  parseListPage,
  type RetryEvent,
} from './client.js';
export type { PulledDataset, PullProgress } from './collect.js';
export {
  CareHqError,
  type CareHqErrorCode,
  type CareHqErrorDetails,
  careHqError,
  describeCareHqError,
} from './errors.js';
export { type PullOptions, pullDataset, writeDataset } from './pull.js';
export { type RateLimitState, readRateLimit, waitBeforeNextMs } from './rate-limit.js';
export { RESOURCE_ATTRIBUTES } from './resources.js';
export {
  type CareHqCredentials,
  canonicalPairs,
  canonicalParamString,
  computeSignature,
  encodePairs,
  nonceFromBytes,
  type Params,
  type ParamValue,
  type SignedRequest,
  signRequest,
  stringToSign,
} from './sign.js';
export { formatRecords, isPullTempFile, writeFilesAtomically } from './write-dataset.js';
