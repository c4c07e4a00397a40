/**
 * What a line says it charges for.
 */
import { formatDayShort } from '../calendar/day.js';
import type { PayerLine } from '../charges/compute.js';
import type { Room } from '../dataset/model.js';
import { formatPounds } from '../money/format.js';

/**
 * The description of an invoice line: the period, the days and the rate charged, then the
 * room and the contract's own line description when there are any.
 *
 * A line under a contract with a `fee_contribution` quotes that contribution; any other
 * line quotes the booking's rate. A parent's line says its linked contributions are
 * deducted. A provisional end (a respite stay's proposed checkout) is said so.
 *
 * @example lineDescription(line, room)
 * // 'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £1,385.54 per week, Room 12'
 */
export function lineDescription(
  line: PayerLine,
  room: Room | undefined,
  monthly52: boolean,
): string {
  const contribution = line.contract?.feeContributionPence ?? null;
  const rate =
    contribution !== null && line.contract !== null
      ? `${formatPounds(contribution)} per ${line.contract.feeContributionUnit}`
      : `${formatPounds(line.booking.ratePence)} per ${line.booking.ratePeriod === 'weekly' ? 'week' : 'day'}`;
  const parent = line.contract !== null && line.contract.contributesTo.length > 0;
  const days = `${line.days} ${line.days === 1 ? 'day' : 'days'}`;
  const parts = [
    `Care fees ${formatDayShort(line.from)} – ${formatDayShort(line.to)}, ${days} at ${rate}`,
  ];
  if (parent) parts[0] += ' less linked contributions';
  if (monthly52 && contribution === null && line.booking.ratePeriod === 'weekly')
    parts[0] += ' (monthly: 52/12 of the weekly rate)';
  if (line.provisional) parts[0] += ' (provisional: to the proposed checkout date)';
  if (room?.name) parts.push(room.name);
  if (line.contract?.lineItemDescription) parts.push(line.contract.lineItemDescription);
  return parts.join(', ');
}
