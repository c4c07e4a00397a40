/**
 * Residents and their family contacts as CareHQ records, with the billing fields a payer
 * carries (comms preference, payment method, direct debit mandate, large print, ...).
 */
import { type Day, formatDay } from '@carebill/core';
import { addDays, dayFromYmd, ymdOfDay } from '@carebill/core/internal';
import { accountCode, type Context, timestamp } from './context.js';
import type { Home } from './homes.js';
import { emailLocalPart, initialsOf, type PersonName, pickName, type Sex } from './names.js';
import { postalAddress, randomTown } from './places.js';
import type { Rng } from './prng.js';

const EMAIL_DOMAINS = [
  'gmail.com',
  'hotmail.co.uk',
  'yahoo.co.uk',
  'btinternet.com',
  'outlook.com',
  'gmx.co.uk',
];

/** Billing fields of someone who pays: how they are invoiced and how they pay. */
export interface BillingFields {
  readonly billing_comms_preference: string[] | null;
  readonly billing_enabled: boolean | null;
  readonly email: string;
  readonly email_invoices_to: string[] | null;
  readonly future_billing_disabled: boolean | null;
  readonly has_direct_debit_mandate: boolean | null;
  readonly invoices_service_user_id_fields: string[] | null;
  readonly large_print_requested_for_billing: boolean | null;
  readonly payment_method: string;
}

/**
 * A valid NHS number (10 digits, modulus 11 check digit), written `943 476 5919`.
 *
 * @example nhsNumber(createRng(1)) // '485 777 3456'
 */
export function nhsNumber(rng: Rng): string {
  for (;;) {
    let all = '';
    let sum = 0;
    for (let i = 0; i < 9; i += 1) {
      const digit = rng.int(0, 9);
      all += digit;
      sum += digit * (10 - i);
    }
    const check = (11 - (sum % 11)) % 11;
    if (check === 10) continue;
    all += check;
    return `${all.slice(0, 3)} ${all.slice(3, 6)} ${all.slice(6)}`;
  }
}

/**
 * The billing fields of a paying family member or resident: mostly email, some post, a
 * few large print; direct debit (usually with a mandate), standing order, transfer, cheque.
 *
 * @example payingFields(ctx, 'abbey.wall@gmail.com', false)
 */
export function payingFields(ctx: Context, email: string, livesInHome: boolean): BillingFields {
  const { rng } = ctx;
  const roll = rng.next();
  let comms: string[] | null;
  if (livesInHome) comms = roll < 0.8 || email === '' ? ['post'] : ['email'];
  else if (email === '') comms = roll < 0.9 ? ['post'] : null;
  else if (roll < 0.55) comms = ['email'];
  else if (roll < 0.85) comms = ['post'];
  else if (roll < 0.95) comms = ['email', 'post'];
  else comms = null;
  const method = rng.next();
  const paymentMethod =
    method < 0.35
      ? 'direct_debit'
      : method < 0.55
        ? 'standing_order'
        : method < 0.85
          ? 'bac'
          : method < 0.95
            ? 'cheque'
            : 'card';
  const largePrint = rng.chance(livesInHome ? 0.12 : comms?.includes('post') ? 0.06 : 0.01);
  return {
    billing_comms_preference: comms,
    billing_enabled: true,
    email,
    email_invoices_to:
      email !== '' && rng.chance(0.2)
        ? [email, `${email.split('@')[0]}.accounts@${rng.pick(EMAIL_DOMAINS)}`]
        : null,
    future_billing_disabled: null,
    has_direct_debit_mandate: paymentMethod === 'direct_debit' ? rng.chance(0.8) : null,
    invoices_service_user_id_fields: rng.chance(0.03) ? ['nhs_number', 'initials'] : null,
    large_print_requested_for_billing: largePrint ? true : null,
    payment_method: paymentMethod,
  };
}

/**
 * The billing fields of someone who does not pay (CareHQ leaves them null or empty).
 *
 * @example nonPayingFields('').billing_enabled === null
 */
export function nonPayingFields(email: string): BillingFields {
  return {
    billing_comms_preference: null,
    billing_enabled: null,
    email,
    email_invoices_to: null,
    future_billing_disabled: null,
    has_direct_debit_mandate: null,
    invoices_service_user_id_fields: null,
    large_print_requested_for_billing: null,
    payment_method: '',
  };
}

export interface Resident {
  readonly id: string;
  readonly name: PersonName;
  readonly sex: Sex;
}

/**
 * Pushes a resident (`service-users` record) living at `home`.
 *
 * @example const resident = pushResident(ctx, home, name, 'f', created, billing)
 */
