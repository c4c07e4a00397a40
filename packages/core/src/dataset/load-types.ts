/**
 * What loading a dataset folder gives back: the trusted {@link Dataset} and every problem.
 */
import type { Dataset, ResourceName } from './model.js';
import type { Problem } from './problems.js';

/** The raw text of each file present in a dataset folder, by resource: one kind of {@link DatasetInput}. */
export type DatasetFiles = Partial<Record<ResourceName, string>>;

/** One CareHQ list response (SPEC §2), as `JSON.parse` gives it. */
export interface CareHqListPage {
  readonly item_count: number;
  readonly items: readonly object[];
  readonly page: number;
  readonly page_count: number;
  readonly per_page: number;
}

/**
 * One resource of a dataset: the JSON text of its file, or the value that text parses to —
 * an array of records, one CareHQ list page, or an array of pages (SPEC §2). Parsed records
 * get every value rule the text gets; see `docs/library.md` for the one difference (how a
 * number was written is not known once it is parsed).
 */
export type ResourceInput = string | readonly object[] | CareHqListPage;

/**
 * What `loadDataset` reads: each resource by its CareHQ API path. `bookings` must be
 * there (a MISSING_RESOURCE dataset error otherwise); every other resource is optional (an
 * empty collection when absent); any other key is an UNKNOWN_RESOURCE dataset error.
 */
export type DatasetInput = { readonly [R in ResourceName]?: ResourceInput };

/**
 * A resident (or, with `serviceUser` null, a contact or a block booking without a resident)
 * left out of the run, with every reason.
 */
export interface ParkedEntry {
  readonly serviceUser: string | null;
  readonly problems: readonly Problem[];
}

/**
 * What `loadDataset` gives back, and what every computation takes whole
 * (`buildPreview`, `projectRunway`, the referral functions): the trusted dataset and every
 * problem found.
 */
export interface LoadedDataset {
  readonly dataset: Dataset;
  /** Dataset errors (bad JSON, bad shape, duplicate ids). Non-empty ⇒ the run stops. */
  readonly errors: readonly Problem[];
  /** Sorted by service user id (null last), each entry's problems sorted. */
  readonly parked: readonly ParkedEntry[];
  /** Ids of the parked residents: no invoice lines, no runway. */
  readonly parkedServiceUsers: ReadonlySet<string>;
  /** Sorted (resource, id, field). */
  readonly warnings: readonly Problem[];
}
