/**
 * The public API is a list kept on purpose: a new export (or a lost one) must show up here
 * and in docs/library.md, never slip in through a re-export.
 */
import { describe, expect, it } from 'vitest';
import * as core from './index.js';
import * as internal from './internal.js';

describe('@carebill/core exports', () => {
  it('the public values, and nothing else', () => {
    expect(Object.keys(core).sort()).toEqual([
      'CAREBILL_ERROR_CODES',
      'COMMS_CHANNELS',
      'CarebillError',
      'DATASET_LOAD_ORDER',
      'PAYMENT_METHODS',
      'PRIVATE_SOURCE',
      'REFERRAL_CONTENT_TYPE',
      'REGIONS',
      'REGION_LIMITS',
      'RESOURCES',
      'SERVICE_USER_ID_FIELDS',
      'UNALLOCATED_SOURCE',
      'UNSPECIFIED_SOURCE',
      'buildManagementPack',
      'buildPreview',
      'checkManagementPackOptions',
      'checkPreviewOptions',
      'checkReferralOptions',
      'checkRunwayOptions',
      'createDatasetLoader',
      'encodeReferralBody',
      'firstOfMonth',
      'formatDay',
      'formatPounds',
      'issuedFromPreview',
      'issuedPeriodProblems',
      'lastOfMonth',
      'loadDataset',
      'monthPeriod',
      'parseDay',
      'planReferrals',
      'projectRunway',
      'readIssuedPreview',
      'referralCandidatesFromRunway',
    ]);
  });

  it('the internal subpath shares nothing with the public API', () => {
    const publicNames = new Set(Object.keys(core));
    expect(Object.keys(internal).filter((name) => publicNames.has(name))).toEqual([]);
  });
});
