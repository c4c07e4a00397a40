/**
 * A draw schedule's search, at its edges: `firstDayAbove` answers only with a day inside
 * `from`..`to` — the first one whose cumulative draw exceeds the limit, `from` itself when
 * the draw had passed the limit before it, and null when no such day is in the range.
 */
import { describe, expect, it } from 'vitest';
import { d } from '../../test/builders.js';
import { addDays, type Day, formatDay } from '../calendar/day.js';
import { buildSchedule, cumulativeDraw, firstDayAbove } from './schedule.js';

const fmt = (day: Day | null) => (day === null ? null : formatDay(day));

describe('firstDayAbove: the first day in from..to whose cumulative draw exceeds the limit', () => {
  it('£1 a day from 1 Nov: above £2.50 first on 3 Nov', () => {
    const start = d('2024-11-01');
    const s = buildSchedule([
      { from: start, to: d('2024-11-30'), through: (day) => (day - start + 1) * 100 },
    ]);
    expect(fmt(firstDayAbove(s, 250, start, d('2024-11-30')))).toBe('2024-11-03');
  });

  it('a limit already passed before from answers from, not the earlier day', () => {
    // Above £2.50 since 3 Nov; searching from 10 Nov, 10 Nov is the first day in range.
    const start = d('2024-11-01');
    const s = buildSchedule([
      { from: start, to: d('2024-11-30'), through: (day) => (day - start + 1) * 100 },
    ]);
    expect(cumulativeDraw(s, d('2024-11-09'))).toBe(900);
    expect(fmt(firstDayAbove(s, 250, d('2024-11-10'), d('2024-11-30')))).toBe('2024-11-10');
  });

  it('a limit passed only after to: null, not the later day', () => {
    // Above £2.50 on 3 Nov, but the range ends on 2 Nov.
    const start = d('2024-11-01');
    const s = buildSchedule([
      { from: start, to: d('2024-11-30'), through: (day) => (day - start + 1) * 100 },
    ]);
    expect(firstDayAbove(s, 250, start, d('2024-11-02'))).toBeNull();
    expect(fmt(firstDayAbove(s, 250, start, d('2024-11-03')))).toBe('2024-11-03');
  });

  it('an empty range (to before from) has no day: null, even past the limit', () => {
    const start = d('2024-11-01');
    const s = buildSchedule([
      { from: start, to: d('2024-11-30'), through: (day) => (day - start + 1) * 100 },
    ]);
    const from = d('2024-11-20');
    expect(firstDayAbove(s, 250, from, addDays(from, -1))).toBeNull();
    expect(fmt(firstDayAbove(s, 250, from, from))).toBe('2024-11-20');
  });
});
