import { describe, expect, it } from 'vitest';
import { allProblems, booking, codes, contract, load, SU } from '../../test/dataset-helpers.js';

const OTHER = '6724fbca4f73a2cebf6386ff';
const contact = (id: string, serviceUser: string) => ({
  _id: id,
  service_user: serviceUser,
  first_name: 'Pat',
  last_name: 'Jones',
  billing_enabled: true,
});
const residents = [
  { _id: SU, first_name: 'Margaret', last_name: 'Wall' },
  { _id: OTHER, first_name: 'Harold', last_name: 'Finch' },
];
const otherBooking = booking({ _id: 'b0000000000000000000000b', service_user: OTHER });

describe('records that belong to another resident', () => {
  it('a contract listing another resident’s contract in contributes_to parks its own resident', () => {
    const loaded = load({
      'service-users': residents,
      bookings: [booking(), otherBooking],
      'billing-contracts': [
        contract({
          _id: 'parent',
          fee_contribution: 100000,
          fee_contribution_unit: 'week',
          contributes_to: ['mine', 'theirs'],
        }),
        contract({ _id: 'mine', fee_contribution: 5000, fee_contribution_unit: 'week' }),
        contract({
          _id: 'theirs',
          service_user: OTHER,
          fee_contribution: 7000,
          fee_contribution_unit: 'week',
        }),
      ],
    });
    const hits = allProblems(loaded).filter((p) => p.code === 'OTHER_RESIDENTS_RECORD');
    expect(hits).toEqual([
      {
        severity: 'record',
        code: 'OTHER_RESIDENTS_RECORD',
        resource: 'billing-contracts',
        id: 'parent',
        field: 'contributes_to.1',
        value: '"theirs"',
        message: `contributes_to.1 lists billing contract theirs of resident ${OTHER}, but this contract is for ${SU}; list only contracts of the same resident, or correct the service_user of one of them`,
      },
    ]);
    // The contract's own resident is parked with the reason; the other resident is not.
    expect(loaded.parked.map((e) => e.serviceUser)).toEqual([SU]);
    expect([...loaded.parkedServiceUsers]).toEqual([SU]);
    expect(loaded.dataset.contracts.map((c) => c.id)).toEqual(['theirs']);
    expect(loaded.dataset.bookings.map((b) => b.serviceUser)).toEqual([OTHER]);
  });

  it('a contract whose service_user_contact is another resident’s contact parks its resident', () => {
    const loaded = load({
      'service-users': residents,
      'service-user-contacts': [contact('con-other', OTHER), contact('con-mine', SU)],
      'billing-contracts': [
        contract({ _id: 'pays-wrong', service_user_contact: 'con-other' }),
        contract({
          _id: 'pays-right',
          service_user_contact: 'con-mine',
          fee_contribution: 100,
          fee_contribution_unit: 'day',
        }),
      ],
    });
    expect(codes(loaded)).toEqual([
      ['OTHER_RESIDENTS_RECORD', 'billing-contracts', 'pays-wrong', 'service_user_contact'],
    ]);
    expect(loaded.parked[0]?.problems[0]?.message).toBe(
      `service_user_contact con-other is a contact of resident ${OTHER}, but this contract is for ${SU}; name a contact of ${SU}, or correct the contact's service_user`,
    );
    expect(loaded.parked.map((e) => e.serviceUser)).toEqual([SU]);
  });

  it('links within one resident, and block-bed contracts without a resident, are fine', () => {
    const loaded = load({
      'service-users': residents,
      'service-user-contacts': [contact('con-mine', SU)],
      'billing-contracts': [
        contract({
          _id: 'parent',
          service_user_contact: 'con-mine',
          fee_contribution: 100000,
          fee_contribution_unit: 'week',
          contributes_to: ['mine'],
        }),
        contract({ _id: 'mine', fee_contribution: 5000, fee_contribution_unit: 'week' }),
        contract({
          _id: 'block',
          service_user: null,
          location_contact: null,
          service_user_contact: 'con-mine',
          contribution_type: 'block_bed',
          contributes_to: ['mine'],
          fee_contribution: 1,
          fee_contribution_unit: 'day',
        }),
      ],
    });
    expect(allProblems(loaded)).toEqual([]);
  });

  it('an unknown id is UNKNOWN_REFERENCE only, not also another resident’s', () => {
    const loaded = load({
      'service-users': residents,
      'service-user-contacts': [],
      'billing-contracts': [
        contract({ _id: 'c1', service_user_contact: 'nobody', contributes_to: ['ghost'] }),
      ],
    });
    expect(codes(loaded).map(([code, , , field]) => [code, field])).toEqual([
      ['UNKNOWN_REFERENCE', 'contributes_to.0'],
      ['MISSING_FIELD', 'fee_contribution'],
      ['UNKNOWN_REFERENCE', 'service_user_contact'],
    ]);
  });
});

describe('created and modified', () => {
  it.each(['created', 'modified'])(
    'a malformed %s is a BAD_TIMESTAMP warning; nobody is parked, the booking is billed',
    (field) => {
      const loaded = load({ bookings: [booking({ [field]: '01/11/2024 16:03' })] });
      expect(loaded.parked).toEqual([]);
      expect(loaded.dataset.bookings).toHaveLength(1);
      expect(loaded.warnings).toEqual([
        {
          severity: 'warning',
          code: 'BAD_TIMESTAMP',
          resource: 'bookings',
          id: '6724fbca4f73a2cebf63868c',
          field,
          value: '"01/11/2024 16:03"',
          message: `${field} must be a date and time written YYYY-MM-DD HH:MM:SS (or a date YYYY-MM-DD) or null; found "01/11/2024 16:03". Billing does not use it, so nothing is parked; correct it in CareHQ`,
        },
      ]);
    },
  );

  it('on every resource, and a malformed cancelled is still a record error', () => {
    const loaded = load({
      'service-users': [{ _id: SU, first_name: 'M', modified: 7 }],
      'billing-contracts': [contract({ created: '2024-13-01 00:00:00' })],
      'care-funds': [
        {
          _id: 'f1',
          service_user: SU,
          opening_balance: 1,
          opening_balance_date: '2024-01-01',
          created: 'yesterday',
        },
      ],
      rooms: [{ _id: 'r1', name: 'Room', modified: '2024-11-01T16:03:23Z' }],
      bookings: [booking({ cancelled: 'yes', room: 'r1' })],
    });
    expect(codes(loaded)).toEqual([
      ['BAD_DATE', 'bookings', '6724fbca4f73a2cebf63868c', 'cancelled'],
      ['BAD_TIMESTAMP', 'billing-contracts', 'c0000000000000000000000a', 'created'],
      ['BAD_TIMESTAMP', 'care-funds', 'f1', 'created'],
      ['BAD_TIMESTAMP', 'rooms', 'r1', 'modified'],
      ['BAD_TIMESTAMP', 'service-users', SU, 'modified'],
    ]);
    expect(loaded.parked.map((e) => e.serviceUser)).toEqual([SU]);
    expect(loaded.parked[0]?.problems.map((p) => p.code)).toEqual(['BAD_DATE']);
  });
});
