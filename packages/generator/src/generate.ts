/**
 * `generateDataset`: a whole care-home group's CareHQ data from a seed, deterministic to
 * the byte (no clock, no `Math.random`, no locale), for demos and scale tests.
 */
import { parseDay } from '@carebill/core';
import { addDays, addMonths } from '@carebill/core/internal';
import type { Context, GeneratedDataset } from './context.js';
import { FUND_TYPES } from './funding.js';
import { createHome } from './homes.js';
import { createIdFactory } from './ids.js';
import { createPayerBody, type Payer, servesHome } from './payers.js';
import { createRng } from './prng.js';
import { createResident, type FundingKind } from './residents.js';

export interface GenerateOptions {
  /** Number of care homes (locations). */
  readonly homes: number;
  /** Residents generated per home over the window (default 60). */
  readonly residentsPerHome?: number;
  /** Years of history before `endDate` (default 3). */
  readonly years?: number;
  /** Any non-negative safe integer (default 1). */
  readonly seed?: number;
  /** Last day of the window, `YYYY-MM-DD` (default `2024-11-30`). */
  readonly endDate?: string;
}

/** Counts of what was generated, by funding kind, for summaries and tests. */
export interface GenerateResult {
  readonly dataset: GeneratedDataset;
  readonly residentsByKind: Readonly<Record<FundingKind, number>>;
}

const HOMES_PER_COUNCIL = 10;
const HOMES_PER_NHS_BODY = 25;
const HOMES_PER_COMPANY = 50;

/**
 * Generates a dataset: `homes` homes of `residentsPerHome` residents over `years` years
 * ending on `endDate`. Same options ⇒ the same records, in the same order, everywhere.
 *
 * @example
 * const data = generateDataset({ homes: 5, seed: 1 });
 * data.bookings.length // about 5 × 60 × 2.5
 */
export function generateDataset(options: GenerateOptions): GeneratedDataset {
  return generateWithStats(options).dataset;
}

/**
 * {@link generateDataset}, also returning how many residents of each funding kind it made.
 *
 * @example generateWithStats({ homes: 1 }).residentsByKind.self // about 27
 */
export function generateWithStats(options: GenerateOptions): GenerateResult {
  const homes = positiveInteger('homes', options.homes);
  const residentsPerHome = positiveInteger('residentsPerHome', options.residentsPerHome ?? 60);
  const years = positiveInteger('years', options.years ?? 3);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a whole number 0 or more, got ${seed}`);
  }
  const endText = options.endDate ?? '2024-11-30';
  const end = parseDay(endText);
  if (end === undefined)
    throw new RangeError(`endDate must be a real YYYY-MM-DD date, got ${endText}`);

  const ctx: Context = {
    rng: createRng(seed),
    nextId: createIdFactory(seed),
    out: {
      bookings: [],
      'service-users': [],
      'service-user-contacts': [],
      'location-contacts': [],
      locations: [],
      'billing-contracts': [],
      'care-funds': [],
      'care-fund-types': [],
      rooms: [],
    },
    windowStart: addDays(addMonths(end, -12 * years), 1),
    end,
    accountSeq: 0,
  };

  const fundTypes = FUND_TYPES.map((spec) => {
    const id = ctx.nextId();
    ctx.out['care-fund-types'].push({
      _id: id,
      days_before_notification: spec.daysBeforeNotification,
      name: spec.name,
    });
    return { id, spec };
  });
  const councils: Payer[] = [];
  for (let i = 0; i < Math.ceil(homes / HOMES_PER_COUNCIL); i += 1) {
    councils.push(createPayerBody(ctx, 'council', i));
  }
  const nhsBodies: Payer[] = [];
  for (let i = 0; i < Math.ceil(homes / HOMES_PER_NHS_BODY); i += 1) {
    nhsBodies.push(createPayerBody(ctx, 'nhs', i));
  }

  const residentsByKind: Record<FundingKind, number> = { self: 0, council: 0, chc: 0, respite: 0 };
  const usedNames = new Set<string>();
  for (let h = 0; h < homes; h += 1) {
    const council = councils[Math.floor(h / HOMES_PER_COUNCIL)] as Payer;
    const neighbour = councils[(Math.floor(h / HOMES_PER_COUNCIL) + 1) % councils.length] as Payer;
    const nhs = nhsBodies[Math.floor(h / HOMES_PER_NHS_BODY)] as Payer;
    const company = companyName(Math.floor(h / HOMES_PER_COMPANY));
    const home = createHome(ctx, h, residentsPerHome, company, council, usedNames);
    servesHome(council, home.id);
    servesHome(nhs, home.id);
    for (let r = 0; r < residentsPerHome; r += 1) {
      // About one council placement in ten is made by the neighbouring council.
      const placing = ctx.rng.chance(0.1) ? neighbour : council;
      const kind = createResident(ctx, home, home.residentRooms[r] as string, {
        council: placing,
        nhs,
        fundTypes,
      });
      if (placing !== council && kind === 'council') servesHome(placing, home.id);
      residentsByKind[kind] += 1;
    }
  }
  return { dataset: ctx.out, residentsByKind };
}

const COMPANIES = ['Meadowbank', 'Rectory', 'Willow', 'Heather', 'Bryn', 'Oakfield'];

/** The operating company of the `n`th block of homes: `Willow Care Ltd`, then `Willow Care 2 Ltd`. */
function companyName(n: number): string {
  const round = Math.floor(n / COMPANIES.length);
  return `${COMPANIES[n % COMPANIES.length]} Care${round === 0 ? '' : ` ${round + 1}`} Ltd`;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a whole number 1 or more, got ${value}`);
  }
  return value;
}
