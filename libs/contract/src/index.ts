export { asyncApiDocument, DEFAULT_EVENTS_TOPIC } from './asyncapi-document';
export { jobTaskEventJsonSchema, OCCURRED_AT_PATTERN, EVENT_SCHEMA_ID } from './event-json-schema';
export { RULES_OUTSIDE_THE_SCHEMA } from './unexpressed-rules';
export { DEAD_LETTER_HEADERS, REPLAYED_FROM_HEADER } from '@app/domain';
export {
  CONTRACT_FILES,
  renderContract,
  writeContract,
  staleContractFiles,
} from './contract-files';
