import {
  buildPreview,
  type DatasetFiles,
  firstOfMonth,
  type LoadedDataset,
  lastOfMonth,
  loadDataset,
  type Preview,
  parseDay,
  projectRunway,
  RESOURCES,
} from '@carebill/core';
import { describe, expect, it } from 'vitest';
import { harnessPerTest } from '../test/harness.js';
import type { PulledDataset } from './collect.js';
import { IDS_PER_REQUEST, RecordCollector } from './collect.js';
import { pullDataset } from './pull.js';

const setup = harnessPerTest();

const ID = (n: string) => `6750a1c24f73a2ce00000${n}`;
const RECTORY = ID('101');
const MEADOW = ID('102');

function load(data: PulledDataset): LoadedDataset {
  const files: DatasetFiles = {};
  for (const resource of RESOURCES) files[resource] = JSON.stringify(data[resource]);
  return loadDataset(files);
}

/** The preview of a calendar month `YYYY-MM`. */
function preview(loaded: LoadedDataset, month: string): Preview {
  const [year, mm] = month.split('-').map(Number) as [number, number];
  return buildPreview(loaded, {
    period: { from: firstOfMonth(year, mm), to: lastOfMonth(year, mm) },
  });
}

/** A home's part of a preview: its invoices (numbers aside), and what its stays left unbilled or unallocated. */
function homePart(result: Preview, loaded: LoadedDataset, location: string) {
  const stays = new Set(
    loaded.dataset.bookings.filter((b) => b.location === location).map((b) => b.id),
  );
  return {
    invoices: result.invoices
      .filter((invoice) => invoice.location === location)
      .map(({ number: _number, ...invoice }) => invoice),
    unallocated: result.unallocated.filter((entry) => stays.has(entry.booking)),
    unbilled: result.unbilled.filter((entry) => stays.has(entry.booking)),
  };
}

