/**
 * Care funds (seed 002): a resident's pot of money, opening balance in pence at a date.
 */
import type { FieldReader } from './fields.js';
import { MAX_OPENING_BALANCE_PENCE } from './limits.js';
import type { CareFund } from './model.js';
import type { KnownIds } from './references.js';

/**
 * A care fund, or null when it has a record error. A negative opening balance is a
 * warning (it is used as given).
 *
 * @example mapCareFund(reader, known)?.openingBalancePence === 2875000
 */
export function mapCareFund(reader: FieldReader, known: KnownIds): CareFund | null {
  const serviceUser = reader.ref('service_user', 'service-users', known, {
    required: true,
    what: 'the _id of the resident whose money this is',
  });
  const careFundType = reader.ref('care_fund_type', 'care-fund-types', known);
  const description = reader.text('description', { output: true, long: true }).trim();
  const openingBalance = reader.money('opening_balance', {
    required: true,
    maxPence: MAX_OPENING_BALANCE_PENCE,
    limitOf: 'opening balance',
  });
  const openingBalanceDate = reader.date('opening_balance_date', { required: true });
  reader.timestamp('created');
  reader.timestamp('modified');
  if (openingBalance !== null && openingBalance < 0) {
    reader.warn(
      'NEGATIVE_OPENING_BALANCE',
      'opening_balance',
      reader.value('opening_balance'),
      'opening_balance is below zero, so this fund can pay nothing; check the balance in CareHQ',
    );
  }
  if (
    reader.hasErrors ||
    // Stryker disable next-line ConditionalExpression: only narrows the type; a missing service_user is a record error
    serviceUser === null ||
    // Stryker disable next-line ConditionalExpression: only narrows the type; a missing or bad opening_balance is a record error
    openingBalance === null ||
    // Stryker disable next-line ConditionalExpression: only narrows the type; a missing or bad opening_balance_date is a record error
    openingBalanceDate === null
  ) {
    return null;
  }
  return {
    id: reader.id,
    serviceUser,
    careFundType,
    description,
    openingBalancePence: openingBalance,
    openingBalanceDate,
  };
}
