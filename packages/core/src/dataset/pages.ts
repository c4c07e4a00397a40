/**
 * File shapes (SPEC §2): a JSON array of records, one CareHQ list page
 * (`{item_count, items, page, page_count, per_page}`), or an array of such pages. Anything
 * else is a dataset error naming the file. Records come back in file order with their
 * position, so a record without `_id` can be named `#N`.
 */

import { MONEY_FIELDS, markNumberLiterals } from './literals.js';
import type { ResourceName } from './model.js';
import type { Problem } from './problems.js';

/** A record as read from a file: its own properties only are ever looked at. */
export type RawRecord = Readonly<Record<string, unknown>>;

export interface FileRecord {
  /** Position in the file, counting the items of every page in turn (from 0). */
  readonly index: number;
  readonly raw: RawRecord;
}

export interface ParsedFile {
  /** Null when the file is not usable (not JSON, or not one of the shapes). */
  readonly records: readonly FileRecord[] | null;
  readonly errors: readonly Problem[];
}

const PAGE_KEYS = ['item_count', 'items', 'page', 'page_count', 'per_page'] as const;

/** Whether a value is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPage(value: unknown): value is RawRecord {
  return (
    isJsonObject(value) &&
    Array.isArray(Object.hasOwn(value, 'items') ? value['items'] : undefined) &&
    PAGE_KEYS.every((key) => Object.hasOwn(value, key))
  );
}

function fileError(
  resource: ResourceName,
  code: 'NOT_JSON' | 'BAD_SHAPE',
  id: string,
  value: string,
  message: string,
): Problem {
  return { severity: 'dataset', code, resource, id, field: '', value, message };
}

/**
 * Parses one resource file into its records, or dataset errors naming the file.
 *
 * @example parseResourceFile('rooms', '[{"_id": "r1", "name": "Rose"}]').records?.length === 1
 */
export function parseResourceFile(resource: ResourceName, text: string): ParsedFile {
  const file = `${resource}.json`;
  let data: unknown;
  try {
    // A UTF-8 byte order mark (as some editors and Windows tools write) is not content.
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    data = JSON.parse(markNumberLiterals(body, MONEY_FIELDS));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      records: null,
      errors: [
        fileError(
          resource,
          'NOT_JSON',
          '',
          JSON.stringify(text.slice(0, 40)),
          `${file} is not valid JSON (${reason.slice(0, 120)}); export it again from CareHQ or fix the syntax`,
        ),
      ],
    };
  }
  return readResourceValue(resource, data);
}

/**
 * The records of one resource from its parsed value: an array of records, one CareHQ list
 * page or an array of pages. `source` names where the value came from in messages (the
 * file, or the resource's parsed records). Anything else is a BAD_SHAPE dataset error.
 *
 * @example readResourceValue('rooms', [{ _id: 'r1', name: 'Rose' }], 'the rooms records').records?.length === 1
 */
export function readResourceValue(
  resource: ResourceName,
  data: unknown,
  source = `${resource}.json`,
): ParsedFile {
  const file = source;
  if (isPage(data)) return readRecords(resource, [data], undefined, file);
  if (!Array.isArray(data)) {
    return {
      records: null,
      errors: [
        fileError(
          resource,
          'BAD_SHAPE',
          '',
          describeType(data),
          `${file} must hold a JSON array of records, one CareHQ list page ({"item_count", "items", "page", "page_count", "per_page"}) or an array of such pages; found ${describeType(data)}`,
        ),
      ],
    };
  }
  const pageCount = data.filter(isPage).length;
  if (pageCount === 0) return readRecords(resource, null, data, file);
  if (pageCount === data.length) return readRecords(resource, data as RawRecord[], undefined, file);
  const firstOther = data.findIndex((item) => !isPage(item));
  return {
    records: null,
    errors: [
      fileError(
        resource,
        'BAD_SHAPE',
        `#${firstOther}`,
        describeType(data[firstOther]),
        `${file} mixes CareHQ list pages with other values (item #${firstOther} is not a page); keep either all pages or all records`,
      ),
    ],
  };
}

function readRecords(
  resource: ResourceName,
  pages: readonly RawRecord[] | null,
  plain: readonly unknown[] | undefined,
  file: string,
): ParsedFile {
  const items: unknown[] = [];
  if (pages) {
    for (const page of pages) {
      for (const item of page['items'] as unknown[]) items.push(item);
    }
  } else if (plain) {
    for (const item of plain) items.push(item);
  }
  const records: FileRecord[] = [];
  const errors: Problem[] = [];
  items.forEach((item, index) => {
    if (isJsonObject(item)) records.push({ index, raw: item });
    else
      errors.push(
        fileError(
          resource,
          'BAD_SHAPE',
          `#${index}`,
          describeType(item),
          `record #${index} of ${file} must be a JSON object with an "_id"; found ${describeType(item)}`,
        ),
      );
  });
  return { records, errors };
}

/** A short name for the type of a JSON value, for messages. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}
