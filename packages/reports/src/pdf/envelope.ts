/**
 * Where the payer's address goes so it shows through a UK DL window envelope (A4 folded
 * in three): the left window starts about 20 mm from the left edge and 45–50 mm from the
 * top, and is about 90 × 35–45 mm. The address starts a little inside it.
 */

/** Points per millimetre (72 / 25.4). */
export const MM = 72 / 25.4;

export const WINDOW = {
  /** The address's left edge: 22 mm, 2 mm inside the window. */
  x: 22 * MM,
  /** The address's top: 50 mm from the top of the page. */
  y: 50 * MM,
  /** Width of the address block: 85 mm, inside a 90 mm window. */
  width: 85 * MM,
} as const;
