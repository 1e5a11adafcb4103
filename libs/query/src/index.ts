export * from './errors';
export * from './search-port';
export * from './single-shard';
export * from './filter';
export * from './list';
export * from './stat';
