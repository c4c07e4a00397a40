/**
 * File shapes (SPEC §2): a JSON array of records, one CareHQ list page
 * (`{item_count, items, page, page_count, per_page}`), or an array of such pages. Anything
 * else is a dataset error naming the file. Records come back in file order with their
 * position, so a record without `_id` can be named `#N`, and with what the text shows but
 * the parsed value hides (number literals with a fraction or exponent, keys given twice),
 * so the record's reader can report them by field.
 */

import { type JsonPath, type JsonScan, scanJson } from './json-scan.js';
import type { ResourceName } from './model.js';
import type { Problem } from './problems.js';
import { shortenValue } from './problems.js';

/** A record as read from a file: its own properties only are ever looked at. */
export type RawRecord = Readonly<Record<string, unknown>>;

/** How a record was written, where that differs from its parsed value. */
export interface SourceNotes {
  /** Number literals written with a fraction or exponent, by dotted field name. */
  readonly literals: ReadonlyMap<string, string>;
  /** Dotted names of keys given more than once in one object. */
  readonly duplicateKeys: readonly string[];
}

/** A record written plainly (almost all of them). */
export const PLAIN_SOURCE: SourceNotes = { literals: new Map(), duplicateKeys: [] };

export interface FileRecord {
  /** Position in the file, counting the items of every page in turn (from 0). */
  readonly index: number;
  readonly raw: RawRecord;
  readonly source: SourceNotes;
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
  if (!isJsonObject(value)) return false;
  // A loop, not every(): this runs on each record of a file, and a closure each adds up.
  for (const key of PAGE_KEYS) if (!Object.hasOwn(value, key)) return false;
  return Array.isArray(value['items']);
}

function fileError(
  resource: ResourceName,
  code: 'NOT_JSON' | 'BAD_SHAPE' | 'DUPLICATE_KEY',
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
  // A UTF-8 byte order mark (as some editors and Windows tools write) is not content.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    data = JSON.parse(body);
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
          // Stryker disable next-line MethodExpression: a guard; V8's JSON.parse messages are short (a snippet of ~10 characters, or a position with line and column), under 120
          `${file} is not valid JSON (${reason.slice(0, 120)}); export it again from CareHQ or fix the syntax`,
        ),
      ],
    };
  }

  return readResourceValue(resource, data, file, () => scanJson(body));
}

/** What a value parsed in code shows of how it was written: nothing. */
const NOTHING_SCANNED: JsonScan = { literals: [], duplicateKeys: [] };

/**
 * The records of one resource from its parsed value: an array of records, one CareHQ list
 * page or an array of pages. `source` names where the value came from in messages (the
 * file, or the resource's parsed records); `scan` tells what its text showed (none for a
 * value parsed in code). Anything else is a BAD_SHAPE dataset error.
 *
 * @example readResourceValue('rooms', [{ _id: 'r1', name: 'Rose' }], 'the rooms input').records?.length === 1
 */
export function readResourceValue(
  resource: ResourceName,
  data: unknown,
  source: string,
  scan: () => JsonScan = () => NOTHING_SCANNED,
): ParsedFile {
  const file = source;
  if (isPage(data)) return readRecords(resource, { page: data }, scan, file);
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
  let pageCount = 0;
  for (const item of data) if (isPage(item)) pageCount++;
  if (pageCount === 0) return readRecords(resource, { records: data }, scan, file);
  if (pageCount === data.length)
    return readRecords(resource, { pages: data as RawRecord[] }, scan, file);
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

/** The three shapes of a usable file. */
type Shape =
  | { readonly records: readonly unknown[] }
  | { readonly page: RawRecord }
  | { readonly pages: readonly RawRecord[] };

function readRecords(
  resource: ResourceName,
  shape: Shape,
  scan: () => JsonScan,
  file: string,
): ParsedFile {
  let items: readonly unknown[];
  // Where each page's items start among all items, by the page's position in the file.
  const pageStarts: number[] = [];
  if ('records' in shape) items = shape.records;
  else {
    const all: unknown[] = [];
    for (const page of 'page' in shape ? [shape.page] : shape.pages) {
      pageStarts.push(all.length);
      for (const item of page['items'] as unknown[]) all.push(item);
    }
    items = all;
  }
  /** The record a path points into, and the dotted field within it; null above records. */
  const locate = (path: JsonPath): { index: number; field: string } | null => {
    const skip = 'records' in shape ? 0 : 'page' in shape ? 1 : 2;
    // In an array of pages every path starts with its page's index.
    const page = 'pages' in shape ? (path[0] as number) : 0;
    const position = path[skip];
    if (typeof position !== 'number') return null;
    if (skip > 0 && path[skip - 1] !== 'items') return null;
    return { index: (pageStarts[page] ?? 0) + position, field: path.slice(skip + 1).join('.') };
  };

  const errors: Problem[] = [];
  const sources = new Map<number, { literals: Map<string, string>; duplicateKeys: string[] }>();
  const sourceOf = (index: number) => {
    let source = sources.get(index);
    if (source === undefined) {
      source = { literals: new Map(), duplicateKeys: [] };
      sources.set(index, source);
    }
    return source;
  };
  const { literals, duplicateKeys } = scan();
  for (const { path, text } of literals) {
    const at = locate(path);
    if (at !== null) sourceOf(at.index).literals.set(at.field, text);
  }
  for (const path of duplicateKeys) {
    const at = locate(path);
    if (at !== null) sourceOf(at.index).duplicateKeys.push(at.field);
    else {
      const where = path.join('.');
      errors.push(
        fileError(
          resource,
          'DUPLICATE_KEY',
          '',
          shortenValue(where),
          `${resource}.json gives the key ${shortenValue(String(path[path.length - 1]))} twice in one object (at ${shortenValue(where)}), so one of the values would be lost; keep one`,
        ),
      );
    }
  }

  const records: FileRecord[] = [];
  items.forEach((item, index) => {
    if (isJsonObject(item))
      records.push({ index, raw: item, source: sources.get(index) ?? PLAIN_SOURCE });
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
