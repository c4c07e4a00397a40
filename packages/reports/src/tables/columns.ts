/**
 * A table column as data: its header, what kind of value it holds and how to read that
 * value from a row. The workbook and CSV writers format a kind the same way everywhere.
 */
import type { Day } from '@carebill/core';

/**
 * - `text`: a string (may be empty);
 * - `day`: a calendar {@link Day};
 * - `pence`: an integer amount of pence (pounds only at the display edge);
 * - `count`: a whole number (days, invoices, lines);
 * - `flag`: true or false ("Yes"/"No").
 */
export type ColumnKind = 'text' | 'day' | 'pence' | 'count' | 'flag';

export type CellData = string | number | boolean | null;

export interface Column<Row> {
  readonly header: string;
  readonly kind: ColumnKind;
  /** The raw value: a string for `text`, a Day for `day`, pence for `pence`, etc. */
  readonly value: (row: Row) => CellData;
  /** The value may be null (a blank cell) even though the kind is a number or a day. */
  readonly optional?: true;
}
