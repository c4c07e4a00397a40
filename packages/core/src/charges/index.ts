export * from './billable.js';
export * from './compute.js';
export * from './context.js';
export * from './fee.js';
export * from './options.js';
export * from './parties.js';
export * from './split.js';
