export * from './format.js';
export * from './pence.js';
export * from './round.js';
