/**
 * Every text field, and what is checked of it (SPEC §2.1 warnings, docs/input.md "Limits"):
 * text that reaches invoices and exports is warned about when it starts like a spreadsheet
 * formula; instructions and descriptions take 2,000 characters, every other text 255.
 */
import { describe, expect, it } from 'vitest';
import { allProblems, contract, LOC, load, SU } from '../../test/dataset-helpers.js';
import type { ResourceName } from './model.js';

const BASE: Partial<Record<ResourceName, Record<string, unknown>>> = {
  'care-funds': {
    _id: 'f1',
    service_user: SU,
    opening_balance: 1,
    opening_balance_date: '2024-01-01',
  },
  'billing-contracts': contract(),
  'service-users': { _id: SU },
  'service-user-contacts': { _id: 'suc1', service_user: SU },
  'location-contacts': { _id: 'la1' },
  locations: { _id: LOC },
  rooms: { _id: 'r1' },
  'care-fund-types': { _id: 't1' },
};

/** [resource, field, reaches outputs, long text] */
const TEXT_FIELDS: [ResourceName, string, boolean, boolean][] = [
  ['care-funds', 'description', true, true],
  ['billing-contracts', 'contribution_type', false, false],
  ['billing-contracts', 'invoice_ref', true, false],
  ['billing-contracts', 'line_item_description', true, true],
  ...(['service-users', 'service-user-contacts', 'location-contacts'] as const).flatMap(
    (resource): [ResourceName, string, boolean, boolean][] => [
      [resource, 'title', true, false],
      [resource, 'first_name', true, false],
      [resource, 'last_name', true, false],
      [resource, 'account_code', true, false],
      [resource, 'email', false, false],
      [resource, 'phone', false, false],
      [resource, 'postal_address.address_1', true, false],
      [resource, 'postal_address.country', true, false],
    ],
  ),
  ['service-users', 'initials', true, false],
  ['service-users', 'nhs_number', true, false],
  ['service-users', 'patient_id', true, false],
  ['service-users', 'ref', true, false],
  ['service-user-contacts', 'relationship', false, false],
  ['location-contacts', 'company_name', true, false],
  ['locations', 'name', true, false],
  ['locations', 'company_name', true, false],
  ['locations', 'company_reg_no', true, false],
  ['locations', 'email', false, false],
  ['locations', 'phone', false, false],
  ['locations', 'invoice_payment_instructions', true, true],
  ['locations', 'invoice_payment_instructions_direct_debit', true, true],
  ['locations', 'invoice_address.postcode', true, false],
  ['rooms', 'name', true, false],
  ['care-fund-types', 'name', true, false],
];

function loadWith(resource: ResourceName, field: string, value: string) {
  const [outer, inner] = field.split('.');
  const record = { ...BASE[resource], [outer as string]: inner ? { [inner]: value } : value };
  return allProblems(load({ [resource]: [record] })).map((p) => [p.code, p.resource, p.field]);
}

describe('text fields', () => {
  it.each(TEXT_FIELDS)(
    '%s %s: formula starts warned about: %s; long: %s',
    (resource, field, output, long) => {
      expect(loadWith(resource, field, '=1+1')).toEqual(
        output ? [['FORMULA_TEXT', resource, field]] : [],
      );
      const max = long ? 2000 : 255;
      expect(loadWith(resource, field, 'x'.repeat(max))).toEqual([]);
      expect(loadWith(resource, field, 'x'.repeat(max + 1))).toEqual([
        ['TEXT_TOO_LONG', resource, field],
      ]);
    },
  );

  it('a resident’s company_name is not read (only a location contact is a company)', () => {
    expect(loadWith('service-users', 'company_name', '=1+1')).toEqual([]);
    expect(loadWith('service-user-contacts', 'company_name', 'x'.repeat(300))).toEqual([]);
  });
});
