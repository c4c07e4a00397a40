/**
 * SPEC §10 as properties: for random datasets, random back-dated edits and a random chain
 * of issued months, the books converge; nothing changed means no adjustment; the order of
 * the input does not matter; the identity fees = invoiced − adjustments + unbilled +
 * unallocated holds on every run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetArb } from '../../test/arbitraries.js';
import { contract, loaded } from '../../test/builders.js';
import type { Day } from '../calendar/day.js';
import { monthPeriod } from '../calendar/range.js';
import { findParty } from '../charges/parties.js';
import type {
  BillingContract,
  BillingParty,
  Booking,
  Dataset,
  PayerRef,
} from '../dataset/model.js';
import { issuedFromPreview } from './issued.js';
import { buildPreview } from './preview.js';
import type { IssuedPreview, Preview } from './types.js';

/** September 2024 onwards: the months the generated stays fall in. */
const MONTHS = [9, 10, 11, 12].map((month) => monthPeriod(2024, month));

/** One back-dated change to the data, its targets picked by index modulo what exists. */
type Edit =
  | { kind: 'rate'; index: number; ratePence: number }
  | { kind: 'end'; index: number; days: number }
  | { kind: 'fee'; index: number; feePence: number }
  | { kind: 'payer'; index: number; payer: number }
  | { kind: 'billing'; index: number }
  | { kind: 'cancel'; index: number }
  | { kind: 'add'; index: number; feePence: number; start: number; payer: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('rate' as const),
    index: fc.nat(),
    ratePence: fc.integer({ min: 0, max: 300_000 }),
  }),
  fc.record({ kind: fc.constant('end' as const), index: fc.nat(), days: fc.nat({ max: 60 }) }),
  fc.record({
    kind: fc.constant('fee' as const),
    index: fc.nat(),
    feePence: fc.integer({ min: 0, max: 150_000 }),
  }),
  fc.record({ kind: fc.constant('payer' as const), index: fc.nat(), payer: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant('billing' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('cancel' as const), index: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    index: fc.nat(),
    feePence: fc.integer({ min: 0, max: 150_000 }),
    start: fc.integer({ min: -60, max: 120 }),
    payer: fc.nat({ max: 3 }),
  }),
);

function payerOf(n: number, serviceUser: string): PayerRef {
  switch (n % 4) {
    case 0:
      return { kind: 'location_contact', id: 'la' };
    case 1:
      return { kind: 'location_contact', id: 'nhs' };
    case 2:
      return { kind: 'service_user_contact', id: `${serviceUser}-fam` };
    default:
      return { kind: 'service_user', id: serviceUser };
  }
}

