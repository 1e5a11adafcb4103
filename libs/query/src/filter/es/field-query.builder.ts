import { ERRORS_PATH, FieldSpec } from '../../fields';
import { JsonObject } from '../../search-port';
import { Comparison } from '../filter-operators';
import { parseIsoInstant } from '../parse/iso-instant.parser';
import { containPattern } from './contain-pattern';
import { toLuceneRegex } from '../regex/lucene-regex.emitter';
import { parseRegex } from '../regex/regex.parser';
import {
  allOf,
  anyOf,
  exists,
  matchAll,
  matchNone,
  nested,
  not,
  range,
  term,
  terms,
} from './es-dsl';
import {
  inclusiveBound,
  int32Bound,
  type Int32Bound,
  integerBound,
  isInt32,
} from './numeric-bounds';

/**
 * Positive single-field queries. A condition on `errors.*` holds when SOME error satisfies it, so it
 * is wrapped in one `nested` query; negative operators negate the whole thing (api.md).
 */
function onField(field: FieldSpec, build: (path: string) => JsonObject): JsonObject {
  return field.kind === 'error-keyword' ? nested(ERRORS_PATH, build(field.key)) : build(field.key);
}

/** Present and non-null; on `errors` and `errors.*`: the task has at least one error. */
export function present(field: FieldSpec): JsonObject {
  return field.kind === 'errors' || field.kind === 'error-keyword'
    ? nested(ERRORS_PATH, matchAll())
    : exists(field.key);
}

export function equals(field: FieldSpec, value: unknown): JsonObject {
  if (value === null) return not(present(field));
  if (field.kind === 'integer') return isInt32(value) ? term(field.key, value) : matchNone();
  if (field.kind === 'date') {
    const instant = parseIsoInstant(value as string);
    if (!instant || instant.subMs) return matchNone();
    return range(field.key, { gte: instant.epochMs, lte: instant.epochMs, format: 'epoch_millis' });
  }
  return onField(field, (path) => term(path, value));
}

export function oneOf(field: FieldSpec, items: unknown[]): JsonObject {
  const values = [...new Set(items.filter((item) => item !== null))];
  const parts: JsonObject[] = [];
  if (field.kind === 'date') {
    parts.push(...values.map((value) => equals(field, value)));
  } else {
    const candidates = field.kind === 'integer' ? values.filter(isInt32) : values;
    if (candidates.length > 0) parts.push(onField(field, (path) => terms(path, candidates)));
  }
  if (items.includes(null)) parts.push(equals(field, null));
  return anyOf(parts);
}

export function compare(field: FieldSpec, op: Comparison, value: unknown): JsonObject {
  if (field.kind === 'integer') {
    return int32Range(field, int32Bound(integerBound(op, value as number)));
  }
  if (field.kind === 'date') {
    const instant = parseIsoInstant(value as string);
    if (!instant) throw new Error(`unvalidated date ${String(value)}`);
    return compareInstant(field, op, instant.epochMs, instant.subMs);
  }
  // keyword ranges compare UTF-8 bytes, i.e. code points, as api.md requires
  return onField(field, (path) => range(path, { [op]: value }));
}

export function compareInstant(
  field: FieldSpec,
  op: Comparison,
  epochMs: number,
  subMs: boolean,
): JsonObject {
  return range(field.key, { ...inclusiveBound(op, epochMs, subMs), format: 'epoch_millis' });
}

function int32Range(field: FieldSpec, bound: Int32Bound): JsonObject {
  if (bound === 'every') return present(field);
  if (bound === 'none') return matchNone();
  return range(field.key, { ...bound });
}

export function contains(field: FieldSpec, text: string): JsonObject {
  const pattern = containPattern(text);
  return onField(field, (path) =>
    pattern.kind === 'wildcard'
      ? { wildcard: { [path]: { value: pattern.value, case_insensitive: true } } }
      : {
          regexp: {
            [path]: {
              value: pattern.value,
              flags: 'NONE',
              max_determinized_states: pattern.maxDeterminizedStates,
            },
          },
        },
  );
}

export function matchesRegex(field: FieldSpec, pattern: string): JsonObject {
  const lucene = toLuceneRegex(parseRegex(pattern));
  return onField(field, (path) => ({ regexp: { [path]: { value: lucene, flags: 'NONE' } } }));
}

/** `match` on `errors`: one error equal to every given pair (`{}` → has an error). */
export function elementMatches(pairs: Record<string, unknown>): JsonObject {
  const clauses = Object.entries(pairs).map(([key, value]) => term(`${ERRORS_PATH}.${key}`, value));
  return nested(ERRORS_PATH, allOf(clauses));
}

export { anyOf };
