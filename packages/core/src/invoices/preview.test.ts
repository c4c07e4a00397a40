import { describe, expect, it } from 'vitest';
import {
  booking,
  contract,
  d,
  dataset,
  loaded,
  location,
  locationContact,
  serviceUser,
  serviceUserContact,
} from '../../test/builders.js';
import { formatDay } from '../calendar/day.js';
import { buildPreview } from './preview.js';

const NOV = { period: { from: d('2024-11-01'), to: d('2024-11-30') } };
const address = {
  address1: 'The Old Rectory',
  address2: 'Rectory Rd',
  town: 'Great Haseley',
  county: 'Oxfordshire',
  postcode: 'OX44 7JG',
  country: '',
};

function home() {
  return dataset({
    locations: [
      location('loc1', {
        paymentInstructionsByMethod: { direct_debit: 'We will collect this by direct debit.' },
      }),
      location('loc2', { name: 'Mill House' }),
    ],
    serviceUsers: [
      serviceUser('su1', { firstName: 'Zoe', lastName: 'Adams', nhsNumber: '485 777 3456' }),
      serviceUser('su2', { firstName: 'Alan', lastName: 'Brown' }),
      serviceUser('su3', {
        firstName: 'Cara',
        lastName: 'Doyle',
        billingEnabled: true,
        paymentMethod: 'direct_debit',
        commsPreference: ['email'],
        email: 'cara@example.org',
      }),
      serviceUser('su4', { firstName: 'Dan', lastName: 'Evans' }),
    ],
    serviceUserContacts: [
      serviceUserContact('fam2', {
        serviceUser: 'su2',
        firstName: 'Bea',
        lastName: 'Brown',
        postalAddress: address,
        idFields: ['nhs_number', 'initials'],
        largePrint: true,
        commsPreference: ['post'],
      }),
    ],
    locationContacts: [
      locationContact('occ', {
        companyName: 'Oxfordshire County Council',
        consolidateInvoices: true,
        postalAddress: address,
      }),
      locationContact('nhs', { companyName: 'NHS Oxfordshire ICB', commsPreference: ['email'] }),
    ],
    bookings: [
      booking({ id: 'b1', serviceUser: 'su1', ratePence: 7000, ratePeriod: 'daily' }),
      booking({ id: 'b2', serviceUser: 'su2', ratePence: 7000, ratePeriod: 'daily' }),
      booking({ id: 'b3', serviceUser: 'su3', ratePence: 7000, ratePeriod: 'daily' }),
      booking({
        id: 'b4',
        serviceUser: 'su4',
        ratePence: 7000,
        ratePeriod: 'daily',
        location: 'loc2',
      }),
    ],
    contracts: [
      contract({ id: 'c1', serviceUser: 'su1', payer: { kind: 'location_contact', id: 'occ' } }),
      contract({
        id: 'c2',
        serviceUser: 'su2',
        payer: { kind: 'location_contact', id: 'occ' },
        feeContributionPence: 5000,
        feeContributionUnit: 'day',
      }),
      contract({
        id: 'c2f',
        serviceUser: 'su2',
        payer: { kind: 'service_user_contact', id: 'fam2' },
      }),
      contract({ id: 'c4', serviceUser: 'su4', payer: { kind: 'location_contact', id: 'occ' } }),
      contract({
        id: 'c4n',
        serviceUser: 'su4',
        payer: { kind: 'location_contact', id: 'nhs' },
        feeContributionPence: 0,
      }),
    ],
  });
}

describe('buildPreview (SPEC §4)', () => {
  // Billed in each test, not when the file loads (code run at load time makes "static"
  // mutants, which Stryker runs against every test of the module: docs/testing.md).
  const bill = () => buildPreview(loaded(home()), NOV);

  it('consolidates a location contact per location and splits everyone else per resident', () => {
    const preview = bill();
    expect(
      preview.invoices.map((i) => [
        i.number,
        i.payer.name,
        i.location,
        i.serviceUsers,
        i.totalPence,
      ]),
    ).toEqual([
      ['PREVIEW-202411-0001', 'Bea Brown', 'loc1', ['su2'], 60000],
      ['PREVIEW-202411-0002', 'Cara Doyle', 'loc1', ['su3'], 210000],
      ['PREVIEW-202411-0003', 'Oxfordshire County Council', 'loc1', ['su2', 'su1'], 360000],
      ['PREVIEW-202411-0004', 'Oxfordshire County Council', 'loc2', ['su4'], 210000],
    ]);
  });

  it('orders lines by resident name and names residents as the payer asked', () => {
    const preview = bill();
    const council = preview.invoices[2]!;
    expect(council.lines.map((l) => [l.label, l.contract, l.amountPence])).toEqual([
      ['Alan Brown', 'c2', 150000],
      ['Zoe Adams', 'c1', 210000],
    ]);
    expect(preview.invoices[0]!.lines[0]!.label).toBe('AB');
  });

  it('describes each line with its period, days and rate', () => {
    const preview = bill();
    expect(preview.invoices[1]!.lines[0]!.description).toBe(
      'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £70.00 per day',
    );
    expect(preview.invoices[2]!.lines[0]!.description).toBe(
      'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £50.00 per day',
    );
    expect(preview.invoices[2]!.lines[1]!.description).toBe(
      'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £70.00 per day',
    );
  });

  it('takes payment instructions for the payment method, dates and delivery from the payer', () => {
    const preview = bill();
    const cara = preview.invoices[1]!;
    expect(cara.paymentInstructions).toBe('We will collect this by direct debit.');
    expect(cara.warnings).toEqual(['DD_WITHOUT_MANDATE']);
    expect(cara.delivery).toEqual({ email: ['cara@example.org'], post: false, largePrint: false });
    expect(formatDay(cara.issueDate)).toBe('2024-11-01');
    expect(formatDay(cara.dueDate)).toBe('2024-11-15');
    expect(preview.invoices[0]!.delivery).toEqual({ email: [], post: true, largePrint: true });
    expect(preview.invoices[2]!.paymentInstructions).toBe(
      'Pay by bank transfer to 20-00-00 12345678.',
    );
    expect(preview.warnings.map((w) => [w.code, w.id])).toEqual([['DD_WITHOUT_MANDATE', 'su3']]);
  });

  it('drops invoices that total nothing and conserves every penny', () => {
    const preview = bill();
    expect(preview.invoices.some((i) => i.payer.id === 'nhs')).toBe(false);
    const { feesPence, invoicedPence, unbilledPence, unallocatedPence } = preview.totals;
    expect(feesPence).toBe(4 * 210000);
    expect(invoicedPence + unbilledPence + unallocatedPence).toBe(feesPence);
  });

  it('numbers the same way whatever order the records come in, with the prefix and month asked', () => {
    const preview = bill();
    const data = home();
    const reversed = {
      ...data,
      bookings: [...data.bookings].reverse(),
      contracts: [...data.contracts].reverse(),
    };
    const again = buildPreview(loaded(reversed), { ...NOV, prefix: 'INV' });
    expect(again.invoices.map((i) => i.number.replace('INV', 'PREVIEW'))).toEqual(
      preview.invoices.map((i) => i.number),
    );
    expect(again.invoices.map((i) => i.lines)).toEqual(preview.invoices.map((i) => i.lines));
  });
});
