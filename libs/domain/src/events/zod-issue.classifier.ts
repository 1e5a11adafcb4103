import type { z } from 'zod';
import { COUNT_FIELDS } from './event-payload.schema';
import type { DecodeProblem, DlqReason } from './dlq-reason.types';

type Path = readonly PropertyKey[];

export function valueAtPath(root: unknown, path: Path): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/**
 * Maps one schema issue onto the spec's reasons by looking at the offending JSON value itself rather than at
 * zod's wording: an absent or null object member is missing, a number out of range in a count or total is a bad
 * count, anything else (wrong JSON type, empty id, a null list element, a bad `sequence`) is a bad field.
 */
export function reasonForIssue(path: Path, value: unknown): DlqReason {
  const field = path[path.length - 1];
  if ((value === undefined || value === null) && typeof field === 'string') return 'MISSING_FIELD';
  if (typeof value === 'number' && typeof field === 'string' && COUNT_FIELDS.has(field)) {
    return 'INVALID_COUNT';
  }
  return 'INVALID_FIELD';
}

export function formatPath(path: Path): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text === '' ? String(segment) : `${text}.${String(segment)}`;
  }, '');
}

/** `root` is the value the schema ran on; `prefix` is where that value sits in the message (e.g. `['data']`). */
export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  prefix: Path = [],
): DecodeProblem[] {
  return issues.map((issue) => {
    const value = valueAtPath(root, issue.path);
    const where = formatPath([...prefix, ...issue.path]) || '(message)';
    return { reason: reasonForIssue(issue.path, value), message: `${where}: ${issue.message}` };
  });
}
