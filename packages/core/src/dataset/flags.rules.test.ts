/**
 * SPEC §2 and §4: CareHQ sends a flag as true, false or null. Null (or a missing field) is
 * "not set" — never "yes": a null `has_direct_debit_mandate` is no mandate in place, so a
 * direct-debit payer is warned about (DD_WITHOUT_MANDATE); a null `billing_enabled` does not
 * bill; a null `billing_consolidate_invoices` does not consolidate.
 */
import { describe, expect, it } from 'vitest';
import { load, SU } from '../../test/dataset-helpers.js';

const FLAGS = [
  ['has_direct_debit_mandate', 'hasDirectDebitMandate'],
  ['billing_enabled', 'billingEnabled'],
  ['future_billing_disabled', 'futureBillingDisabled'],
  ['large_print_requested_for_billing', 'largePrint'],
  ['billing_consolidate_invoices', 'consolidateInvoices'],
] as const;

function council(value: unknown, field: string) {
  return load({
    'location-contacts': [
      {
        _id: 'la',
        company_name: 'Oxfordshire County Council',
        payment_method: 'direct_debit',
        [field]: value,
      },
    ],
  });
}

describe('SPEC §2 flags: true, false, or null meaning not set', () => {
  it.each(FLAGS)('%s: null and missing are false', (field, key) => {
    for (const value of [null, undefined]) {
      const loaded = council(value, field);
      expect(loaded.dataset.locationContacts.get('la')?.[key]).toBe(false);
      expect(loaded.parked).toEqual([]);
    }
  });

  it.each(FLAGS)('%s: true is true and false is false', (field, key) => {
    expect(council(true, field).dataset.locationContacts.get('la')?.[key]).toBe(true);
    expect(council(false, field).dataset.locationContacts.get('la')?.[key]).toBe(false);
  });

  it('a null has_direct_debit_mandate is no mandate in place, for residents and their contacts too', () => {
    const loaded = load({
      'service-users': [
        { _id: SU, first_name: 'Edith', last_name: 'Wall', has_direct_debit_mandate: null },
      ],
      'service-user-contacts': [{ _id: 'fam', service_user: SU, has_direct_debit_mandate: null }],
    });
    expect(loaded.dataset.serviceUsers.get(SU)?.hasDirectDebitMandate).toBe(false);
    expect(loaded.dataset.serviceUserContacts.get('fam')?.hasDirectDebitMandate).toBe(false);
  });

  it('anything else is a record error naming the field, and reads as not set', () => {
    const loaded = council('yes', 'has_direct_debit_mandate');
    expect(loaded.dataset.locationContacts.get('la')?.hasDirectDebitMandate).toBe(false);
    expect(
      loaded.parked.flatMap((p) => p.problems).map((p) => [p.code, p.field, p.value, p.message]),
    ).toEqual([
      [
        'BAD_VALUE',
        'has_direct_debit_mandate',
        '"yes"',
        'has_direct_debit_mandate must be true, false or null; found "yes"',
      ],
    ]);
  });
});
