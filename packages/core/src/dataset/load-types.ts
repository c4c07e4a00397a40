/**
 * What loading a dataset folder gives back: the trusted {@link Dataset} and every problem.
 */
import type { Dataset, ResourceName } from './model.js';
import type { Problem } from './problems.js';

/** The raw text of each file present in a dataset folder, by resource. */
export type DatasetFiles = Partial<Record<ResourceName, string>>;

/**
 * A resident (or, with `serviceUser` null, a contact or a block booking without a resident)
 * left out of the run, with every reason.
 */
export interface ParkedEntry {
  readonly serviceUser: string | null;
  readonly problems: readonly Problem[];
}

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
