/**
 * Care-fund runways with and without a 3.5% fee uplift each April: when each self-funder's
 * savings fall below the upper capital limit, and by when the council must be told.
 * Run: `tsx runway-uplift.ts <folder> [YYYY-MM-DD]`.
 */
import { type Day, formatDay, formatPounds, parseDay, projectRunway } from '@carebill/core';
import { loadFolder } from './read-folder.js';

const [folder = 'data', asOfText = '2024-11-22'] = process.argv.slice(2);
const asOf = parseDay(asOfText);
if (asOf === undefined) throw new Error(`not a date: ${asOfText} (YYYY-MM-DD)`);
const loaded = await loadFolder(folder);

const flat = projectRunway(loaded, { asOf, region: 'england' });
// The percentage is decimal text, so no float touches a fee; it applies from 1 April.
const uplifted = projectRunway(loaded, {
  asOf,
  region: 'england',
  uplift: { percent: '3.5', month: 4, day: 1 },
});

const show = (day: Day | null) => (day === null ? 'beyond the horizon' : formatDay(day));
console.log(`Upper limit ${formatPounds(flat.limits.upperPence)}; as of ${formatDay(asOf)}`);
for (const resident of flat.serviceUsers) {
  const withUplift = uplifted.serviceUsers.find((r) => r.id === resident.id);
  console.log(
    `${resident.name.padEnd(24)} ${formatPounds(resident.totalAsOfPence).padStart(12)}  ` +
      `below the upper limit: ${show(resident.upperLimitDate)}, ` +
      `with the uplift ${show(withUplift?.upperLimitDate ?? null)}` +
      (withUplift?.notifyCouncilBy
        ? `; tell the council by ${show(withUplift.notifyCouncilBy)}`
        : ''),
  );
}
