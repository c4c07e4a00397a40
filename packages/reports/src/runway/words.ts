/**
 * The key dates of a resident's runway in words, for the PDF (and anyone who reads it aloud).
 */
import { type Day, formatPounds, type ResidentRunway, type Runway } from '@carebill/core';
import { formatDayLong } from '@carebill/core/internal';

/** Whole pounds when there are no pence: "£23,250", else "£23,250.50". */
export function poundsInWords(pence: number): string {
  const text = formatPounds(pence);
  return text.endsWith('.00') ? text.slice(0, -3) : text;
}

/**
 * Sentences about the capital limits and when to tell the council.
 *
 * @example keyDateSentences(runway, resident)[0]
 * // 'Savings are projected to fall below the upper limit of £23,250 on 16 March 2025; tell the council by 16 December 2024.'
 */
export function keyDateSentences(runway: Runway, resident: ResidentRunway): string[] {
  const { upperPence, lowerPence } = runway.limits;
  const single = upperPence === lowerPence;
  const upperName = single ? 'the capital limit' : 'the upper limit';
  const horizon = formatDayLong(runway.horizonEnd);
  const sentences: string[] = [];
  const upper = resident.upperLimitDate;
  if (upper === null) {
    sentences.push(
      `Savings are projected to stay at or above ${upperName} of ${poundsInWords(upperPence)} until at least ${horizon}, the end of this forecast.`,
    );
  } else if (resident.flags.includes('below_upper_at_as_of')) {
    sentences.push(
      `Savings of ${formatPounds(resident.totalAsOfPence)} are already below ${upperName} of ${poundsInWords(upperPence)} on ${formatDayLong(runway.asOf)}; tell the council now.`,
    );
  } else {
    const notify = resident.notifyCouncilBy as Day;
    sentences.push(
      resident.flags.includes('overdue')
        ? `Savings are projected to fall below ${upperName} of ${poundsInWords(upperPence)} on ${formatDayLong(upper)}; that is less than ${runway.leadMonths} months away, so tell the council now.`
        : `Savings are projected to fall below ${upperName} of ${poundsInWords(upperPence)} on ${formatDayLong(upper)}; tell the council by ${formatDayLong(notify)}.`,
    );
  }
  if (!single) {
    const lower = resident.lowerLimitDate;
    if (lower === null) {
      sentences.push(
        `They stay at or above the lower limit of ${poundsInWords(lowerPence)} until at least ${horizon}.`,
      );
    } else if (resident.flags.includes('below_lower_at_as_of')) {
      sentences.push(`They are already below the lower limit of ${poundsInWords(lowerPence)}.`);
    } else {
      sentences.push(
        `They are projected to fall below the lower limit of ${poundsInWords(lowerPence)} on ${formatDayLong(lower)}.`,
      );
    }
    const tariffs: string[] = [];
    if (resident.weeklyTariffAsOfPence !== null && resident.weeklyTariffAsOfPence > 0) {
      tariffs.push(`${poundsInWords(resident.weeklyTariffAsOfPence)} a week now`);
    }
    if (
      resident.weeklyTariffAtUpperLimitPence !== null &&
      resident.upperLimitDate !== null &&
      !resident.flags.includes('below_upper_at_as_of')
    ) {
      tariffs.push(
        `${poundsInWords(resident.weeklyTariffAtUpperLimitPence)} a week from ${formatDayLong(resident.upperLimitDate)}`,
      );
    }
    if (tariffs.length > 0) {
      sentences.push(
        `Between the limits the council counts tariff income of £1 a week for every £250 (or part) above ${poundsInWords(lowerPence)}: ${tariffs.join('; ')}, less as savings fall.`,
      );
    }
  }
  return sentences;
}