/** The dataset with one edit made; every edit keeps it valid (stays never overlap). */
function applyEdit(data: Dataset, edit: Edit): Dataset {
  const bookings = [...data.bookings];
  const contracts = [...data.contracts];
  const pick = <T>(list: T[]) => (list.length === 0 ? -1 : edit.index % list.length);
  switch (edit.kind) {
    case 'rate': {
      const i = pick(bookings);
      if (i >= 0) bookings[i] = { ...(bookings[i] as Booking), ratePence: edit.ratePence };
      return { ...data, bookings };
    }
    case 'end': {
      // A discharge recorded late: the stay ends earlier than it did (never later, which
      // could run into the resident's next stay).
      const i = pick(bookings);
      const b = bookings[i] as Booking | undefined;
      if (b === undefined) return data;
      const end = (b.startDate + edit.days) as Day;
      if (b.endDate === null || end < b.endDate) bookings[i] = { ...b, endDate: end };
      return { ...data, bookings };
    }
    case 'fee': {
      const i = pick(contracts);
      const c = contracts[i] as BillingContract | undefined;
      if (c !== undefined && c.feeContributionPence !== null)
        contracts[i] = { ...c, feeContributionPence: edit.feePence };
      return { ...data, contracts };
    }
    case 'payer': {
      const i = pick(contracts);
      const c = contracts[i] as BillingContract | undefined;
      if (c !== undefined && c.serviceUser !== null)
        contracts[i] = { ...c, payer: payerOf(edit.payer, c.serviceUser) };
      return { ...data, contracts };
    }
    case 'cancel': {
      const i = pick(contracts);
      const c = contracts[i] as BillingContract | undefined;
      if (c !== undefined) contracts[i] = { ...c, cancelled: true };
      return { ...data, contracts };
    }
    case 'add': {
      const residents = [...data.serviceUsers.keys()];
      const su = residents[edit.index % residents.length] as string;
      contracts.push(
        contract({
          id: `${su}-added${contracts.length}`,
          serviceUser: su,
          startDate: (MONTHS[0]!.from + edit.start) as Day,
          feeContributionPence: edit.feePence,
          feeContributionUnit: 'week',
          payer: payerOf(edit.payer, su),
        }),
      );
      return { ...data, contracts };
    }
    case 'billing': {
      const parties: BillingParty[] = [
        ...data.serviceUsers.values(),
        ...data.serviceUserContacts.values(),
        ...data.locationContacts.values(),
      ];
      const party = parties[edit.index % parties.length] as BillingParty;
      const toggled = { ...party, billingEnabled: !party.billingEnabled };
      const swap = <T extends BillingParty>(map: ReadonlyMap<string, T>) =>
        map.has(party.id) && party.kind === [...map.values()][0]?.kind
          ? new Map([...map].map(([id, p]) => [id, id === party.id ? (toggled as T) : p]))
          : map;
      return {
        ...data,
        serviceUsers: swap(data.serviceUsers),
        serviceUserContacts: swap(data.serviceUserContacts),
        locationContacts: swap(data.locationContacts),
      };
    }
  }
}

type Key = string;
const keyOf = (payer: PayerRef, booking: string, contract: string | null, basis: string): Key =>
  `${payer.kind}|${payer.id}|${booking}|${contract ?? ''}|${basis}`;

function add(map: Map<Key, number>, key: Key, pence: number) {
  map.set(key, (map.get(key) ?? 0) + pence);
}

function assertIdentity(preview: Preview) {
  const t = preview.totals;
  expect(t.feesPence).toBe(
    t.invoicedPence - t.adjustmentsPence + t.unbilledPence + t.unallocatedPence,
  );
  for (const invoice of preview.invoices) {
    expect(invoice.kind).toBe(invoice.totalPence < 0 ? 'credit_note' : 'invoice');
    expect(invoice.totalPence).toBe(invoice.lines.reduce((s, l) => s + l.amountPence, 0));
    for (const line of invoice.lines) {
      if (line.adjusts !== null) expect(line.amountPence).toBe(line.nowPence! - line.wasPence!);
    }
  }
}

/** Issues `months` previews in turn, the data edited before each after the first. */
function issueChain(base: Dataset, edits: readonly (readonly Edit[])[], months: number) {
  let data = base;
  const issued: IssuedPreview[] = [];
  let last: Preview | undefined;
  for (let m = 0; m < months; m++) {
    if (m > 0) for (const edit of edits[m - 1] ?? []) data = applyEdit(data, edit);
    last = buildPreview(loaded(data), { period: MONTHS[m]!, invoiced: issued });
    assertIdentity(last);
    issued.push(issuedFromPreview(last));
  }
  return { data, issued, last: last as Preview };
}

