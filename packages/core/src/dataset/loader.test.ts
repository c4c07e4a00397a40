/**
 * createDatasetLoader, a resource at a time, gives loadDataset's result for the same
 * resources, whatever the order they are added in: the fixtures, and the demo damaged every
 * way a load reports (missing files, dangling references, duplicate ids, bad JSON, bad
 * shapes, unknown keys).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDatasetLoader, DATASET_LOAD_ORDER, loadDataset } from './load.js';
import type { DatasetInput, LoadedDataset, ResourceInput } from './load-types.js';
import { RESOURCES, type ResourceName } from './model.js';

const FIXTURES = join(import.meta.dirname, '../../../../fixtures');

/** The text of each resource file in a fixture folder. */
function readFixture(folder: string): Partial<Record<ResourceName, string>> {
  const files: Partial<Record<ResourceName, string>> = {};
  for (const resource of RESOURCES) {
    const name = `${resource}.json`;
    if (readdirSync(join(FIXTURES, folder)).includes(name))
      files[resource] = readFileSync(join(FIXTURES, folder, name), 'utf8');
  }
  return files;
}

function parseOrText(text: string): ResourceInput {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Everything a load gives back, Maps and Sets as entry lists, so order would show too. */
function snapshot(loaded: LoadedDataset): string {
  return JSON.stringify(loaded, (_key, value) =>
    value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value] : value,
  );
}

function expectSameLoad(actual: LoadedDataset, expected: LoadedDataset): void {
  expect(actual).toStrictEqual(expected);
  expect(snapshot(actual)).toBe(snapshot(expected));
}

/** Loads `entries` one at a time, in the order given. */
function loadEach(entries: readonly (readonly [string, ResourceInput | undefined])[]) {
  const loader = createDatasetLoader();
  for (const [resource, input] of entries) loader.add(resource as ResourceName, input);
  return loader.finish();
}

const ORDERS: Record<string, readonly ResourceName[]> = {
  DATASET_LOAD_ORDER: DATASET_LOAD_ORDER,
  RESOURCES,
  'DATASET_LOAD_ORDER reversed': [...DATASET_LOAD_ORDER].reverse(),
};

describe('createDatasetLoader', () => {
  const folders = [
    'demo',
    'demo-as-issued-2024-10',
    'golden/linked-contracts',
    'bad-dataset',
    'bad-input',
  ];
  for (const folder of folders) {
    for (const [name, order] of Object.entries(ORDERS)) {
      it(`fixtures/${folder}, in ${name}: loadDataset's result, problems included`, () => {
        const files = readFixture(folder);
        const expected = loadDataset(files);
        const given = order.filter((r) => files[r] !== undefined);
        expectSameLoad(loadEach(given.map((r) => [r, files[r]])), expected);
        // Parsed where it parses (a bad fixture holds a file that is not JSON).
        const parsed = given.map((r) => [r, parseOrText(files[r] as string)] as const);
        expectSameLoad(loadEach(parsed), loadDataset(Object.fromEntries(parsed)));
      });
    }
  }

  it('the fixtures exercise what the comparison must catch', () => {
    const bad = loadDataset(readFixture('bad-input'));
    expect(bad.errors.length + bad.parked.length).toBeGreaterThan(0);
    expect(loadDataset(readFixture('demo')).dataset.bookings.length).toBeGreaterThan(0);
  });

  it('orders DATASET_LOAD_ORDER as every resource once', () => {
    expect([...DATASET_LOAD_ORDER].sort()).toEqual([...RESOURCES].sort());
  });

  it('maps a resource when it is added once what it refers to is in, not before', () => {
    const reads: string[] = [];
    // A getter on a field only the mapper reads tells when the record is mapped.
    const booking = (id: string) =>
      Object.defineProperty({ _id: id, service_user: null, start_date: '2024-11-01' }, 'rate', {
        enumerable: true,
        get: () => {
          reads.push(id);
          return 138554;
        },
      });
    const early = createDatasetLoader();
    for (const resource of ['service-users', 'locations', 'rooms'] as const)
      early.add(resource, []);
    early.add('bookings', [booking('b1')]);
    expect(reads).toEqual(['b1']);

    const waiting = createDatasetLoader();
    waiting.add('service-users', []);
    waiting.add('bookings', [booking('b2')]); // rooms and locations may still come
    expect(reads).toEqual(['b1']);
    waiting.add('locations', []);
    waiting.add('rooms', [{ _id: 'r1' }]);
    expect(reads).toEqual(['b1', 'b2']);
    waiting.finish();
    expect(reads).toEqual(['b1', 'b2']);

    const never = createDatasetLoader();
    never.add('bookings', [booking('b3')]);
    expect(reads).toEqual(['b1', 'b2']);
    never.finish(); // what never came counts as not supplied
    expect(reads).toEqual(['b1', 'b2', 'b3']);
  });

  it('checks a reference against a file added after the record naming it', () => {
    const loader = createDatasetLoader();
    loader.add('bookings', [
      { _id: 'b1', service_user: null, room: 'r9', start_date: '2024-11-01', rate: 1 },
    ]);
    loader.add('rooms', [{ _id: 'r1' }]);
    const loaded = loader.finish();
    const problems = loaded.parked.flatMap((p) => p.problems);
    expect(problems.filter((p) => p.code === 'UNKNOWN_REFERENCE').map((p) => p.field)).toEqual([
      'room',
    ]);
  });

  it('reports the input keys as loadDataset does: unknown, missing bookings, not given', () => {
    const loader = createDatasetLoader();
    loader.add('bookngs' as ResourceName, '[]');
    loader.add('bookings', undefined);
    loader.add('rooms', undefined);
    const loaded = loader.finish();
    expectSameLoad(
      loaded,
      loadDataset({
        bookngs: '[]',
        bookings: undefined,
        rooms: undefined,
      } as unknown as DatasetInput),
    );
    expect(loaded.errors.map((p) => [p.code, p.field])).toEqual([
      ['UNKNOWN_RESOURCE', 'bookngs'],
      ['MISSING_RESOURCE', ''],
    ]);
  });

  it('reports a resource given twice, reading only the first', () => {
    const loader = createDatasetLoader();
    loader.add('bookings', '[]');
    loader.add('rooms', '[{"_id": "r1"}]');
    loader.add('rooms', 'not JSON, never read');
    const loaded = loader.finish();
    expect(loaded.errors).toEqual([
      {
        severity: 'dataset',
        code: 'BAD_SHAPE',
        resource: 'rooms',
        id: '',
        field: '',
        value: '(given twice)',
        message:
          'the rooms input was given twice; give each resource once (the second was not read)',
      },
    ]);
    expect([...loaded.dataset.rooms.keys()]).toEqual(['r1']);
    // undefined is a resource not given, so a value after it is no repeat
    const later = createDatasetLoader();
    later.add('bookings', undefined);
    later.add('bookings', '[]');
    expect(later.finish().errors).toEqual([]);
  });

  it('is used once: adding or finishing again throws', () => {
    const loader = createDatasetLoader();
    loader.add('bookings', '[]');
    expect(loader.finish().errors).toEqual([]);
    expect(() => loader.add('rooms', '[]')).toThrow(/has finished/);
    expect(() => loader.finish()).toThrow(/has finished/);
  });
});

