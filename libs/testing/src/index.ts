export * from './projection';
export * from './stack/stack-control';
export * from './stack/stack-endpoints';
export * from './stack/test-names';
