import { containPattern } from '../es/contain-pattern';
import { describe } from './parse-limits';

/** Elasticsearch's default `index.max_regex_length`, which applies to every `regexp` we send. */
export const MAX_LUCENE_REGEX_LENGTH = 1000;

/**
 * A substring with non-ASCII letters is sent as a case-expanded regexp (see contain-pattern.ts), which
 * must stay within ES's regex length limit; returns the reason when it would not.
 */
export function containValueProblem(text: string): string | undefined {
  const pattern = containPattern(text);
  if (pattern.kind === 'regexp' && pattern.value.length > MAX_LUCENE_REGEX_LENGTH) {
    return `${describe(text)} is too long for a case-insensitive search with non-ASCII letters`;
  }
  return undefined;
}
