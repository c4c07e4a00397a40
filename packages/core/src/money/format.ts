/**
 * Pounds appear only at the display edge: these format integer pence as text.
 */

/**
 * Pence as pounds with a £ sign, thousands separators and two decimals.
 *
 * @example formatPounds(138554) === '£1,385.54'; formatPounds(-5) === '-£0.05'
 */
export function formatPounds(amountPence: number): string {
  const sign = amountPence < 0 ? '-' : '';
  const magnitude = Math.abs(amountPence);
  const pounds = Math.floor(magnitude / 100);
  const pennies = magnitude - pounds * 100;
  const grouped = String(pounds).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}£${grouped}.${pennies < 10 ? '0' : ''}${pennies}`;
}

/**
 * Pence as a plain decimal pounds string, no sign of currency and no separators, as
 * import files expect. Exact: built from the integer, never by dividing a float.
 *
 * @example formatPoundsPlain(138554) === '1385.54'; formatPoundsPlain(-5) === '-0.05'
 * @internal
 */
export function formatPoundsPlain(amountPence: number): string {
  const sign = amountPence < 0 ? '-' : '';
  const magnitude = Math.abs(amountPence);
  const pounds = Math.floor(magnitude / 100);
  const pennies = magnitude - pounds * 100;
  return `${sign}${pounds}.${pennies < 10 ? '0' : ''}${pennies}`;
}
