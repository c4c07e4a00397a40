export * from './day.js';
export * from './range.js';
