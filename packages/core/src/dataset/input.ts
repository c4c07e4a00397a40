/**
 * The one shape in (SPEC §2): a dataset is an object with one entry per CareHQ resource,
 * each the JSON text of its file or the value that text parses to. Text goes through the
 * file parser (`pages.ts`, which also checks how money literals were written); a parsed
 * value goes straight to the same shape rules and then to the same value readers.
 */
import { didYouMean } from '../errors/did-you-mean.js';
import { RESOURCES, type ResourceName } from './model.js';
import {
  describeType,
  isJsonObject,
  type ParsedFile,
  parseResourceFile,
  readResourceValue,
} from './pages.js';
import { type Problem, shortenValue } from './problems.js';

const EXAMPLE = `{ bookings: text or records, 'service-users': …, … }`;

function datasetError(
  code: 'BAD_SHAPE' | 'MISSING_RESOURCE' | 'UNKNOWN_RESOURCE',
  resource: ResourceName | '',
  field: string,
  value: string,
  message: string,
): Problem {
  return { severity: 'dataset', code, resource, id: '', field, value, message };
}

/**
 * The dataset errors of the input object itself: not an object at all, a key that is not a
 * resource (with the resource it was probably meant to be), no `bookings`.
 *
 * @example checkInputKeys({ bookngs: '[]' }).map((p) => p.code) // ['UNKNOWN_RESOURCE', 'MISSING_RESOURCE']
 */
export function checkInputKeys(input: unknown): Problem[] {
  if (!isJsonObject(input)) {
    return [
      datasetError(
        'BAD_SHAPE',
        '',
        '',
        describeType(input),
        `the dataset must be an object with one entry per CareHQ resource, ${EXAMPLE}; found ${describeType(input)}`,
      ),
    ];
  }
  const problems: Problem[] = [];
  for (const key of Object.keys(input)) {
    if ((RESOURCES as readonly string[]).includes(key)) continue;
    problems.push(
      datasetError(
        'UNKNOWN_RESOURCE',
        '',
        key,
        shortenValue(key),
        `"${key}" is not a CareHQ resource carebill reads, so its records would be ignored.${didYouMean(key, RESOURCES)} The resources are ${RESOURCES.join(', ')}.`,
      ),
    );
  }
  if (!Object.hasOwn(input, 'bookings') || input['bookings'] === undefined) {
    problems.push(
      datasetError(
        'MISSING_RESOURCE',
        'bookings',
        '',
        '(missing)',
        'bookings are required (bookings.json in a dataset folder): without them nothing can be billed or projected; give an empty list [] for a dataset with no stays',
      ),
    );
  }
  return problems;
}

/**
 * One resource's records from its input: text is parsed as a file; an array or a page is
 * read as already parsed. Bytes are refused with how to decode them.
 *
 * @example readResourceInput('rooms', '[{"_id": "r1"}]').records?.length === 1
 * readResourceInput('rooms', [{ _id: 'r1' }]).records?.length === 1
 */
export function readResourceInput(resource: ResourceName, value: unknown): ParsedFile {
  if (typeof value === 'string') return parseResourceFile(resource, value);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    return {
      records: null,
      errors: [
        datasetError(
          'BAD_SHAPE',
          resource,
          '',
          'bytes',
          `the ${resource} input is bytes; give the text (readFile(path, 'utf8'), or new TextDecoder().decode(bytes)) or the parsed records`,
        ),
      ],
    };
  }
  return readResourceValue(resource, value, `the ${resource} input`);
}
