export * from './decimal';
export * from './ticks';
