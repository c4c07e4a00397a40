/**
 * The dataset and the period of the commands that bill or report one (`preview`, `export`,
 * `report`): `--data`, and `--month` or `--from` with `--to`.
 */
import type { DayRange } from '@carebill/core';
import { parsePeriod } from '../io/period.js';

/**
 * The options, `--month` described as the command uses the month.
 *
 * @example defineCommand({ args: { ...periodArgs('Billing month YYYY-MM'), out: … } })
 */
export function periodArgs(monthDescription: string) {
  return {
    data: {
      type: 'string',
      required: true,
      description: 'Dataset folder (one JSON file per CareHQ resource)',
    },
    month: { type: 'string', description: monthDescription },
    from: { type: 'string', description: 'First day of the period YYYY-MM-DD (with --to)' },
    to: { type: 'string', description: 'Last day of the period YYYY-MM-DD (with --from)' },
  } as const;
}

/**
 * The period the options give, or the `UsageError` of {@link parsePeriod}.
 *
 * @example periodFromArgs({ month: '2024-11' }) // 1–30 November 2024
 */
export function periodFromArgs(args: Readonly<Record<string, unknown>>): DayRange {
  return parsePeriod({
    month: args['month'] as string | undefined,
    from: args['from'] as string | undefined,
    to: args['to'] as string | undefined,
  });
}
