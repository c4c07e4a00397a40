export * from './contact.js';
export * from './describe.js';
export * from './encode.js';
export * from './from-runway.js';
export * from './limits.js';
export * from './plan.js';
export type * from './types.js';
export * from './validate.js';
