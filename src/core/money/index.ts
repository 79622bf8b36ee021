export * from './decimal';
export * from './ticks';
export * from './usd-text';
