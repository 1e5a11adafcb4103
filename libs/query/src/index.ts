export * from './errors';
export * from './search-port';
export * from './filter';
export * from './list';
export * from './stat';
