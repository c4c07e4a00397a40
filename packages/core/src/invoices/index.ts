export * from './delivery.js';
export * from './describe.js';
export * from './group.js';
export * from './label.js';
export * from './payment.js';
export * from './preview.js';
export type * from './types.js';
