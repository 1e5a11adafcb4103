export * from './projection';
export * from './stack/stack-control';
export * from './stack/stack-endpoints';
export * from './stack/test-names';
export * from './net/free-port';
export * from './process/process-alive';
export * from './contract/malformed-events';
export * from './profiling/allocation-summary';