describe('back-dated adjustments, as properties (SPEC §10)', () => {
  it('converge: after each preview is issued, every key of every issued period sums to what the final data bills it', () => {
    fc.assert(
      fc.property(
        datasetArb,
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.array(editArb, { maxLength: 3 }), { minLength: 3, maxLength: 3 }),
        (base, months, edits) => {
          const { data, issued, last } = issueChain(base, edits, months);
          const held = new Set(
            last.warnings.filter((w) => w.code === 'ADJUSTMENT_HELD').map((w) => w.id),
          );
          // Only a payer who cannot be invoiced now has adjustments left in unbilled.
          for (const entry of last.unbilled.filter((e) => e.adjusts !== null)) {
            const party = findParty(data, { kind: entry.payerKind, id: entry.payer });
            expect(party?.billingEnabled === true && !party.parked).toBe(false);
          }
          for (const period of MONTHS.slice(0, months - 1)) {
            // What the books say of the period: issued own lines + issued adjustments, and
            // what the last preview could not invoice (parked in unbilled, offered again).
            const books = new Map<Key, number>();
            for (const preview of issued) {
              for (const line of preview.lines) {
                const own = line.adjusts === null && preview.period.from === period.from;
                const adjusting = line.adjusts !== null && line.adjusts.from === period.from;
                if (own || adjusting)
                  add(
                    books,
                    keyOf(
                      { kind: line.payerKind, id: line.payer },
                      line.booking,
                      line.contract,
                      line.basis,
                    ),
                    line.amountPence,
                  );
              }
            }
            for (const entry of last.unbilled) {
              if (entry.adjusts?.from !== period.from) continue;
              add(
                books,
                keyOf(
                  { kind: entry.payerKind, id: entry.payer },
                  entry.booking,
                  entry.contract,
                  entry.contract === null ? 'default' : 'contract',
                ),
                entry.amountPence,
              );
            }
            const now = new Map<Key, number>();
            for (const invoice of buildPreview(loaded(data), { period }).invoices) {
              for (const line of invoice.lines) {
                add(
                  now,
                  keyOf(
                    { kind: invoice.payer.kind, id: invoice.payer.id },
                    line.booking,
                    line.contract,
                    line.basis,
                  ),
                  line.amountPence,
                );
              }
            }
            for (const key of new Set([...books.keys(), ...now.keys()])) {
              const booking = key.split('|')[2] as string;
              const resident = data.bookings.find((b) => b.id === booking)?.serviceUser;
              if (resident != null && held.has(resident)) continue;
              expect([key, books.get(key) ?? 0]).toEqual([key, now.get(key) ?? 0]);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('add no adjustment when nothing changed, and bill each month as without --invoiced', () => {
    fc.assert(
      fc.property(datasetArb, (data) => {
        const issued: IssuedPreview[] = [];
        for (const period of MONTHS) {
          const preview = buildPreview(loaded(data), { period, invoiced: issued });
          expect(preview).toEqual(buildPreview(loaded(data), { period }));
          expect(preview.totals.adjustmentsPence).toBe(0);
          expect(preview.unbilled.filter((e) => e.adjusts !== null)).toEqual([]);
          issued.push(issuedFromPreview(preview));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('give the same preview whatever the order of the records and of the issued previews', () => {
    fc.assert(
      fc.property(
        datasetArb,
        fc.array(editArb, { minLength: 1, maxLength: 4 }),
        fc.integer(),
        (base, edits, seed) => {
          const issued = [0, 1].map((m) =>
            issuedFromPreview(buildPreview(loaded(base), { period: MONTHS[m]! })),
          );
          const edited = edits.reduce(applyEdit, base);
          const period = MONTHS[2]!;
          const expected = buildPreview(loaded(edited), { period, invoiced: issued });
          const shuffled: Dataset = {
            ...edited,
            bookings: shuffle(edited.bookings, seed),
            contracts: shuffle(edited.contracts, seed + 1),
          };
          const reordered = shuffle(issued, seed + 2).map((p) => ({
            ...p,
            lines: shuffle(p.lines, seed + 3),
          }));
          expect(buildPreview(loaded(shuffled), { period, invoiced: reordered })).toEqual(expected);
          assertIdentity(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});

/** A deterministic shuffle (a small LCG), so a failing case replays. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed >>> 0;
  for (let i = result.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}
