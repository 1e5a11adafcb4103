import { ERRORS_PATH, FieldSpec } from '../../fields';
import { JsonObject } from '../../search-port';
import { CompiledRegex, MatchCondition, Operand } from '../condition.types';
import { Comparison } from '../filter-operators';
import { ContainPattern } from '../regex/contain-pattern';
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

/** `null` is "null or missing". */
export function equals(field: FieldSpec, operand: Operand | null): JsonObject {
  if (operand === null) return not(present(field));
  switch (operand.type) {
    case 'number':
      return isInt32(operand.number) ? term(field.key, operand.number) : matchNone();
    case 'instant': {
      const { epochMs, subMs } = operand.instant;
      // no stored millisecond equals a sub-millisecond instant
      if (subMs) return matchNone();
      return range(field.key, { gte: epochMs, lte: epochMs, format: 'epoch_millis' });
    }
    case 'text':
      return onField(field, (path) => term(path, operand.text));
    default: {
      const unreachable: never = operand;
      return unreachable;
    }
  }
}

export function oneOf(
  field: FieldSpec,
  operands: readonly Operand[],
  includesNull: boolean,
): JsonObject {
  const parts: JsonObject[] = [];
  const scalars: (string | number)[] = [];
  for (const operand of operands) {
    // a date value is an instant, possibly sub-millisecond: one exact range each, not terms
    if (operand.type === 'instant') parts.push(equals(field, operand));
    else if (operand.type === 'text') scalars.push(operand.text);
    else if (isInt32(operand.number)) scalars.push(operand.number);
  }
  if (scalars.length > 0) parts.push(onField(field, (path) => terms(path, scalars)));
  if (includesNull) parts.push(equals(field, null));
  return anyOf(parts);
}

export function compare(field: FieldSpec, op: Comparison, operand: Operand): JsonObject {
  switch (operand.type) {
    case 'number':
      return int32Range(field, int32Bound(integerBound(op, operand.number)));
    case 'instant':
      return compareInstant(field, op, operand.instant.epochMs, operand.instant.subMs);
    case 'text':
      // keyword ranges compare UTF-8 bytes, i.e. code points, as api.md requires
      return onField(field, (path) => range(path, { [op]: operand.text }));
    default: {
      const unreachable: never = operand;
      return unreachable;
    }
  }
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

export function contains(field: FieldSpec, pattern: ContainPattern): JsonObject {
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

export function matchesRegex(field: FieldSpec, regex: CompiledRegex): JsonObject {
  return onField(field, (path) => ({ regexp: { [path]: { value: regex.lucene, flags: 'NONE' } } }));
}

/** `match` on `errors`: one error equal to every given pair (none → has an error). */
export function elementMatches(pairs: MatchCondition['pairs']): JsonObject {
  const clauses = pairs.map(({ key, value }) => term(`${ERRORS_PATH}.${key}`, value));
  return nested(ERRORS_PATH, allOf(clauses));
}

export { anyOf };
