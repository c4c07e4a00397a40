export * from './runway/index.js';
