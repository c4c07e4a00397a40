/**
 * What every part of the generator shares: the random stream, the id counter, the output
 * collections, the dataset window and small helpers for CareHQ's value formats.
 */
import { type Day, formatDay, type ResourceName } from '@carebill/core';
import type { IdFactory } from './ids.js';
import type { Rng } from './prng.js';

/** A raw CareHQ record: snake_case keys, API values. */
export type RawRecord = Record<string, unknown>;

/** The generated dataset: each resource's records, in creation (= `_id`) order. */
export type GeneratedDataset = Readonly<Record<ResourceName, RawRecord[]>>;

export interface Context {
  readonly rng: Rng;
  readonly nextId: IdFactory;
  readonly out: GeneratedDataset;
  /** First day of the dataset window. */
  readonly windowStart: Day;
  /** Last day of the dataset window (`endDate`): nothing starts after it. */
  readonly end: Day;
  /** Next number for account codes, so every code is unique. */
  accountSeq: number;
}

/**
 * A CareHQ timestamp (`YYYY-MM-DD HH:MM:SS`) on a day, in office hours.
 *
 * @example timestamp(ctx, parseDay('2024-11-01')!) // '2024-11-01 16:03:23'
 */
export function timestamp(ctx: Context, day: Day): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const { rng } = ctx;
  return `${formatDay(day)} ${two(rng.int(8, 17))}:${two(rng.int(0, 59))}:${two(rng.int(0, 59))}`;
}

/**
 * A random day in [from, to] (both included; `to` below `from` gives `from`).
 *
 * @example dayBetween(ctx, d('2024-01-01'), d('2024-01-31'))
 */
export function dayBetween(ctx: Context, from: Day, to: Day): Day {
  return (to <= from ? from : ctx.rng.int(from, to)) as Day;
}

/**
 * A unique account code from a name's ASCII initials, like CareHQ's `AW0474`.
 *
 * @example accountCode(ctx, 'Abbey', 'Wall') // 'AW0001'
 */
export function accountCode(ctx: Context, firstName: string, lastName: string): string {
  ctx.accountSeq += 1;
  const letter = (text: string) =>
    (
      text
        .normalize('NFD')
        .replace(/[łŁ]/g, 'L')
        .replace(/[^A-Za-z]/g, '')[0] ?? 'X'
    ).toUpperCase();
  return `${letter(firstName)}${letter(lastName)}${String(ctx.accountSeq).padStart(4, '0')}`;
}

/**
 * `roundHalfUp(pence × (100 + percent) / 100)` in exact integer arithmetic: an annual uplift.
 *
 * @example uplift(138554, 5) === 145482
 */
export function uplift(pence: number, percent: number): number {
  return Math.floor((pence * (100 + percent) + 50) / 100);
}
