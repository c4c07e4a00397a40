/**
 * Who is referred (SPEC §9): residents whose council notice date falls on or before T plus
 * a window (default 6 months), overdue ones included, who are in the home's consent list.
 */
import { addMonths, type Day, formatDay } from '../calendar/day.js';
import type { LoadedDataset } from '../dataset/load-types.js';
import type { Dataset, ServiceUser, ServiceUserContact } from '../dataset/model.js';
import { compareText } from '../dataset/problems.js';
import { checkLoaded } from '../dataset/usable.js';
import { CarebillError } from '../errors/carebill-error.js';
import { found } from '../errors/checks.js';
import { findBillingContact } from './contact.js';
import { describeReferral } from './describe.js';
import { type ResolvedReferralOptions, resolveReferralOptions } from './options.js';
import type {
  CharitylogPerson,
  NeedsConsent,
  Referral,
  ReferralCandidate,
  ReferralOptions,
  ReferralPlan,
  ReferralRole,
  SkippedCandidate,
} from './types.js';
import { validateReferral } from './validate.js';

function clean(text: string): string {
  return text.trim();
}

function fullName(resident: ServiceUser): string {
  return clean(`${clean(resident.firstName)} ${clean(resident.lastName)}`) || resident.id;
}

function namedWithTitle(resident: ServiceUser): string {
  return [resident.title, resident.firstName, resident.lastName]
    .map(clean)
    .filter((part) => part !== '')
    .join(' ');
}

/** The fields shared by every person, in Charitylog's order (source and role first). */
function heading(options: ResolvedReferralOptions, role: ReferralRole) {
  const { source } = options;
  return source === null ? {} : { source, referral_role: role };
}

function contactPerson(contact: ServiceUserContact): Omit<CharitylogPerson, 'org_type_id'> {
  const known = (value: string | undefined) => {
    const text = clean(value ?? '');
    return text === '' ? undefined : text;
  };
  const address1 = known(contact.postalAddress?.address1);
  const postcode = known(contact.postalAddress?.postcode);
  const email = known(contact.email) ?? known(contact.emailInvoicesTo[0]);
  const phone = known(contact.phone);
  return {
    first_name: clean(contact.firstName),
    surname: clean(contact.lastName),
    ...(address1 === undefined ? {} : { address1 }),
    ...(postcode === undefined ? {} : { postcode }),
    ...(email === undefined ? {} : { email }),
    ...(phone === undefined ? {} : { phone }),
  };
}

/**
 * The referral of one resident: role 1 is their billing contact (with the description and
 * project), role 2 the resident; a resident with no contact is referred alone, as role 1.
 *
 * @example buildReferral(dataset, candidate, resident, resolveReferralOptions(options)).people.map((p) => p.referral_role)
 * // ['1', '2']
 */
export function buildReferral(
  dataset: Dataset,
  candidate: ReferralCandidate & { upperLimitDate: Day; notifyCouncilBy: Day },
  resident: ServiceUser,
  options: ResolvedReferralOptions,
): Referral {
  const { orgTypeId } = options;
  const contact = findBillingContact(dataset, resident.id, options.asOf);
  const description = describeReferral({
    residentName: namedWithTitle(resident) || resident.id,
    asOf: options.asOf,
    upperLimitDate: candidate.upperLimitDate,
    notifyCouncilBy: candidate.notifyCouncilBy,
    overdue: candidate.overdue,
    upperLimitPence: options.upperLimitPence,
    weeklyFeePence: candidate.weeklyFeePence,
  });
  const tail = {
    org_type_id: orgTypeId,
    description,
    ...(options.project === undefined ? {} : { project: options.project }),
  };
  const residentFields = {
    first_name: clean(resident.firstName),
    surname: clean(resident.lastName),
  };
  const people: CharitylogPerson[] =
    contact === null
      ? [{ ...heading(options, '1'), ...residentFields, ...tail }]
      : [
          { ...heading(options, '1'), ...contactPerson(contact), ...tail },
          { ...heading(options, '2'), ...residentFields, org_type_id: orgTypeId },
        ];
  return {
    serviceUser: resident.id,
    name: fullName(resident),
    upperLimitDate: candidate.upperLimitDate,
    notifyCouncilBy: candidate.notifyCouncilBy,
    overdue: candidate.overdue,
    contact: contact?.id ?? null,
    people,
  };
}

