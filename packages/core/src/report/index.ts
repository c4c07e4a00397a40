export { PRIVATE_SOURCE, UNALLOCATED_SOURCE, UNSPECIFIED_SOURCE } from './funding.js';
export { NO_HOME_NAME } from './homes.js';
export { buildManagementPack } from './pack.js';
export type * from './types.js';
