export { parseAlert } from './alert-parser';
export { ACCEPTED_ACTION_WORDS } from './action-resolution';
export type { ParseOptions } from './value-readers';
