/**
 * Records that belong to someone else: a billing contract of resident A may only link to
 * A's own records. A contract listing in `contributes_to` a contract of another resident,
 * or naming as `service_user_contact` another resident's contact, would move money
 * between two people's accounts; it is a record error (`OTHER_RESIDENTS_RECORD`) on the
 * contract, naming both residents and the other record, and parks A.
 */
import type { Mapped } from './load.js';
import type { Problem } from './problems.js';
import { shortenValue } from './problems.js';

/** A record's own `service_user` as written, when it is an id. */
function residentOf(mapped: Mapped<unknown>): string | null {
  const value = mapped.reader.value('service_user');
  return typeof value === 'string' && value !== '' ? value : null;
}

function byId(records: readonly Mapped<unknown>[]): Map<string, Mapped<unknown>> {
  return new Map(records.map((m) => [m.id, m]));
}

/**
 * OTHER_RESIDENTS_RECORD on each contract that links to another resident's contract
 * (`contributes_to`) or contact (`service_user_contact`). Read from the fields as written,
 * so a link is checked even when either record has an error of its own. Only links between
 * two records that both name a resident are checked: a block-bed contract has none.
 *
 * @example findOtherResidentsRecords(contracts, contacts) // [{ code: 'OTHER_RESIDENTS_RECORD', field: 'contributes_to.0', … }]
 */
export function findOtherResidentsRecords(
  contracts: readonly Mapped<unknown>[],
  serviceUserContacts: readonly Mapped<unknown>[],
): Problem[] {
  const contractsById = byId(contracts);
  const contactsById = byId(serviceUserContacts);
  const problems: Problem[] = [];
  const report = (contract: Mapped<unknown>, field: string, value: string, what: string) =>
    problems.push({
      severity: 'record',
      code: 'OTHER_RESIDENTS_RECORD',
      resource: 'billing-contracts',
      id: contract.id,
      field,
      value: shortenValue(value),
      message: what,
    });

  for (const contract of contracts) {
    const own = residentOf(contract);
    if (own === null) continue;
    const linked = contract.reader.value('contributes_to');
    if (Array.isArray(linked)) {
      linked.forEach((id: unknown, index) => {
        const target = typeof id === 'string' ? contractsById.get(id) : undefined;
        const theirs = target === undefined ? null : residentOf(target);
        if (typeof id !== 'string' || theirs === null || theirs === own) return;
        report(
          contract,
          `contributes_to.${index}`,
          id,
          `contributes_to.${index} lists billing contract ${id} of resident ${theirs}, but this contract is for ${own}; list only contracts of the same resident, or correct the service_user of one of them`,
        );
      });
    }
    const contactId = contract.reader.value('service_user_contact');
    const contact = typeof contactId === 'string' ? contactsById.get(contactId) : undefined;
    const contactOf = contact === undefined ? null : residentOf(contact);
    if (contactOf !== null && contactOf !== own) {
      report(
        contract,
        'service_user_contact',
        contactId as string,
        `service_user_contact ${contactId as string} is a contact of resident ${contactOf}, but this contract is for ${own}; name a contact of ${own}, or correct the contact's service_user`,
      );
    }
  }
  return problems;
}