export function pushResident(
  ctx: Context,
  home: Home,
  name: PersonName,
  sex: Sex,
  created: Day,
  billing: (email: string) => BillingFields,
): Resident {
  const { rng } = ctx;
  const id = ctx.nextId();
  const birthYear = ymdOfDay(ctx.end).year - rng.int(68, 101);
  const birth = addDays(dayFromYmd(birthYear, 1, 1), rng.int(0, 364));
  const email = rng.chance(0.1)
    ? `${emailLocalPart(name.firstName, name.lastName)}@${rng.pick(EMAIL_DOMAINS)}`
    : '';
  const fields = billing(email);
  const createdStamp = timestamp(ctx, created);
  ctx.out['service-users'].push({
    _id: id,
    account_code: accountCode(ctx, name.firstName, name.lastName),
    billing_comms_preference: fields.billing_comms_preference,
    billing_enabled: fields.billing_enabled,
    created: createdStamp,
    date_of_birth: formatDay(birth),
    email: fields.email,
    email_invoices_to: fields.email_invoices_to,
    first_name: name.firstName,
    future_billing_disabled: fields.future_billing_disabled,
    has_direct_debit_mandate: fields.has_direct_debit_mandate,
    initials: rng.chance(0.7) ? initialsOf(name.firstName, name.lastName) : null,
    invoices_service_user_id_fields: fields.invoices_service_user_id_fields,
    large_print_requested_for_billing: fields.large_print_requested_for_billing,
    last_name: name.lastName,
    location: home.id,
    modified: createdStamp,
    nhs_number: nhsNumber(rng),
    patient_id: `P${rng.int(100000, 999999)}`,
    payment_method: fields.payment_method,
    phone: '',
    postal_address: fields.billing_enabled ? home.address : null,
    ref: `${home.ref}-${String(ctx.out['service-users'].length + 1).padStart(5, '0')}`,
    title: name.title,
  });
  return { id, name, sex };
}

const RELATIONSHIPS_CHILD = [
  'Daughter',
  'Son',
  'Daughter',
  'Son',
  'Niece',
  'Nephew',
  'Granddaughter',
  'Grandson',
];

/**
 * Pushes a family contact of `resident`; `paying` gives them billing fields.
 *
 * @example const contactId = pushContact(ctx, home, resident, created, true)
 */
export function pushContact(
  ctx: Context,
  home: Home,
  resident: Resident,
  created: Day,
  paying: boolean,
): string {
  const { rng } = ctx;
  const id = ctx.nextId();
  const relationship = rng.pick(RELATIONSHIPS_CHILD);
  const sex: Sex = /Daughter|Niece|Granddaughter/.test(relationship) ? 'f' : 'm';
  const name = pickName(rng, sex, rng.chance(0.5) ? resident.name.lastName : undefined);
  const hasEmail = rng.chance(paying ? 0.85 : 0.6);
  const email = hasEmail
    ? `${emailLocalPart(name.firstName, name.lastName)}@${rng.pick(EMAIL_DOMAINS)}`
    : '';
  const fields = paying ? payingFields(ctx, email, false) : nonPayingFields(email);
  const createdStamp = timestamp(ctx, created);
  const poa = rng.next();
  ctx.out['service-user-contacts'].push({
    _id: id,
    account_code: accountCode(ctx, name.firstName, name.lastName),
    billing_comms_preference: fields.billing_comms_preference,
    billing_enabled: fields.billing_enabled,
    care_enquiry: null,
    created: createdStamp,
    email: fields.email,
    email_invoices_to: fields.email_invoices_to,
    emergency_contact: rng.chance(0.7),
    first_name: name.firstName,
    future_billing_disabled: fields.future_billing_disabled,
    has_direct_debit_mandate: fields.has_direct_debit_mandate,
    invoices_service_user_id_fields: fields.invoices_service_user_id_fields,
    large_print_requested_for_billing: fields.large_print_requested_for_billing,
    last_name: name.lastName,
    location: home.id,
    mobile: `07${rng.int(100, 999)}${rng.int(100000, 999999)}`,
    modified: createdStamp,
    next_of_kin: rng.chance(0.8),
    notes: '',
    payment_method: fields.payment_method,
    phone: rng.chance(0.6) ? `01${rng.int(200, 999)}${rng.int(100000, 999999)}` : '',
    poa_types:
      poa < 0.4 ? ['lpa_property_affairs', 'lpa_health_welfare'] : poa < 0.55 ? ['epa'] : [],
    postal_address: postalAddress(rng, randomTown(rng)),
    relationship,
    service_user: resident.id,
    title: name.title,
    work_phone: '',
  });
  return id;
}
