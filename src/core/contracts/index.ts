export * from './contract-specs';
export * from './roll-calendar';
export * from './symbol-resolver';
