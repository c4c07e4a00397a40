export * from './exports/index.js';
