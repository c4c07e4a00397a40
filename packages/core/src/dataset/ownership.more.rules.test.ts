/**
 * OTHER_RESIDENTS_RECORD (ownership.ts) compares two residents only when both records name
 * one: a `service_user` that is "" or not an id names nobody, so it is never "another
 * resident" (its own error, if any, says what is wrong).
 */
import { describe, expect, it } from 'vitest';
import { codes, contract, load, SU } from '../../test/dataset-helpers.js';

describe('records naming no resident are nobody’s', () => {
  it('a contract with service_user "" listing a resident’s contract is no OTHER_RESIDENTS_RECORD', () => {
    const loaded = load({
      'billing-contracts': [
        contract({
          _id: 'block',
          service_user: '',
          location_contact: 'la',
          fee_contribution: 100,
          fee_contribution_unit: 'day',
          contributes_to: ['mine'],
        }),
        contract({ _id: 'mine', fee_contribution: 50, fee_contribution_unit: 'day' }),
      ],
    });
    expect(codes(loaded)).toEqual([]);
  });

  it('a resident’s contract listing one whose service_user is "" is no OTHER_RESIDENTS_RECORD', () => {
    const loaded = load({
      'billing-contracts': [
        contract({
          _id: 'mine',
          fee_contribution: 100,
          fee_contribution_unit: 'day',
          contributes_to: ['block'],
        }),
        contract({
          _id: 'block',
          service_user: '',
          location_contact: 'la',
          fee_contribution: 50,
          fee_contribution_unit: 'day',
        }),
      ],
    });
    expect(codes(loaded)).toEqual([]);
  });

  it('a contract whose service_user is not text is BAD_VALUE only, not another resident’s', () => {
    const loaded = load({
      'billing-contracts': [
        contract({
          _id: 'odd',
          service_user: 5,
          location_contact: 'la',
          fee_contribution: 100,
          fee_contribution_unit: 'day',
          contributes_to: ['mine'],
          service_user_contact: 'fam',
        }),
        contract({ _id: 'mine', fee_contribution: 50, fee_contribution_unit: 'day' }),
      ],
      'service-user-contacts': [{ _id: 'fam', service_user: SU }],
    });
    expect(codes(loaded)).toEqual([['BAD_VALUE', 'billing-contracts', 'odd', 'service_user']]);
  });

  it('a contact whose service_user is "" is missing its resident, not another resident’s', () => {
    const loaded = load({
      'billing-contracts': [contract({ _id: 'c1', service_user_contact: 'fam' })],
      'service-user-contacts': [{ _id: 'fam', service_user: '' }],
    });
    expect(codes(loaded)).toEqual([
      ['MISSING_FIELD', 'service-user-contacts', 'fam', 'service_user'],
    ]);
  });
});