describe('a one-home pull bills exactly as the whole group does for that home', () => {
  it('finds contracts without a location, councils registered elsewhere, contacts without a home', async () => {
    const harness = await setup();
    const group = load(await pullDataset({ client: harness.client }));
    const meadow = load(await pullDataset({ client: harness.client, location: MEADOW }));
    expect(group.parked).toEqual([]);
    expect(meadow.parked).toEqual([]);
    expect(meadow.errors).toEqual([]);

    const whole = homePart(preview(group, '2024-11'), group, MEADOW);
    const own = preview(meadow, '2024-11');
    // Edith's niece (her balance payer, contract 705 with location null) and Buckinghamshire
    // Council (706, location null; the council is registered at the other home only);
    // Walter (707, location null, paid from his savings). Worked by hand, SPEC §3.2–§3.3:
    // Edith's 131,000/week from 1 Jun: Cum(183 days) − Cum(153) = 3,424,714 − 2,863,286 =
    // 561,428; the council's 90,000/week: 2,352,857 − 1,967,143 = 385,714; the niece the
    // balance, 175,714. Walter's 135,000/week from 1 Sep: 1,755,000 − 1,176,429 = 578,571.
    expect(whole.invoices.map((i) => [i.payer.name, i.serviceUsers, i.totalPence])).toEqual([
      ['Buckinghamshire Council', [ID('305')], 385714],
      ['Jane Moss', [ID('305')], 175714],
      ['Walter Gibbs', [ID('306')], 578571],
    ]);
    // Harold's only billing contact has future billing disabled: no payer, in both.
    expect(whole.unallocated.map((u) => [u.serviceUser, u.reason, u.amountPence])).toEqual([
      [ID('304'), 'NO_PAYER', 608571],
    ]);
    // The one-home preview is exactly that: nothing more, nothing less, the same lines.
    expect(own.invoices.every((i) => i.location === MEADOW)).toBe(true);
    expect(homePart(own, meadow, MEADOW)).toEqual(whole);
    expect(own.unallocated).toEqual(whole.unallocated);
    expect(own.unbilled).toEqual(whole.unbilled);
    expect(own.totals.invoicedPence).toBe(
      whole.invoices.reduce((sum, invoice) => sum + invoice.totalPence, 0),
    );
  });

  it.each([
    ['Meadow View', MEADOW],
    ['Rectory Gardens', RECTORY],
  ])('%s: the same part, month by month, from before the move to after', async (_name, home) => {
    const harness = await setup();
    const group = load(await pullDataset({ client: harness.client }));
    const one = load(await pullDataset({ client: harness.client, location: home }));
    for (const month of ['2024-07', '2024-08', '2024-09', '2024-11', '2024-12']) {
      const whole = homePart(preview(group, month), group, home);
      const own = preview(one, month);
      expect(homePart(own, one, home), month).toEqual(whole);
      // The one thing from elsewhere: before Walter moved to Meadow View, Meadow View's
      // dataset holds his earlier stay (for his fund), so its preview shows that stay too.
      const elsewhere = own.invoices.filter((i) => i.location !== home);
      const before = home === MEADOW && month < '2024-09';
      expect(
        elsewhere.map((i) => [i.location, i.serviceUsers]),
        month,
      ).toEqual(before ? [[RECTORY, [ID('306')]]] : []);
    }
  });

  it('pulls a current resident’s earlier stay at another home, so their fund’s runway is whole', async () => {
    const harness = await setup();
    const groupData = await pullDataset({ client: harness.client });
    const meadowData = await pullDataset({ client: harness.client, location: MEADOW });
    // Walter moved from Rectory Gardens (stay 607, to 31 Aug 2024) to Meadow View; his
    // savings opened while he was at Rectory Gardens and paid for both stays.
    expect(meadowData.bookings.map((b) => [b._id, b['location']])).toEqual([
      [ID('604'), MEADOW],
      [ID('606'), MEADOW],
      [ID('607'), RECTORY],
      [ID('608'), MEADOW],
    ]);
    // …with the home and room that stay names, fetched by id.
    expect(meadowData.locations.map((l) => l._id)).toEqual([RECTORY, MEADOW]);
    expect(meadowData.rooms.map((r) => r['name'])).toEqual([
      'Room 2',
      'Willow 1',
      'Willow 2',
      'Willow 3',
    ]);

    const group = load(groupData);
    const meadow = load(meadowData);
    const asOf = parseDay('2024-11-15');
    if (asOf === undefined) throw new Error('date');
    const runwayOf = (loaded: LoadedDataset) => projectRunway(loaded, { asOf });
    const residents = [ID('304'), ID('305'), ID('306')];
    const pick = (loaded: LoadedDataset) => {
      const runway = runwayOf(loaded);
      return {
        residents: runway.serviceUsers.filter((r) => residents.includes(r.id)),
        funds: runway.funds.filter((f) => residents.includes(f.serviceUser)),
      };
    };
    const whole = pick(group);
    expect(whole.funds.map((f) => f.id)).toEqual([ID('803'), ID('804')]);
    expect(pick(meadow)).toEqual(whole);
    // Without the earlier stay, 16 months of fees (about £88,000) would be missing and
    // Walter's savings would still look untouched at the start of his stay here.
    const walter = whole.funds.find((f) => f.id === ID('804'));
    expect(walter?.balanceAsOfPence).toBeLessThan(6_000_000 - 1_600_000);
  });

  it('asks CareHQ for the residents by id, 50 to a request, and only once for each missing record', async () => {
    const harness = await setup();
    await pullDataset({ client: harness.client, location: MEADOW });
    const asked = harness.api.log.map((r) => {
      const filters = [...new Set(r.params.keys())].filter((k) => k.startsWith('filters-'));
      return `${r.resource} ${filters.map((f) => `${f}=${r.params.getAll(f).length}`).join(' ')}`.trim();
    });
    expect(asked).toEqual([
      'bookings filters-location=1',
      'service-users filters-location=1',
      'billing-contracts filters-service_user=3',
      'billing-contracts filters-location=1',
      'service-user-contacts filters-service_user=3',
      'care-funds filters-service_user=3',
      'bookings filters-service_user=3',
      'locations filters-ids=1',
      'rooms filters-location=1',
      'location-contacts filters-location=1',
      'care-fund-types',
      // Named by what came back, missing: Walter's earlier home and room, the council.
      'locations filters-ids=1',
      'rooms filters-ids=1',
      'location-contacts filters-ids=1',
    ]);
    expect(IDS_PER_REQUEST).toBe(50);
  });
});

describe('RecordCollector', () => {
  it('asks for a long id list 50 ids at a time and keeps each record once', async () => {
    const harness = await setup();
    const collector = new RecordCollector(harness.client);
    const real = harness.data['service-users']?.map((r) => r._id) ?? [];
    const ids = [...real, ...Array.from({ length: 116 }, (_, i) => `${i}`.padStart(24, 'f'))];
    expect(ids).toHaveLength(122);
    const first = await collector.list('service-users', 'filters-ids', ids);
    const again = await collector.list('service-users', 'filters-ids', [...real].reverse());
    expect(harness.api.log.map((r) => r.params.getAll('filters-ids').length)).toEqual([
      50, 50, 22, 6,
    ]);
    expect(first.map((r) => r._id).sort()).toEqual(real);
    expect(again).toHaveLength(6);
    expect(collector.records('service-users').map((r) => r._id)).toEqual(real);
    // No ids, no request.
    await collector.list('care-funds', 'filters-service_user', []);
    expect(harness.api.log).toHaveLength(4);
  });
});
