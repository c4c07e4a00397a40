export { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export {
  CareHqClient,
  type CareHqClientOptions,
  type CareHqRecord,
  DEFAULT_BASE_URL,
  type ListPage,
  parseListPage,
  type RetryEvent,
} from './client.js';
export {
  CareHqError,
  type CareHqErrorCode,
  type CareHqErrorDetails,
  careHqError,
  describeCareHqError,
} from './errors.js';
export {
  type PulledDataset,
  type PullOptions,
  type PullProgress,
  pullDataset,
  writeDataset,
} from './pull.js';
export { type RateLimitState, readRateLimit, waitBeforeNextMs } from './rate-limit.js';
export { LOCATION_SCOPE, type LocationScope, RESOURCE_ATTRIBUTES } from './resources.js';
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
