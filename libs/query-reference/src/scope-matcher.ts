import { ErrorInfo, JobTaskInfo } from '@app/domain';
import {
  ConditionSource,
  parseIsoInstant,
  parseTimediff,
  QueryScope,
  resolveTimediff,
} from '@app/query';
import { compareCodePoints, containsIgnoringCase } from './reference-text';
import { referenceRegex } from './reference-regex';

type Scalar = string | number | null;
type Kind = 'text' | 'number' | 'date';

const NUMBER_KEYS = ['success_count', 'failure_count'];
const DATE_KEYS = ['created_at', 'started_at', 'finished_at'];
const KEYWORD_KEYS = ['job_task_id', 'job_id'];

const kindOf = (key: string): Kind =>
  NUMBER_KEYS.includes(key) ? 'number' : DATE_KEYS.includes(key) ? 'date' : 'text';

/** The values a condition looks at: one per task, or one per error for `errors.*`. */
function valuesOf(doc: JobTaskInfo, key: string): Scalar[] {
  if (key.startsWith('errors.')) {
    const sub = key.slice('errors.'.length) as keyof ErrorInfo;
    return doc.errors.map((e) => (e[sub] ?? null) as Scalar);
  }
  return [((doc as unknown as Record<string, unknown>)[key] ?? null) as Scalar];
}

/** "null or missing": for `errors` and `errors.*`, having no error at all. */
function isAbsent(doc: JobTaskInfo, key: string): boolean {
  if (key === 'errors' || key.startsWith('errors.')) return doc.errors.length === 0;
  return valuesOf(doc, key)[0] === null;
}

/** A filter value as a number on the field's scale (dates: epoch ms, +0.5 for sub-ms parts). */
function numeric(kind: Kind, value: unknown): number {
  if (kind === 'number') return value as number;
  const instant = parseIsoInstant(value as string);
  if (!instant) throw new Error(`invalid date ${String(value)}`);
  return instant.epochMs + (instant.subMs ? 0.5 : 0);
}

function compareTo(kind: Kind, docValue: string | number, filterValue: number | string): number {
  if (kind === 'text') return compareCodePoints(docValue as string, filterValue as string);
  const left = kind === 'date' ? Date.parse(docValue as string) : (docValue as number);
  return left - (filterValue as number);
}

function some(doc: JobTaskInfo, key: string, test: (value: string | number) => boolean): boolean {
  return valuesOf(doc, key).some((value) => value !== null && test(value));
}

function equalsValue(doc: JobTaskInfo, key: string, value: unknown): boolean {
  if (value === null) return isAbsent(doc, key);
  const kind = kindOf(key);
  const target = kind === 'text' ? (value as string) : numeric(kind, value);
  return some(doc, key, (v) => compareTo(kind, v, target) === 0);
}

function compares(doc: JobTaskInfo, key: string, op: string, target: number | string): boolean {
  const kind = kindOf(key);
  const wanted = typeof target === 'string' && kind !== 'text' ? numeric(kind, target) : target;
  return some(doc, key, (v) => {
    const c = compareTo(kind, v, wanted);
    return op === 'lt' ? c < 0 : op === 'lte' ? c <= 0 : op === 'gt' ? c > 0 : c >= 0;
  });
}

const contains = (doc: JobTaskInfo, key: string, text: string) =>
  some(doc, key, (v) => containsIgnoringCase(v as string, text));
const regexMatches = (doc: JobTaskInfo, key: string, pattern: string) =>
  some(doc, key, (v) => referenceRegex(pattern).test(v as string));

/** api.md's meaning of one condition as the client wrote it, evaluated directly on the document. */
export function matchesCondition(doc: JobTaskInfo, c: ConditionSource, now: Date): boolean {
  const { key, value } = c;
  const list = value as unknown[];
  switch (c.operator) {
    case 'eq':
      return equalsValue(doc, key, value);
    case 'not':
      return !equalsValue(doc, key, value);
    case 'in':
      return list.some((item) => equalsValue(doc, key, item));
    case 'not_in':
      return !list.some((item) => equalsValue(doc, key, item));
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return compares(doc, key, c.operator, value as number | string);
    case 'datetime_lt':
    case 'datetime_lte':
    case 'datetime_gt':
    case 'datetime_gte':
      return compares(doc, key, c.operator.slice('datetime_'.length), value as string);
    case 'timediff_lt':
    case 'timediff_lte':
    case 'timediff_gt':
    case 'timediff_gte': {
      const timediff = parseTimediff(value as string);
      if (!timediff) throw new Error(`invalid timediff ${String(value)}`);
      return compares(
        doc,
        key,
        c.operator.slice('timediff_'.length),
        resolveTimediff(timediff, now),
      );
    }
    case 'exists':
      return value === !isAbsent(doc, key);
    case 'contain':
      return contains(doc, key, value as string);
    case 'not_contain':
      return !contains(doc, key, value as string);
    case 'contain_in':
      return list.some((item) => contains(doc, key, item as string));
    case 'not_contain_in':
      return list.some((item) => !contains(doc, key, item as string));
    case 'regex':
      return regexMatches(doc, key, value as string);
    case 'regex_in':
      return list.some((item) => regexMatches(doc, key, item as string));
    case 'match': {
      const pairs = Object.entries(value as Record<string, unknown>);
      return doc.errors.some((e) => pairs.every(([k, v]) => e[k as keyof ErrorInfo] === v));
    }
    default: {
      const unreachable: never = c.operator;
      return unreachable;
    }
  }
}

/** filter AND (filter_or OR keyword tokens), with the keyword matching job_task_id or job_id. */
export function matchesScope(doc: JobTaskInfo, scope: QueryScope, now: Date): boolean {
  if (!scope.filter.every((c) => matchesCondition(doc, c.source, now))) return false;
  const alternatives = [
    ...scope.filterOr.map((c) => () => matchesCondition(doc, c.source, now)),
    ...scope.keywordTokens.map(
      (token) => () => KEYWORD_KEYS.some((key) => contains(doc, key, token)),
    ),
  ];
  return alternatives.length === 0 || alternatives.some((alternative) => alternative());
}
