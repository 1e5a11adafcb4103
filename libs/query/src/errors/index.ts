export * from './query-error';
export * from './messages';
export { assertPlainRequestData, isReservedName, RESERVED_NAMES } from './plain-request-data.guard';
export { issueToError, joinPath, parseWith } from './zod-issue.mapper';