/**
 * Sorts every candidate into referred, needs consent or skipped (with the reason). Nothing
 * is prepared for a resident outside the consent list; a referral Charitylog would refuse
 * is skipped with a message naming the resident and the missing field; a resident the
 * load parked is skipped (`PARKED`): they have no trustworthy runway.
 *
 * Takes the whole load result (the one the candidates were projected from) and checks
 * every option first (see `checkReferralOptions`); a bad one throws a `CarebillError`.
 *
 * @example
 * const candidates = referralCandidatesFromRunway(loaded, { asOf, region: 'england' });
 * const plan = planReferrals(loaded, candidates, { asOf, consent: new Set(['su1']), upperLimitPence: 2325000 });
 * // { referrals: [su1's], needsConsent: [su2], skipped: [{ serviceUser: 'su3', code: 'NOT_DUE', … }] }
 */
export function planReferrals(
  loaded: LoadedDataset,
  candidates: readonly ReferralCandidate[],
  options: ReferralOptions,
): ReferralPlan {
  const { dataset, parkedServiceUsers: parked } = checkLoaded(loaded);
  const resolved = resolveReferralOptions(options);
  if (!Array.isArray(candidates)) {
    throw new CarebillError(
      'INVALID_OPTION',
      `candidates must be a list of referral candidates (referralCandidatesFromRunway(loaded, options)); found ${found(candidates)}`,
      { option: 'candidates' },
    );
  }
  const windowEnd = addMonths(resolved.asOf, resolved.withinMonths);
  const referrals: Referral[] = [];
  const needsConsent: NeedsConsent[] = [];
  const skipped: SkippedCandidate[] = [];
  const skip = (serviceUser: string, code: SkippedCandidate['code'], reason: string) =>
    skipped.push({ serviceUser, code, reason });

  const sorted = [...candidates].sort((a, b) => compareText(a.serviceUser, b.serviceUser));
  for (const candidate of sorted) {
    const id = candidate.serviceUser;
    if (parked.has(id)) {
      skip(
        id,
        'PARKED',
        `Resident ${id} is parked (see the dataset report); fix the record first.`,
      );
      continue;
    }
    const resident = dataset.serviceUsers.get(id);
    if (!resident) {
      skip(id, 'UNKNOWN_RESIDENT', `Resident ${id} is not in service-users.json.`);
      continue;
    }
    const upperLimitDate = candidate.upperLimitDate;
    if (upperLimitDate === null) {
      skip(
        id,
        'NO_UPPER_LIMIT_DATE',
        `Resident ${id}: capital is not projected to fall below the upper limit within the runway horizon.`,
      );
      continue;
    }
    const notifyCouncilBy = candidate.notifyCouncilBy ?? upperLimitDate;
    if (!candidate.overdue && notifyCouncilBy > windowEnd) {
      skip(
        id,
        'NOT_DUE',
        `Resident ${id}: the council need not be told until ${formatDay(notifyCouncilBy)}, after the window ending ${formatDay(windowEnd)}.`,
      );
      continue;
    }
    if (!resolved.consent.has(id)) {
      needsConsent.push({
        serviceUser: id,
        upperLimitDate,
        notifyCouncilBy,
        overdue: candidate.overdue,
      });
      continue;
    }
    const referral = buildReferral(
      dataset,
      { ...candidate, upperLimitDate, notifyCouncilBy },
      resident,
      resolved,
    );
    const problems = validateReferral(referral);
    if (problems.length > 0) {
      skip(id, 'MISSING_REQUIRED_FIELD', problems.join(' '));
      continue;
    }
    referrals.push(referral);
  }
  return { asOf: resolved.asOf, windowEnd, referrals, needsConsent, skipped };
}
