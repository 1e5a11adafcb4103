export * from './query-error';
export * from './messages';
export { assertNoReservedKeys, isReservedName, RESERVED_NAMES } from './prototype-keys.guard';
export { issueToError, joinPath, parseWith } from './zod-issue.mapper';
