/** The dataset loader's public API (SPEC §2, §2.1); the model and problem types are exported beside it. */
export { isTimestamp, parseMoney } from './fields.js';
export * from './limits.js';
export { loadDataset } from './load.js';
export { deriveInitials, joinName } from './people.js';
export { findInvalidChar, startsLikeFormula } from './text-checks.js';
