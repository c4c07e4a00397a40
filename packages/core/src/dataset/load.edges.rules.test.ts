/**
 * Loader rules pinned at their edges (issue #18, the dataset-load mutation module): which
 * id names a record, where a note on the text lands in a single page, a record written
 * with two such notes, a resource given as undefined, and a record without a resident
 * parked by the room it names.
 */
import { describe, expect, it } from 'vitest';
import { booking, codes, load } from '../../test/dataset-helpers.js';
import { MAX_ID_LENGTH } from './limits.js';
import { createDatasetLoader, loadDataset } from './load.js';

describe('an id names its record up to the length limit', () => {
  const missingStart = (id: string) =>
    load({ bookings: [booking({ _id: id, start_date: null })] }).parked.flatMap((e) =>
      e.problems.map((p) => [p.code, p.id]),
    );

  it('an id of exactly MAX_ID_LENGTH characters names the record itself', () => {
    const id = 'b'.repeat(MAX_ID_LENGTH);
    expect(missingStart(id)).toEqual([['MISSING_FIELD', id]]);
  });

  it('one character longer, the record is named by its position, #0', () => {
    const id = 'b'.repeat(MAX_ID_LENGTH + 1);
    expect(missingStart(id).map(([, named]) => named)).toEqual(['#0', '#0']);
  });
});

describe('what the text shows lands on its record in a single page too', () => {
  const page = (items: string) =>
    `{"item_count": 1, "items": [${items}], "page": 1, "page_count": 1, "per_page": 10}`;
  const b1 = JSON.stringify(booking({ _id: 'b1' }));

  it('a fraction in the one page’s record is that record’s BAD_MONEY', () => {
    const text = page(b1.replace('"rate":138554', '"rate":138554.0'));
    expect(codes(loadDataset({ bookings: text }))).toEqual([
      ['BAD_MONEY', 'bookings', 'b1', 'rate'],
    ]);
  });

  it('two notes in one record are both reported', () => {
    const text = page(
      b1.replace('"rate":138554', '"rate":138554.0').replace('{', '{"note": 1, "note": 2, '),
    );
    expect(
      codes(loadDataset({ bookings: text })).map(([code, , id, field]) => [code, id, field]),
    ).toEqual([
      ['DUPLICATE_KEY', 'b1', 'note'],
      ['BAD_MONEY', 'b1', 'rate'],
    ]);
  });
});

describe('a resource given as undefined is not given', () => {
  it('adding rooms as undefined loads as if rooms were never added', () => {
    const loader = createDatasetLoader();
    loader.add('bookings', []);
    loader.add('rooms', undefined);
    loader.add('rooms', [{ _id: 'r1', name: 'Rose' }]);
    const loaded = loader.finish();
    expect(loaded.errors).toEqual([]);
    expect([...loaded.dataset.rooms.keys()]).toEqual(['r1']);
  });
});

describe('a record without a resident, parked by what it names', () => {
  it('a block booking naming a broken room is parked and left out of the dataset', () => {
    const loaded = load({
      rooms: [{ _id: 'r1', name: ['Rose'] }],
      bookings: [
        booking({ _id: 'b1', service_user: null, booking_type: 'block_contract', room: 'r1' }),
      ],
    });
    expect(loaded.parked.map((e) => [e.serviceUser, e.problems.map((p) => p.id)])).toEqual([
      [null, ['r1']],
    ]);
    expect(loaded.dataset.bookings).toEqual([]);
  });
});

describe('a record whose service_user is blank belongs to no resident', () => {
  it('its errors are parked as an entry of its own, not under a resident ""', () => {
    const loaded = load({ bookings: [booking({ _id: 'b1', service_user: '' })] });
    expect(loaded.parked.map((e) => e.serviceUser)).toEqual([null]);
    expect([...loaded.parkedServiceUsers]).toEqual([]);
  });
});
