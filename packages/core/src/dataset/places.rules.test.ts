/**
 * SPEC §2 homes, rooms and care fund types: printed text is trimmed, and a payment
 * instruction for a method that is only white space is no instruction.
 */
import { describe, expect, it } from 'vitest';
import { allProblems, LOC, load } from '../../test/dataset-helpers.js';

describe('a home (locations.json)', () => {
  it('trims every text it keeps and drops a blank instruction for a method', () => {
    const loaded = load({
      locations: [
        {
          _id: LOC,
          name: ' Bryn Awel ',
          company_name: ' Bryn Awel Care Ltd ',
          company_reg_no: ' 01234567 ',
          email: ' accounts@brynawel.example ',
          phone: ' 01970 000000 ',
          invoice_payment_instructions: ' Pay by BACS ',
          invoice_payment_instructions_cheque: ' Cheques to Bryn Awel Care Ltd ',
          invoice_payment_instructions_card: '   ',
        },
      ],
    });
    expect(allProblems(loaded)).toEqual([]);
    expect(loaded.dataset.locations.get(LOC)).toMatchObject({
      name: 'Bryn Awel',
      companyName: 'Bryn Awel Care Ltd',
      companyRegNo: '01234567',
      email: 'accounts@brynawel.example',
      phone: '01970 000000',
      paymentInstructions: 'Pay by BACS',
    });
    expect(loaded.dataset.locations.get(LOC)?.paymentInstructionsByMethod).toEqual({
      cheque: 'Cheques to Bryn Awel Care Ltd',
    });
  });
});

describe('a room and a care fund type', () => {
  it('keep their names trimmed', () => {
    const loaded = load({
      locations: [{ _id: LOC }],
      rooms: [{ _id: 'r1', name: ' Room 12 ', location: LOC }],
      'care-fund-types': [{ _id: 't1', name: ' Savings ', days_before_notification: 90 }],
    });
    expect(allProblems(loaded)).toEqual([]);
    expect(loaded.dataset.rooms.get('r1')?.name).toBe('Room 12');
    expect(loaded.dataset.careFundTypes.get('t1')?.name).toBe('Savings');
  });
});
