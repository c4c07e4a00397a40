import { describe, expect, it } from 'vitest';
import { allProblems, booking, contract, LOC, load, SU } from '../../test/dataset-helpers.js';
import { loadDataset } from './load.js';
import type { DatasetInput, LoadedDataset } from './load-types.js';
import type { Problem } from './problems.js';

// SPEC §2.1: every problem is reported with resource, `_id` (or index), field, the
// offending value (shortened) and a code, and a sentence a person can act on. Each row
// is one input and every problem it gives, word for word.

const BK = '6724fbca4f73a2cebf63868c';

const row = (p: Problem) => [p.severity, p.code, p.resource, p.id, p.field, p.value, p.message];

const CASES: [string, () => LoadedDataset, unknown[][]][] = [
  [
    'a booking without a rate: MISSING_FIELD saying what to set',
    () => load({ bookings: [booking({ rate: null })] }),
    [
      [
        'record',
        'MISSING_FIELD',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'rate',
        'null',
        'rate is required: set a whole number of pence, such as 138554 for £1,385.54',
      ],
    ],
  ],
  [
    'a booking without a start_date: MISSING_FIELD, the value shown as (missing)',
    () => load({ bookings: [booking({ start_date: undefined })] }),
    [
      [
        'record',
        'MISSING_FIELD',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'start_date',
        '(missing)',
        'start_date is required: set a date written YYYY-MM-DD',
      ],
    ],
  ],
  [
    'a booking without a rate_period: MISSING_FIELD listing the periods',
    () => load({ bookings: [booking({ rate_period: null })] }),
    [
      [
        'record',
        'MISSING_FIELD',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'rate_period',
        'null',
        'rate_period is required: set one of daily, weekly',
      ],
    ],
  ],
  [
    'an unknown rate_period: UNKNOWN_RATE_PERIOD, exact case',
    () => load({ bookings: [booking({ rate_period: 'Weekly' })] }),
    [
      [
        'record',
        'UNKNOWN_RATE_PERIOD',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'rate_period',
        '"Weekly"',
        'rate_period must be one of daily, weekly (exactly, in lower case); found "Weekly"',
      ],
    ],
  ],
  [
    'a service_user booking without a resident: MISSING_FIELD saying which bookings may have none',
    () => load({ bookings: [booking({ service_user: null })] }),
    [
      [
        'record',
        'MISSING_FIELD',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'service_user',
        'null',
        'service_user is required: set the _id of the resident staying (only block_contract and out_of_service bookings may have none)',
      ],
    ],
  ],
  [
    'an unknown booking_type: BAD_VALUE listing the types',
    () => load({ bookings: [booking({ booking_type: 'permanent' })] }),
    [
      [
        'record',
        'BAD_VALUE',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'booking_type',
        '"permanent"',
        'booking_type must be one of service_user, block_contract, out_of_service (exactly, in lower case); found "permanent"',
      ],
    ],
  ],
  [
    'a reference that is not text: BAD_VALUE naming the file it points into',
    () => load({ bookings: [booking({ location: 5 })], locations: [{ _id: LOC }] }),
    [
      [
        'record',
        'BAD_VALUE',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'location',
        '5',
        'location must be the _id of a record in locations.json (text); found a number',
      ],
    ],
  ],
  [
    'a reference to an id not in its file: UNKNOWN_REFERENCE',
    () => load({ bookings: [booking({ location: 'nowhere' })], locations: [{ _id: LOC }] }),
    [
      [
        'record',
        'UNKNOWN_REFERENCE',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'location',
        '"nowhere"',
        'location names location "nowhere", which is not in locations.json; correct the id or add the location to the export',
      ],
    ],
  ],
  [
    'a reference over the id length: TEXT_TOO_LONG',
    () => load({ bookings: [booking({ room: 'r'.repeat(101) })] }),
    [
      [
        'record',
        'TEXT_TOO_LONG',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'room',
        '"rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr…',
        "room is an id of 101 characters; carebill takes ids of at most 100 (CareHQ's have 24): export the record again",
      ],
    ],
  ],
  [
    'end_date before start_date: END_BEFORE_START with both dates',
    () => load({ bookings: [booking({ end_date: '2022-08-11' })] }),
    [
      [
        'record',
        'END_BEFORE_START',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'end_date',
        '"2022-08-11"',
        'end_date 2022-08-11 is before start_date 2022-08-12; correct one of the dates (the end is the last day, included)',
      ],
    ],
  ],
  [
    'a date that is not real: BAD_DATE with an example',
    () => load({ bookings: [booking({ end_date: '2022-02-30' })] }),
    [
      [
        'record',
        'BAD_DATE',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'end_date',
        '"2022-02-30"',
        'end_date must be a real date written YYYY-MM-DD, such as 2024-11-01; found "2022-02-30"',
      ],
    ],
  ],
  [
    'a date after 2199: BAD_DATE naming the range',
    () => load({ bookings: [booking({ end_date: '2200-01-01' })] }),
    [
      [
        'record',
        'BAD_DATE',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'end_date',
        '"2200-01-01"',
        'end_date 2200-01-01 is outside the dates carebill accepts, 1900-01-01 to 2199-12-31; correct the year in CareHQ',
      ],
    ],
  ],
  [
    'a malformed cancelled is BAD_DATE; a malformed created is a BAD_TIMESTAMP warning',
    () => load({ bookings: [booking({ cancelled: 'soon', created: 'then' })] }),
    [
      [
        'record',
        'BAD_DATE',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'cancelled',
        '"soon"',
        'cancelled must be a date and time written YYYY-MM-DD HH:MM:SS (or a date YYYY-MM-DD) or null; found "soon"',
      ],
      [
        'warning',
        'BAD_TIMESTAMP',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'created',
        '"then"',
        'created must be a date and time written YYYY-MM-DD HH:MM:SS (or a date YYYY-MM-DD) or null; found "then". Billing does not use it, so nothing is parked; correct it in CareHQ',
      ],
    ],
  ],
  [
    'a flag that is not true, false or null: BAD_VALUE',
    () => load({ bookings: [booking({ respite: 'yes' })] }),
    [
      [
        'record',
        'BAD_VALUE',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'respite',
        '"yes"',
        'respite must be true, false or null; found "yes"',
      ],
    ],
  ],
  [
    'a respite stay without any end: RESPITE_WITHOUT_END warning',
    () => load({ bookings: [booking({ respite: true })] }),
    [
      [
        'warning',
        'RESPITE_WITHOUT_END',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'end_date',
        'null',
        'respite booking has neither end_date nor proposed_checkout_date, so it is billed like an open stay; set the proposed checkout date in CareHQ',
      ],
    ],
  ],
  [
    'pounds for pence: BAD_MONEY suggesting the pence, never applying it',
    () => load({ bookings: [booking({ rate: '12.5' })] }),
    [
      [
        'record',
        'BAD_MONEY',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'rate',
        '"12.5"',
        'rate must be a whole number of pence, such as 1250 for £12.50; found "12.5"',
      ],
    ],
  ],
  [
    'a weekly rate a penny over the limit: MONEY_OUT_OF_RANGE in pence and pounds',
    () => load({ bookings: [booking({ rate: 7000001 })] }),
    [
      [
        'record',
        'MONEY_OUT_OF_RANGE',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'rate',
        '7000001',
        'rate is 7000001 pence (£70,000.01), beyond the largest weekly rate carebill accepts, £70,000.00 (7000000 pence) either way; money is in pence (138554 for £1,385.54): correct it in CareHQ',
      ],
    ],
  ],
  [
    'a contract naming no payer: MISSING_FIELD listing the payer fields',
    () => load({ 'billing-contracts': [contract({ service_user: null })] }),
    [
      [
        'record',
        'MISSING_FIELD',
        'billing-contracts',
        'c0000000000000000000000a',
        'service_user',
        'null',
        'billing contract names no payer: set location_contact, service_user_contact or service_user (the resident pays)',
      ],
    ],
  ],
  [
    'a fee_contribution without its unit: MISSING_FIELD',
    () => load({ 'billing-contracts': [contract({ fee_contribution: 500 })] }),
    [
      [
        'record',
        'MISSING_FIELD',
        'billing-contracts',
        'c0000000000000000000000a',
        'fee_contribution_unit',
        'null',
        'fee_contribution_unit is required: set one of day, week',
      ],
    ],
  ],
  [
    'an unknown fee_contribution_unit: BAD_VALUE',
    () =>
      load({
        'billing-contracts': [contract({ fee_contribution: 500, fee_contribution_unit: 'month' })],
      }),
    [
      [
        'record',
        'BAD_VALUE',
        'billing-contracts',
        'c0000000000000000000000a',
        'fee_contribution_unit',
        '"month"',
        'fee_contribution_unit must be one of day, week (exactly, in lower case); found "month"',
      ],
    ],
  ],
  [
    'contributes_to without a fee_contribution: MISSING_FIELD',
    () =>
      load({
        'billing-contracts': [
          contract({ _id: 'p', contributes_to: ['q'] }),
          contract({ _id: 'q', fee_contribution: 5, fee_contribution_unit: 'week' }),
        ],
      }),
    [
      [
        'record',
        'MISSING_FIELD',
        'billing-contracts',
        'p',
        'fee_contribution',
        'null',
        'fee_contribution is required on a contract with contributes_to: set the total this contract and its contributors pay, in pence',
      ],
    ],
  ],
  [
    'contributes_to listing the contract itself: BAD_VALUE',
    () =>
      load({
        'billing-contracts': [
          contract({
            _id: 'p',
            fee_contribution: 9,
            fee_contribution_unit: 'day',
            contributes_to: ['p'],
          }),
        ],
      }),
    [
      [
        'record',
        'BAD_VALUE',
        'billing-contracts',
        'p',
        'contributes_to',
        '["p"]',
        'contributes_to lists this contract itself; list only the contributor contracts whose payments it includes',
      ],
    ],
  ],
  [
    'contributes_to that is not a list: BAD_VALUE',
    () =>
      load({
        'billing-contracts': [
          contract({
            _id: 'p',
            fee_contribution: 9,
            fee_contribution_unit: 'day',
            contributes_to: 'q',
          }),
        ],
      }),
    [
      [
        'record',
        'BAD_VALUE',
        'billing-contracts',
        'p',
        'contributes_to',
        '"q"',
        'contributes_to must be a list of _ids from billing-contracts.json or null; found a string',
      ],
    ],
  ],
  [
    'contributes_to items: not text, empty, unknown, each named by index',
    () =>
      load({
        'billing-contracts': [
          contract({
            _id: 'p',
            fee_contribution: 9,
            fee_contribution_unit: 'day',
            contributes_to: [5, '', 'zz'],
          }),
        ],
      }),
    [
      [
        'record',
        'BAD_VALUE',
        'billing-contracts',
        'p',
        'contributes_to.0',
        '5',
        'contributes_to.0 must be the _id of a record in billing-contracts.json; found 5',
      ],
      [
        'record',
        'BAD_VALUE',
        'billing-contracts',
        'p',
        'contributes_to.1',
        '""',
        'contributes_to.1 must be the _id of a record in billing-contracts.json; found ""',
      ],
      [
        'record',
        'UNKNOWN_REFERENCE',
        'billing-contracts',
        'p',
        'contributes_to.2',
        '"zz"',
        'contributes_to.2 names billing contract "zz", which is not in billing-contracts.json; correct the id or add the billing contract to the export',
      ],
    ],
  ],
  [
    'a daily contribution a penny over the limit: MONEY_OUT_OF_RANGE',
    () =>
      load({
        'billing-contracts': [
          contract({ fee_contribution: 1000001, fee_contribution_unit: 'day' }),
        ],
      }),
    [
      [
        'record',
        'MONEY_OUT_OF_RANGE',
        'billing-contracts',
        'c0000000000000000000000a',
        'fee_contribution',
        '1000001',
        'fee_contribution is 1000001 pence (£10,000.01), beyond the largest contribution a day carebill accepts, £10,000.00 (1000000 pence) either way; money is in pence (138554 for £1,385.54): correct it in CareHQ',
      ],
    ],
  ],
  [
    'a care fund without resident, balance and date: three MISSING_FIELDs',
    () =>
      load({
        'care-funds': [
          { _id: 'f', service_user: null, opening_balance: null, opening_balance_date: null },
        ],
      }),
    [
      [
        'record',
        'MISSING_FIELD',
        'care-funds',
        'f',
        'opening_balance',
        'null',
        'opening_balance is required: set a whole number of pence, such as 138554 for £1,385.54',
      ],
      [
        'record',
        'MISSING_FIELD',
        'care-funds',
        'f',
        'opening_balance_date',
        'null',
        'opening_balance_date is required: set a date written YYYY-MM-DD',
      ],
      [
        'record',
        'MISSING_FIELD',
        'care-funds',
        'f',
        'service_user',
        'null',
        'service_user is required: set the _id of the resident whose money this is',
      ],
    ],
  ],
  [
    'a negative opening balance: NEGATIVE_OPENING_BALANCE warning',
    () =>
      load({
        'care-funds': [
          { _id: 'f', service_user: SU, opening_balance: -5, opening_balance_date: '2024-01-01' },
        ],
      }),
    [
      [
        'warning',
        'NEGATIVE_OPENING_BALANCE',
        'care-funds',
        'f',
        'opening_balance',
        '-5',
        'opening_balance is below zero, so this fund can pay nothing; check the balance in CareHQ',
      ],
    ],
  ],
  [
    'a person: a list where text was due, text where a list was due, a bad channel, formula and control characters',
    () =>
      load({
        'service-users': [
          {
            _id: SU,
            first_name: 5,
            email_invoices_to: 'a@b',
            billing_comms_preference: ['email', 'fax'],
            postal_address: 'x',
            title: '=x',
            last_name: 'a\u0007',
          },
        ],
      }),
    [
      [
        'record',
        'BAD_VALUE',
        'service-users',
        '6724fbca4f73a2cebf63868a',
        'billing_comms_preference.1',
        '"fax"',
        'billing_comms_preference may only hold email, post, do_not_send; found "fax"',
      ],
      [
        'record',
        'BAD_VALUE',
        'service-users',
        '6724fbca4f73a2cebf63868a',
        'email_invoices_to',
        '"a@b"',
        'email_invoices_to must be a list of text or null; found a string',
      ],
      [
        'record',
        'BAD_VALUE',
        'service-users',
        '6724fbca4f73a2cebf63868a',
        'first_name',
        '5',
        'first_name must be text or null; found a number',
      ],
      [
        'record',
        'BAD_VALUE',
        'service-users',
        '6724fbca4f73a2cebf63868a',
        'postal_address',
        '"x"',
        'postal_address must be a hash of fields or null; found a string',
      ],
      [
        'warning',
        'INVALID_TEXT',
        'service-users',
        '6724fbca4f73a2cebf63868a',
        'last_name',
        '"a\\u0007"',
        'last_name contains the character U+0007, which workbooks and PDFs cannot hold; remove it in CareHQ',
      ],
      [
        'warning',
        'FORMULA_TEXT',
        'service-users',
        '6724fbca4f73a2cebf63868a',
        'title',
        '"=x"',
        'title starts with "=", which a spreadsheet would run as a formula; it is written as text in exports, but correct it in CareHQ if it is a typing mistake',
      ],
    ],
  ],
  [
    'a person: one bad channel, a list item that is not text, an unknown payment method, a flag that is a number',
    () =>
      load({
        'service-users': [
          {
            _id: SU,
            email_invoices_to: ['a', 5],
            billing_comms_preference: 'fax',
            payment_method: 'gold',
            large_print_requested_for_billing: 1,
          },
        ],
      }),
    [
      [
        'record',
        'BAD_VALUE',
        'service-users',
        '6724fbca4f73a2cebf63868a',
        'billing_comms_preference',
        '"fax"',
        'billing_comms_preference may only hold email, post, do_not_send; found "fax"',
      ],
      [
        'record',
        'BAD_VALUE',
        'service-users',
        '6724fbca4f73a2cebf63868a',
        'email_invoices_to.1',
        '5',
        'email_invoices_to item 1 must be text; found a number',
      ],
      [
        'record',
        'BAD_VALUE',
        'service-users',
        '6724fbca4f73a2cebf63868a',
        'large_print_requested_for_billing',
        '1',
        'large_print_requested_for_billing must be true, false or null; found 1',
      ],
      [
        'record',
        'BAD_VALUE',
        'service-users',
        '6724fbca4f73a2cebf63868a',
        'payment_method',
        '"gold"',
        'payment_method must be one of card, cash, cheque, standing_order, direct_debit, bac (exactly, in lower case); found "gold"',
      ],
    ],
  ],
  [
    'days_before_notification over 10 years: BAD_VALUE naming the range',
    () => load({ 'care-fund-types': [{ _id: 't', days_before_notification: 3661 }] }),
    [
      [
        'record',
        'BAD_VALUE',
        'care-fund-types',
        't',
        'days_before_notification',
        '3661',
        'days_before_notification must be a whole number of days from 0 to 3660 or null; found 3661',
      ],
    ],
  ],
  [
    'an _id given twice in a file: DUPLICATE_ID dataset error',
    () => load({ rooms: [{ _id: 'r' }, { _id: 'r' }] }),
    [
      [
        'dataset',
        'DUPLICATE_ID',
        'rooms',
        'r',
        '_id',
        '"r"',
        '_id "r" appears 2 times in rooms.json; each record needs its own _id, so remove the duplicates or export the file again',
      ],
    ],
  ],
  [
    'records without a usable _id: named #N',
    () => load({ rooms: [{ name: 'x' }, { _id: 5 }] }),
    [
      [
        'record',
        'MISSING_FIELD',
        'rooms',
        '#0',
        '_id',
        '(missing)',
        'record #0 of rooms.json has no usable _id (text); export it again from CareHQ',
      ],
      [
        'record',
        'BAD_VALUE',
        'rooms',
        '#1',
        '_id',
        '5',
        'record #1 of rooms.json has no usable _id (text); export it again from CareHQ',
      ],
    ],
  ],
  [
    'a file that is not JSON: NOT_JSON with the parser reason',
    () => loadDataset({ bookings: '[' }),
    [
      [
        'dataset',
        'NOT_JSON',
        'bookings',
        '',
        '',
        '"["',
        expect.stringMatching(
          /^bookings\.json is not valid JSON \(.+\); export it again from CareHQ or fix the syntax$/,
        ),
      ],
    ],
  ],
  [
    'a file that is not one of the shapes: BAD_SHAPE listing them',
    () => loadDataset({ bookings: '5' }),
    [
      [
        'dataset',
        'BAD_SHAPE',
        'bookings',
        '',
        '',
        'a number',
        'bookings.json must hold a JSON array of records, one CareHQ list page ({"item_count", "items", "page", "page_count", "per_page"}) or an array of such pages; found a number',
      ],
    ],
  ],
  [
    'pages mixed with records: BAD_SHAPE naming the first other item',
    () =>
      loadDataset({
        bookings: '[{"item_count":0,"items":[],"page":1,"page_count":1,"per_page":0}, 5]',
      }),
    [
      [
        'dataset',
        'BAD_SHAPE',
        'bookings',
        '#1',
        '',
        'a number',
        'bookings.json mixes CareHQ list pages with other values (item #1 is not a page); keep either all pages or all records',
      ],
    ],
  ],
  [
    'a record that is not an object: BAD_SHAPE naming its index',
    () => loadDataset({ bookings: '[5]' }),
    [
      [
        'dataset',
        'BAD_SHAPE',
        'bookings',
        '#0',
        '',
        'a number',
        'record #0 of bookings.json must be a JSON object with an "_id"; found a number',
      ],
    ],
  ],
  [
    'a key given twice in a page: DUPLICATE_KEY dataset error',
    () =>
      loadDataset({
        bookings: '{"item_count":0,"items":[],"items":[],"page":1,"page_count":1,"per_page":0}',
      }),
    [
      [
        'dataset',
        'DUPLICATE_KEY',
        'bookings',
        '',
        '',
        '"items"',
        'bookings.json gives the key "items" twice in one object (at "items"), so one of the values would be lost; keep one',
      ],
    ],
  ],
  [
    'a key given twice in a record: DUPLICATE_KEY record error',
    () => loadDataset({ bookings: `[{"_id":"${BK}","rate":1,"rate":2}]` }),
    [
      [
        'record',
        'DUPLICATE_KEY',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'rate',
        '2',
        'the key "rate" is given 2 times in this record; a JSON reader keeps only the last, so remove all but the right one',
      ],
      [
        'record',
        'MISSING_FIELD',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'rate_period',
        '(missing)',
        'rate_period is required: set one of daily, weekly',
      ],
      [
        'record',
        'MISSING_FIELD',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'service_user',
        '(missing)',
        'service_user is required: set the _id of the resident staying (only block_contract and out_of_service bookings may have none)',
      ],
      [
        'record',
        'MISSING_FIELD',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'start_date',
        '(missing)',
        'start_date is required: set a date written YYYY-MM-DD',
      ],
    ],
  ],
  [
    'money written with a fraction: BAD_MONEY showing the literal',
    () =>
      loadDataset({
        bookings: `[{"_id":"${BK}","service_user":"${SU}","start_date":"2024-01-01","rate_period":"weekly","rate":1385.5}]`,
      }),
    [
      [
        'record',
        'BAD_MONEY',
        'bookings',
        '6724fbca4f73a2cebf63868c',
        'rate',
        '1385.5',
        'rate must be a whole number of pence, such as 138550 for £1,385.50; found 1385.5',
      ],
    ],
  ],
  [
    'a dataset that is not an object: BAD_SHAPE',
    () => loadDataset(5 as unknown as DatasetInput),
    [
      [
        'dataset',
        'BAD_SHAPE',
        '',
        '',
        '',
        'a number',
        "the dataset must be an object with one entry per CareHQ resource, { bookings: text or records, 'service-users': …, … }; found a number",
      ],
    ],
  ],
  [
    'a misspelt resource: UNKNOWN_RESOURCE with a suggestion, and MISSING_RESOURCE',
    () => loadDataset({ bookngs: '[]' } as unknown as DatasetInput),
    [
      [
        'dataset',
        'UNKNOWN_RESOURCE',
        '',
        '',
        'bookngs',
        '"bookngs"',
        '"bookngs" is not a CareHQ resource carebill reads, so its records would be ignored. Did you mean "bookings"? The resources are bookings, service-users, service-user-contacts, location-contacts, locations, billing-contracts, care-funds, care-fund-types, rooms.',
      ],
      [
        'dataset',
        'MISSING_RESOURCE',
        'bookings',
        '',
        '',
        '(missing)',
        'bookings are required (bookings.json in a dataset folder): without them nothing can be billed or projected; give an empty list [] for a dataset with no stays',
      ],
    ],
  ],
  [
    'bytes for a resource: BAD_SHAPE saying how to decode them',
    () => loadDataset({ bookings: new Uint8Array(2) } as unknown as DatasetInput),
    [
      [
        'dataset',
        'BAD_SHAPE',
        'bookings',
        '',
        '',
        'bytes',
        "the bookings input is bytes; give the text (readFile(path, 'utf8'), or new TextDecoder().decode(bytes)) or the parsed records",
      ],
    ],
  ],
  [
    'overlapping bookings: OVERLAPPING_BOOKINGS on each, naming the other and both stays',
    () =>
      load({
        bookings: [
          booking({ _id: 'a' }),
          booking({ _id: 'b', start_date: '2023-01-01', end_date: '2023-01-31' }),
        ],
      }),
    [
      [
        'record',
        'OVERLAPPING_BOOKINGS',
        'bookings',
        'a',
        'start_date',
        '"2022-08-12"',
        'this booking (2022-08-12 – open) overlaps booking b (2023-01-01 – 2023-01-31) of the same resident; end one stay before the next starts, or cancel the duplicate',
      ],
      [
        'record',
        'OVERLAPPING_BOOKINGS',
        'bookings',
        'b',
        'start_date',
        '"2023-01-01"',
        'this booking (2023-01-01 – 2023-01-31) overlaps booking a (2022-08-12 – open) of the same resident; end one stay before the next starts, or cancel the duplicate',
      ],
    ],
  ],
  [
    'two balance payers: TWO_BALANCE_PAYERS on each, from the first shared day',
    () =>
      load({
        'billing-contracts': [
          contract({ _id: 'a' }),
          contract({ _id: 'b', start_date: '2024-03-01' }),
        ],
      }),
    [
      [
        'record',
        'TWO_BALANCE_PAYERS',
        'billing-contracts',
        'a',
        'fee_contribution',
        'null',
        'this contract and contract b both pay the balance (fee_contribution null) for the same resident from 2024-03-01; give one a fee_contribution, end one before the other starts, or cancel one',
      ],
      [
        'record',
        'TWO_BALANCE_PAYERS',
        'billing-contracts',
        'b',
        'fee_contribution',
        'null',
        'this contract and contract a both pay the balance (fee_contribution null) for the same resident from 2024-03-01; give one a fee_contribution, end one before the other starts, or cancel one',
      ],
    ],
  ],
  [
    'text one character over 255: TEXT_TOO_LONG',
    () => load({ rooms: [{ _id: 'r', name: 'x'.repeat(256) }] }),
    [
      [
        'record',
        'TEXT_TOO_LONG',
        'rooms',
        'r',
        'name',
        '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…',
        'name is 256 characters long; carebill takes at most 255 here, so shorten it in CareHQ',
      ],
    ],
  ],
  [
    'long text one character over 2,000: TEXT_TOO_LONG',
    () => load({ locations: [{ _id: LOC, invoice_payment_instructions: 'x'.repeat(2001) }] }),
    [
      [
        'record',
        'TEXT_TOO_LONG',
        'locations',
        '6724fbc74f73a2cebf6377fa',
        'invoice_payment_instructions',
        '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…',
        'invoice_payment_instructions is 2,001 characters long; carebill takes at most 2,000 here, so shorten it in CareHQ',
      ],
    ],
  ],
  [
    'tab and CR starts in a nested field: FORMULA_TEXT escaped, and CR is INVALID_TEXT',
    () =>
      load({ locations: [{ _id: LOC, invoice_address: { address_1: '\tx', postcode: '\ry' } }] }),
    [
      [
        'warning',
        'FORMULA_TEXT',
        'locations',
        '6724fbc74f73a2cebf6377fa',
        'invoice_address.address_1',
        '"\\tx"',
        'invoice_address.address_1 starts with "\\t", which a spreadsheet would run as a formula; it is written as text in exports, but correct it in CareHQ if it is a typing mistake',
      ],
      [
        'warning',
        'FORMULA_TEXT',
        'locations',
        '6724fbc74f73a2cebf6377fa',
        'invoice_address.postcode',
        '"\\ry"',
        'invoice_address.postcode starts with "\\r", which a spreadsheet would run as a formula; it is written as text in exports, but correct it in CareHQ if it is a typing mistake',
      ],
      [
        'warning',
        'INVALID_TEXT',
        'locations',
        '6724fbc74f73a2cebf6377fa',
        'invoice_address.postcode',
        '"\\ry"',
        'invoice_address.postcode contains the character U+000D, which workbooks and PDFs cannot hold; remove it in CareHQ',
      ],
    ],
  ],
];

describe('SPEC §2.1 every problem names its record, field and value, and the fix', () => {
  it.each(CASES)('%s', (_label, run, expected) => {
    expect(allProblems(run()).map(row)).toEqual(expected);
  });
});
