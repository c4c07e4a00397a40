export type { GeneratedDataset, RawRecord } from './context.js';
export {
  type GenerateOptions,
  type GenerateResult,
  generateDataset,
  generateWithStats,
} from './generate.js';
export { createRng, type Rng } from './prng.js';
