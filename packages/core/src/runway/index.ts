export * from './limits.js';
export * from './options.js';
export { drawingOrder, monthEndsFrom, projectRunway } from './project.js';
export type * from './types.js';
export * from './uplift.js';