// ---------------------------------------------------------------------------------------
// Property: the demo, damaged, in any order, as text or parsed: loadDataset's result.

const DEMO: Record<ResourceName, readonly Record<string, unknown>[]> = Object.fromEntries(
  Object.entries(readFixture('demo')).map(([resource, text]) => {
    const value = JSON.parse(text);
    return [resource, Array.isArray(value) ? value : value.items];
  }),
) as Record<ResourceName, readonly Record<string, unknown>[]>;
const REFERENCE_FIELDS = [
  'service_user',
  'location',
  'room',
  'location_contact',
  'service_user_contact',
  'care_fund',
  'care_fund_type',
];

/** One resource's entry: left out, text, parsed, or unreadable; some records dropped or damaged. */
const resourceArb = (resource: ResourceName) => {
  const records = DEMO[resource];
  return fc.record({
    form: fc.constantFrom('absent', 'text', 'text', 'parsed', 'parsed', 'not JSON', 'bad shape'),
    keep: fc.subarray([...records.keys()]),
    duplicate: fc.option(fc.nat({ max: Math.max(0, records.length - 1) }), { nil: undefined }),
    ghost: fc.option(fc.tuple(fc.nat(), fc.constantFrom(...REFERENCE_FIELDS)), { nil: undefined }),
  });
};

const caseArb = fc.record({
  resources: fc.record(
    Object.fromEntries(RESOURCES.map((r) => [r, resourceArb(r)])) as {
      [R in ResourceName]: ReturnType<typeof resourceArb>;
    },
  ),
  order: fc.shuffledSubarray([...RESOURCES], { minLength: RESOURCES.length }),
  unknownKey: fc.option(fc.constantFrom('bookngs', 'service_users', '__proto__', 'toString'), {
    nil: undefined,
  }),
});

describe('createDatasetLoader properties', () => {
  it('gives loadDataset’s result for any damaged dataset, added in any order', () => {
    fc.assert(
      fc.property(caseArb, ({ resources, order, unknownKey }) => {
        const input: Record<string, ResourceInput> = {};
        for (const resource of order) {
          const damage = resources[resource];
          if (damage.form === 'absent') continue;
          const kept = damage.keep.map(
            (i) => ({ ...DEMO[resource][i] }) as Record<string, unknown>,
          );
          if (damage.duplicate !== undefined && DEMO[resource].length > 0)
            kept.push({ ...DEMO[resource][damage.duplicate] });
          if (damage.ghost !== undefined && kept.length > 0) {
            const [at, field] = damage.ghost;
            (kept[at % kept.length] as Record<string, unknown>)[field] = 'ghost';
          }
          input[resource] =
            damage.form === 'text'
              ? JSON.stringify(kept)
              : damage.form === 'parsed'
                ? kept
                : damage.form === 'not JSON'
                  ? `${JSON.stringify(kept).slice(0, 20)}{`
                  : ({ items: kept } as unknown as ResourceInput);
        }
        const entries: [string, ResourceInput | undefined][] = order.map((r) => [r, input[r]]);
        if (unknownKey !== undefined) {
          Object.defineProperty(input, unknownKey, { value: '[]', enumerable: true });
          entries.splice(entries.length >> 1, 0, [unknownKey, '[]']);
        }
        expectSameLoad(loadEach(entries), loadDataset(input as DatasetInput));
      }),
      { numRuns: 150 },
    );
  });
});
