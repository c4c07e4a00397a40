/**
 * Collects the records of a pull: lists fetched into one set per resource (a record that
 * comes from two lists is kept once), with progress told per page.
 */
import { RESOURCES, type ResourceName } from '@carebill/core';
import type { CareHqClient, CareHqRecord } from './client.js';
import { RESOURCE_ATTRIBUTES } from './resources.js';

/** Records per resource, each list sorted by `_id`. */
export type PulledDataset = Readonly<Record<ResourceName, readonly CareHqRecord[]>>;

/** Progress of one resource: told after each page and once more when it is done. */
export interface PullProgress {
  readonly resource: ResourceName;
  /** Records received so far. */
  readonly received: number;
  /** Records expected: the `item_count`s CareHQ reported for this resource's lists so far. */
  readonly total: number;
  readonly page: number;
  readonly pageCount: number;
  readonly done: boolean;
}

/** A list filter: `filters-ids`, `filters-location`, `filters-service_user`. */
export type FilterName = 'filters-ids' | 'filters-location' | 'filters-service_user';

/** Ids sent in one request's filter: 50 ids keep a query near 2 KB, well inside URL limits. */
export const IDS_PER_REQUEST = 50;

function byId(a: CareHqRecord, b: CareHqRecord): number {
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

/**
 * The records pulled so far, per resource, and the lists that fetch them.
 *
 * @example
 * const collector = new RecordCollector(client)
 * await collector.list('rooms', 'filters-location', [location])
 * collector.dataset().rooms.length // 3
 */
export class RecordCollector {
  readonly #client: CareHqClient;
  readonly #onProgress: ((progress: PullProgress) => void) | undefined;
  readonly #records = new Map<ResourceName, Map<string, CareHqRecord>>();
  readonly #received = new Map<ResourceName, number>();
  readonly #expected = new Map<ResourceName, number>();
  readonly #last = new Map<ResourceName, { page: number; pageCount: number }>();

  constructor(client: CareHqClient, onProgress?: (progress: PullProgress) => void) {
    this.#client = client;
    this.#onProgress = onProgress;
    for (const resource of RESOURCES) this.#records.set(resource, new Map());
  }

  /** Whether a record of `resource` with this id has been collected. */
  has(resource: ResourceName, id: string): boolean {
    return this.#records.get(resource)?.has(id) ?? false;
  }

  /** The collected records of one resource, in `_id` order. */
  records(resource: ResourceName): CareHqRecord[] {
    return [...(this.#records.get(resource)?.values() ?? [])].sort(byId);
  }

  /**
   * Fetches every record of `resource` (with `filter`: matching any of `values`, asked for
   * {@link IDS_PER_REQUEST} at a time; no values, no request), keeps those `keep` accepts,
   * and resolves to them.
   *
   * @example await collector.list('care-funds', 'filters-service_user', residentIds)
   */
  async list(
    resource: ResourceName,
    filter?: FilterName,
    values: readonly string[] = [],
    keep: (record: CareHqRecord) => boolean = () => true,
  ): Promise<CareHqRecord[]> {
    const unique = [...new Set(values)].sort();
    const batches: Array<Record<string, readonly string[]>> =
      filter === undefined
        ? [{}]
        : Array.from({ length: Math.ceil(unique.length / IDS_PER_REQUEST) }, (_, i) => ({
            [filter]: unique.slice(i * IDS_PER_REQUEST, (i + 1) * IDS_PER_REQUEST),
          }));
    const kept: CareHqRecord[] = [];
    for (const batch of batches) {
      const base = this.#expected.get(resource) ?? 0;
      const records = await this.#client.listAll(
        resource,
        { attributes: RESOURCE_ATTRIBUTES[resource], ...batch },
        (page) => {
          this.#received.set(resource, (this.#received.get(resource) ?? 0) + page.items.length);
          this.#last.set(resource, { page: page.page, pageCount: page.pageCount });
          this.#onProgress?.({
            resource,
            received: this.#received.get(resource) ?? 0,
            total: base + page.itemCount,
            page: page.page,
            pageCount: page.pageCount,
            done: false,
          });
          if (page.page === 1) this.#expected.set(resource, base + page.itemCount);
        },
      );
      const store = this.#records.get(resource) as Map<string, CareHqRecord>;
      for (const record of records.filter(keep)) {
        store.set(record._id, record);
        kept.push(record);
      }
    }
    return kept;
  }

  /** Tells each resource done, in `RESOURCES` order, and returns the dataset. */
  finish(): PulledDataset {
    const out = {} as Record<ResourceName, CareHqRecord[]>;
    for (const resource of RESOURCES) {
      out[resource] = this.records(resource);
      const last = this.#last.get(resource) ?? { page: 0, pageCount: 0 };
      this.#onProgress?.({
        resource,
        received: out[resource].length,
        total: this.#expected.get(resource) ?? 0,
        ...last,
        done: true,
      });
    }
    return out;
  }
}
