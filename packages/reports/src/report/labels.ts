/**
 * How the pack's outputs name funding sources and periods for a reader. The data's own
 * `contribution_type` stays as written in `report.json` and the workbook's Source column;
 * these names are for headings, the PDF and the summary line.
 */
import type { DayRange } from '@carebill/core';
import { formatDayShort, isCalendarMonth } from '@carebill/core/internal';

const SOURCE_NAMES: Readonly<Record<string, string>> = {
  local_authority: 'Local authority',
  fnc: 'NHS nursing care (FNC)',
  chc: 'NHS continuing healthcare (CHC)',
  top_up: 'Top-up',
  private: 'Private',
  self_funded: 'Self-funded',
  resident_contribution: 'Resident contribution',
  block_bed: 'Block beds',
  unallocated: 'Unallocated',
  unspecified: 'Type not recorded',
};

/**
 * A funding source in words: the known CareHQ types by name, any other as written with
 * underscores read as spaces.
 *
 * @example fundingSourceName('local_authority') === 'Local authority'; fundingSourceName('respite_grant') === 'Respite grant'
 */
export function fundingSourceName(source: string): string {
  const known = Object.hasOwn(SOURCE_NAMES, source) ? SOURCE_NAMES[source] : undefined;
  if (known !== undefined) return known;
  const words = source.replace(/_/g, ' ').trim();
  return words === '' ? source : words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A period as a heading: "Nov 2024" for a calendar month, else "1 Nov 2024 – 15 Nov 2024".
 *
 * @example periodLabel(november) === 'Nov 2024'
 */
export function periodLabel(period: DayRange): string {
  if (isCalendarMonth(period)) return formatDayShort(period.from).replace(/^\d+ /, '');
  return `${formatDayShort(period.from)} – ${formatDayShort(period.to)}`;
}
