/**
 * "Did you mean …?" for a misspelt name (a resource key, an option): the closest known
 * name, when one is close enough to be a typo.
 */

/** Case, `-`, `_` and spaces do not make names different: `service_users` ~ `service-users`. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/** Levenshtein distance with adjacent swaps (`bokoings` is one edit from `bookings`). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = rows[i - 1] as number[];
      let best = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      // Two adjacent letters swapped. In the first row or column a crossed letter lies
      // outside its name (undefined, equal to no letter), so no swap is seen there.
      if (a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * The known name closest to `name` when it is within a typo's reach (same letters ignoring
 * case and separators, or at most 1 edit in a short name and 2 in a longer one), else
 * undefined. Names longer than 64 characters are never matched.
 *
 * @example closestName('bookngs', RESOURCES) === 'bookings'
 * closestName('service_users', RESOURCES) === 'service-users'; closestName('x', RESOURCES) === undefined
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  if (name.length > 64) return undefined;
  const wanted = normalise(name);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(wanted, normalise(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const reach = wanted.length <= 4 ? 1 : 2;
  return bestDistance <= reach ? best : undefined;
}

/**
 * ` Did you mean "x"?` for a message, or '' when nothing is close.
 *
 * @example `unknown option "duedays".${didYouMean('duedays', ['dueDays'])}` // '… Did you mean "dueDays"?'
 */
export function didYouMean(name: string, known: readonly string[]): string {
  const match = closestName(name, known);
  return match === undefined ? '' : ` Did you mean "${match}"?`;
}
