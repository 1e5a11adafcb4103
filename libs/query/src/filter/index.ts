export * from '../fields';
export * from './filter-operators';
export * from './query-scope';
export type * from './condition.types';
export { conditionDependsOnClock } from './condition.types';
export { parseQueryScope } from './parse/query-scope.parser';
export { parseFilterCondition } from './parse/condition.parser';
export { parseIsoInstant } from './parse/iso-instant.parser';
export { parseTimediff } from './parse/timediff.parser';
export { resolveTimediff } from './timediff';
export type { Timediff, TimediffBase, TimediffUnit } from './timediff';
export {
  MAX_CONDITIONS,
  MAX_KEYWORD_LENGTH,
  MAX_LIST_ITEMS,
  MAX_REGEX_LENGTH,
  MAX_SCOPE_CLAUSES,
  MAX_STRING_VALUE_LENGTH,
} from './parse/parse-limits';
export { buildScopeQuery } from './es/scope-query.builder';
export { conditionQuery } from './es/condition-query.builder';
export { parseRegex, MAX_REGEX_REPEAT } from './regex/regex.parser';
export { RegexSyntaxError } from './regex/regex-syntax.error';
export * from './regex/regex-ast';
export * from './regex/char-set';
export { toLuceneRegex } from './regex/lucene-regex.emitter';
export { queryErrorForRejection } from './es/es-rejection';
export { READ_MODEL_MAX_REGEX_LENGTH } from './parse/contain-value.check';
export { containPattern, substringEffort } from './regex/contain-pattern';
