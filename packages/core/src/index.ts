/**
 * `@carebill/core`: billing and finance computation for UK care homes, exact to the penny.
 *
 * This file is the public API, listed on purpose (date-fns and dinero.js style): every
 * export here is a promise kept across versions. Three jobs share one input:
 *
 *     const loaded = loadDataset({ bookings: text, 'billing-contracts': records, … });
 *     const preview = buildPreview(loaded, { period: monthPeriod(2024, 11) });
 *     const runway = projectRunway(loaded, { asOf: parseDay('2024-11-22')! });
 *
 * Problems in the data are reported in the load result; a bad option throws a
 * {@link CarebillError} with a stable `code`. See docs/library.md.
 *
 * The exports, by module: dates (`Day`, `parseDay`, `formatDay`, `monthPeriod`, …), the
 * dataset (`loadDataset`, or `createDatasetLoader` a resource at a time, `RESOURCES`, the
 * record and problem types), errors
 * (`CarebillError`), previews (`buildPreview`, `checkPreviewOptions`, and for back-dated
 * adjustments `readIssuedPreview`, `issuedPeriodProblems`), money for display
 * (`formatPounds`), referrals (`referralCandidatesFromRunway`, `planReferrals`, …), the
 * management pack (`buildManagementPack`, `checkManagementPackOptions`, the funding source
 * names) and the runway (`projectRunway`, `checkRunwayOptions`, `REGION_LIMITS`, …).
 *
 * Sibling packages use a few more helpers through `@carebill/core/internal`, which is not
 * part of this promise.
 *
 * @packageDocumentation
 */

export type { Day } from './calendar/day.js';
export { firstOfMonth, formatDay, lastOfMonth, parseDay } from './calendar/day.js';
export type { DayRange } from './calendar/range.js';
export { monthPeriod } from './calendar/range.js';
export type { ChargeOptions, DayRule } from './charges/options.js';
export type { DatasetLoader } from './dataset/load.js';
export { createDatasetLoader, DATASET_LOAD_ORDER, loadDataset } from './dataset/load.js';
export type {
  CareHqListPage,
  DatasetFiles,
  DatasetInput,
  LoadedDataset,
  ParkedEntry,
  ResourceInput,
} from './dataset/load-types.js';
export type {
  Address,
  BillingContract,
  BillingParty,
  Booking,
  BookingType,
  CareFund,
  CareFundType,
  CommsChannel,
  Dataset,
  FeeContributionUnit,
  Location,
  LocationContact,
  PayerKind,
  PayerRef,
  PaymentMethod,
  RatePeriod,
  ResourceName,
  Room,
  ServiceUser,
  ServiceUserContact,
  ServiceUserIdField,
} from './dataset/model.js';
export {
  COMMS_CHANNELS,
  ID_FIELDS as SERVICE_USER_ID_FIELDS,
  PAYMENT_METHODS,
  RESOURCES,
} from './dataset/model.js';
export type { Problem, ProblemCode, Severity } from './dataset/problems.js';
export type { CarebillErrorCode, CarebillErrorOptions } from './errors/carebill-error.js';
export { CAREBILL_ERROR_CODES, CarebillError } from './errors/carebill-error.js';
export type { IssuedPeriodProblem, IssuedPreviewReading } from './invoices/issued.js';
export { issuedFromPreview, issuedPeriodProblems, readIssuedPreview } from './invoices/issued.js';
export type { PreviewOptions } from './invoices/options.js';
export { checkPreviewOptions } from './invoices/options.js';
export { buildPreview } from './invoices/preview.js';
export type {
  Invoice,
  InvoiceDelivery,
  InvoiceKind,
  InvoiceLine,
  InvoicePayer,
  IssuedLine,
  IssuedPreview,
  Preview,
  PreviewRecordedOptions,
  PreviewTotals,
  UnallocatedEntry,
  UnallocatedReason,
  UnbilledEntry,
  UnbilledReason,
} from './invoices/types.js';
export { formatPounds } from './money/format.js';
export { encodeReferralBody, REFERRAL_CONTENT_TYPE } from './referrals/encode.js';
export { referralCandidatesFromRunway } from './referrals/from-runway.js';
export { checkReferralOptions } from './referrals/options.js';
export { planReferrals } from './referrals/plan.js';
export type {
  CharitylogPerson,
  NeedsConsent,
  Referral,
  ReferralCandidate,
  ReferralEncoding,
  ReferralOptions,
  ReferralPlan,
  ReferralRole,
  SkipCode,
  SkippedCandidate,
} from './referrals/types.js';
export { PRIVATE_SOURCE, UNALLOCATED_SOURCE, UNSPECIFIED_SOURCE } from './report/funding.js';
export { buildManagementPack, checkManagementPackOptions } from './report/pack.js';
export type {
  FundingShare,
  HomeFigures,
  ManagementPack,
  ManagementPackOptions,
  PackChange,
  PackComparison,
  PackFigures,
} from './report/types.js';
export type { CapitalLimits, Region, RunwayOptions, Uplift } from './runway/options.js';
export { checkRunwayOptions, REGION_LIMITS, REGIONS } from './runway/options.js';
export { projectRunway } from './runway/project.js';
export type {
  DrawBasis,
  FundRunway,
  MonthlyBalance,
  ResidentRunway,
  Runway,
  RunwayFlag,
} from './runway/types.js';
