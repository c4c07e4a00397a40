/**
 * A draw schedule: the cumulative amount a fund (or a resident's fees) draws through any
 * day, in closed form. It is built from components — each a stretch of days with a
 * non-decreasing cumulative amount — so evaluating it is a binary search over pieces and
 * one closed-form call per component, never a walk over days.
 */
import type { Day } from '../calendar/day.js';

/** A stretch of days and its cumulative amount from `from` through any day in it. */
export interface DrawComponent {
  readonly from: Day;
  readonly to: Day;
  /** Pence drawn from `from` through `day` (`from − 1 ≤ day ≤ to`); 0 at `from − 1`, never falling. */
  readonly through: (day: Day) => number;
}

interface Piece {
  readonly from: Day;
  readonly to: Day;
  readonly components: readonly DrawComponent[];
  /** Σ component.through(from − 1): subtracted so a piece starts at 0. */
  readonly offset: number;
  /** Cumulative draw of the whole schedule before `from`. */
  readonly base: number;
  /** The piece's own total. */
  readonly total: number;
}

export interface DrawSchedule {
  readonly pieces: readonly Piece[];
}

/**
 * Cuts components into pieces at every boundary, so each piece has one fixed set of
 * components, and sums them in day order.
 *
 * @example const s = buildSchedule([{ from, to, through: (d) => (d - from + 1) * 100 }])
 */
export function buildSchedule(components: readonly DrawComponent[]): DrawSchedule {
  // Stryker disable next-line ConditionalExpression: callers give an empty stretch only after the horizon (a fund opening after it), where no other stretch reaches
  const live = components.filter((c) => c.to >= c.from).sort((a, b) => a.from - b.from);
  const cuts = new Set<number>();
  for (const c of live) {
    cuts.add(c.from);
    cuts.add(c.to + 1);
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  let base = 0;
  let active: DrawComponent[] = [];
  let next = 0; // the next component (by first day) not yet active
  // Stryker disable next-line EqualityOperator,ArithmeticOperator: the last bound is the day after every stretch ends, so nothing is live from it or past it
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i] as Day;
    const to = ((bounds[i + 1] as number) - 1) as Day;
    // A sweep: components start and stop only at bounds, so each piece's set is exact.
    active = active.filter((c) => c.to >= from);
    while (next < live.length && (live[next] as DrawComponent).from <= from) {
      active.push(live[next] as DrawComponent);
      next++;
    }
    // Stryker disable next-line ConditionalExpression: a piece with nothing live draws 0 either way
    if (active.length === 0) continue;
    let offset = 0;
    let end = 0;
    for (const c of active) {
      offset += c.through((from - 1) as Day);
      end += c.through(to);
    }
    const total = end - offset;
    pieces.push({ from, to, components: active, offset, base, total });
    base += total;
  }
  return { pieces };
}

function pieceThrough(piece: Piece, day: Day): number {
  let sum = 0;
  for (const c of piece.components) sum += c.through(day);
  return sum - piece.offset;
}

/** Index of the last piece starting on or before `day`, or −1. */
function pieceAtOrBefore(schedule: DrawSchedule, day: Day): number {
  const { pieces } = schedule;
  let lo = 0;
  let hi = pieces.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((pieces[mid] as Piece).from <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The schedule's total draw from its first day through `day`.
 *
 * @example cumulativeDraw(s, addDays(from, 6)) === 700
 */
export function cumulativeDraw(schedule: DrawSchedule, day: Day): number {
  const index = pieceAtOrBefore(schedule, day);
  if (index < 0) return 0;
  const piece = schedule.pieces[index] as Piece;
  // Stryker disable next-line EqualityOperator: on the piece's last day its own sum is its total, so `>` gives the same
  return day >= piece.to ? piece.base + piece.total : piece.base + pieceThrough(piece, day);
}

/**
 * The first day in `from`..`to` whose cumulative draw exceeds `limit`, or null: a binary
 * search over pieces, then over the days of one piece.
 *
 * @example firstDayAbove(s, 250, from, to) === addDays(from, 2) // 100 a day
 */
export function firstDayAbove(
  schedule: DrawSchedule,
  limit: number,
  from: Day,
  to: Day,
): Day | null {
  if (to < from) return null;
  if (cumulativeDraw(schedule, from) > limit) return from;
  const { pieces } = schedule;
  // First piece whose end total exceeds the limit (totals never fall).
  let lo = 0;
  let hi = pieces.length - 1;
  let index = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const piece = pieces[mid] as Piece;
    if (piece.base + piece.total > limit) {
      index = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  if (index < 0) return null;
  const piece = pieces[index] as Piece;
  let a = piece.from as number;
  let b = piece.to as number;
  while (a < b) {
    const mid = Math.floor((a + b) / 2);
    if (piece.base + pieceThrough(piece, mid as Day) > limit) b = mid;
    else a = mid + 1;
  }
  return a <= to ? (a as Day) : null;
}
