export { main, runCli } from './main.js';
export { EXIT, UsageError } from './usage-error.js';
