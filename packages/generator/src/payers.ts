/**
 * Location contacts that pay: councils (shared by about ten homes each, most consolidating
 * their invoices) and NHS bodies (FNC and continuing healthcare).
 */
import { type Context, type RawRecord, timestamp } from './context.js';
import { emailLocalPart, pickName } from './names.js';
import { councilName, nhsBodyName, postalAddress, randomTown } from './places.js';

export interface Payer {
  readonly id: string;
  readonly record: RawRecord & { locations: string[] };
}

/**
 * Creates a council or NHS body location contact (its `locations` are filled in later).
 *
 * @example const council = createPayerBody(ctx, 'council', 0)
 */
export function createPayerBody(ctx: Context, kind: 'council' | 'nhs', index: number): Payer {
  const { rng } = ctx;
  const id = ctx.nextId();
  const companyName = kind === 'council' ? councilName(index) : nhsBodyName(index);
  const slug = companyName
    .toLowerCase()
    .replace(/ (county|city|borough)? ?council$/, '')
    .replace(/[^a-z]+/g, '');
  const domain = kind === 'council' ? `${slug}.gov.uk` : 'nhs.net';
  const person = pickName(rng, rng.chance(0.5) ? 'f' : 'm');
  const email =
    kind === 'council'
      ? `${emailLocalPart(person.firstName, person.lastName)}@${domain}`
      : `${
          companyName
            .replace(/^NHS /, '')
            .split(/[ ,]/)[0]
            ?.toLowerCase()
            .replace(/[^a-z]/g, '') ?? 'nhs'
        }.fnc@${domain}`;
  const created = timestamp(ctx, ctx.windowStart);
  const record = {
    _id: id,
    account_code:
      kind === 'council'
        ? `LA${String(index + 1).padStart(4, '0')}`
        : `NHS${String(index + 1).padStart(4, '0')}`,
    billing_comms_preference: ['email'],
    billing_consolidate_invoices: rng.chance(kind === 'council' ? 0.8 : 0.6),
    billing_enabled: true,
    company_name: companyName,
    created,
    email,
    email_invoices_to: rng.chance(0.7)
      ? [kind === 'council' ? `care.invoices@${domain}` : email.replace('.fnc@', '.invoices@')]
      : null,
    first_name: person.firstName,
    future_billing_disabled: null,
    has_direct_debit_mandate: null,
    invoices_service_user_id_fields: rng.chance(kind === 'council' ? 0.4 : 0.6)
      ? ['nhs_number', 'initials']
      : null,
    job_title: kind === 'council' ? 'Care Placements Officer' : 'Funded Nursing Care Lead',
    large_print_requested_for_billing: null,
    last_name: person.lastName,
    locations: [] as string[],
    mobile: null,
    modified: created,
    multi_location: false,
    next_of_kin: null,
    notes: '',
    payment_method: 'bac',
    phone: `0${rng.int(300, 345)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`,
    postal_address: postalAddress(rng, randomTown(rng)),
    street_address: {
      address_1: '',
      address_2: '',
      country: '',
      county: '',
      postcode: '',
      town: '',
    },
    tags: [kind === 'council' ? 'LA' : 'NHS'],
    title: person.title,
    tradeshift_tenant_id: null,
    website_url: kind === 'council' ? `https://www.${domain}` : 'https://www.nhs.uk',
    work_phone: null,
  };
  ctx.out['location-contacts'].push(record);
  return { id, record };
}

/**
 * Records that a payer body serves a home (and so serves several when it has more than one).
 *
 * @example servesHome(council, homeId)
 */
export function servesHome(payer: Payer, locationId: string): void {
  if (payer.record.locations.includes(locationId)) return;
  payer.record.locations.push(locationId);
  payer.record['multi_location'] = payer.record.locations.length > 1;
}
