import {
  ContainPattern,
  containPattern,
  MAX_SUBSTRING_EFFORT,
  substringEffort,
} from '../regex/contain-pattern';
import { describe } from './parse-limits';

/**
 * Elasticsearch's default `index.max_regex_length`, which the `regex` operator's translation keeps to,
 * so that it also runs on an index created before the read model raised the limit.
 */
export const MAX_LUCENE_REGEX_LENGTH = 1000;

/**
 * The read model's `index.max_regex_length` (libs/platform, JOB_TASKS_SETTINGS; a unit test ties the
 * two): a literal substring of any length the limits allow (10,000 characters, six UTF-16 units each
 * at most once case-expanded) fits.
 */
export const READ_MODEL_MAX_REGEX_LENGTH = 65_536;

/** A substring sent as a regexp must fit the index's regex length limit; the reason when it would not. */
export function containValueProblem(
  text: string,
  pattern: ContainPattern = containPattern(text),
): string | undefined {
  if (substringEffort(Array.from(text, (ch) => ch.codePointAt(0) ?? 0)) > MAX_SUBSTRING_EFFORT) {
    return `${describe(text)} repeats itself too much to be searched for exactly; shorten it to 1,000 characters`;
  }
  if (pattern.kind === 'regexp' && pattern.value.length > READ_MODEL_MAX_REGEX_LENGTH) {
    return `${describe(text)} is too long for a case-insensitive substring search`;
  }
  return undefined;
}
