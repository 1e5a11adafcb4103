import { FieldSpec } from '../../fields';
import { QueryError } from '../../errors/query-error';
import {
  CompiledRegex,
  ConditionSource,
  ErrorMatchKey,
  FilterCondition,
  IsoInstant,
  MatchCondition,
  Operand,
  SubstringLiteral,
} from '../condition.types';
import { comparisonOf, FilterOperator, ListOperator, ScalarOperator } from '../filter-operators';
import { containPattern } from '../regex/contain-pattern';
import { toLuceneRegex } from '../regex/lucene-regex.emitter';
import { parseRegex } from '../regex/regex.parser';
import { RegexSyntaxError } from '../regex/regex-syntax.error';
import { containValueProblem, MAX_LUCENE_REGEX_LENGTH } from './contain-value.check';
import { parseIsoInstant } from './iso-instant.parser';
import {
  describe,
  exceedsCharacters,
  hasLoneSurrogate,
  invalid,
  LONE_SURROGATE_REASON,
  MAX_LIST_ITEMS,
  MAX_REGEX_LENGTH,
  MAX_STRING_VALUE_LENGTH,
} from './parse-limits';
import { parseTimediff } from './timediff.parser';

/** A condition's value once its JSON shape is known to fit the operator (condition.parser.ts). */
export type ShapedValue =
  | { readonly shape: 'scalar'; readonly op: ScalarOperator; readonly value: unknown }
  | { readonly shape: 'list'; readonly op: ListOperator; readonly items: readonly unknown[] }
  | { readonly shape: 'boolean'; readonly op: 'exists'; readonly value: boolean }
  | {
      readonly shape: 'dict';
      readonly op: 'match';
      readonly value: Readonly<Record<string, unknown>>;
    };

interface Ctx {
  readonly path: string;
  readonly field: FieldSpec;
  readonly op: FilterOperator;
  readonly source: ConditionSource;
}

const fail = (ctx: Ctx, reason: string): QueryError =>
  invalid(ctx.path, `${reason} (key = ${ctx.field.key}, operator = ${ctx.op})`);

/** Checks that the value makes sense for the key and returns the typed condition; throws a QueryError. */
export function parseConditionValue(
  at: { readonly path: string; readonly field: FieldSpec; readonly source: ConditionSource },
  shaped: ShapedValue,
): FilterCondition {
  const ctx: Ctx = { ...at, op: shaped.op };
  const { field, source } = ctx;
  switch (shaped.shape) {
    case 'boolean':
      return { kind: 'exists', field, source, present: shaped.value };
    case 'dict':
      return matchCondition(ctx, shaped.value);
    case 'list':
      return listCondition(ctx, shaped.op, shaped.items);
    case 'scalar':
      return scalarCondition(ctx, shaped.op, shaped.value);
    default: {
      const unreachable: never = shaped;
      return unreachable;
    }
  }
}

function scalarCondition(ctx: Ctx, op: ScalarOperator, value: unknown): FilterCondition {
  const { field, source } = ctx;
  switch (op) {
    case 'eq':
    case 'not':
      return {
        kind: 'equals',
        field,
        source,
        negated: op === 'not',
        operand: value === null ? null : operandFor(ctx, value),
      };
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      if (field.kind === 'errors')
        throw fail(ctx, 'errors supports only exists, match and eq/not null');
      if (value === null) throw fail(ctx, 'null cannot be compared');
      return { kind: 'compare', field, source, comparison: op, operand: operandFor(ctx, value) };
    case 'contain':
    case 'not_contain':
      textField(ctx);
      return {
        kind: 'substring',
        field,
        source,
        negated: op === 'not_contain',
        literals: [literalFor(ctx, value)],
      };
    case 'regex':
      textField(ctx);
      return { kind: 'regex', field, source, patterns: [regexFor(ctx, value)] };
    case 'datetime_lt':
    case 'datetime_lte':
    case 'datetime_gt':
    case 'datetime_gte':
      dateField(ctx);
      return {
        kind: 'compare',
        field,
        source,
        comparison: comparisonOf(op),
        operand: { type: 'instant', instant: isoDate(ctx, value) },
      };
    case 'timediff_lt':
    case 'timediff_lte':
    case 'timediff_gt':
    case 'timediff_gte': {
      dateField(ctx);
      const timediff = typeof value === 'string' ? parseTimediff(value) : undefined;
      if (!timediff) {
        throw fail(
          ctx,
          `${describe(value)} is not a timediff like "now/d - 7d" (now|now/d|now/w|now/m ± N s|m|h|d|w)`,
        );
      }
      return { kind: 'timediff', field, source, comparison: comparisonOf(op), timediff };
    }
    default: {
      const unreachable: never = op;
      return unreachable;
    }
  }
}

function listCondition(ctx: Ctx, op: ListOperator, items: readonly unknown[]): FilterCondition {
  const { field, source } = ctx;
  switch (op) {
    case 'in':
    case 'not_in': {
      list(ctx, items, true);
      // equal items are one operand: the query is the same and stays smaller
      const distinct = [...new Set(items)].filter((item) => item !== null);
      return {
        kind: 'one-of',
        field,
        source,
        negated: op === 'not_in',
        operands: distinct.map((item) => operandFor(ctx, item)),
        includesNull: items.includes(null),
      };
    }
    case 'contain_in':
    case 'not_contain_in':
      textField(ctx);
      return {
        kind: 'substring',
        field,
        source,
        negated: op === 'not_contain_in',
        literals: list(ctx, items, false).map((item) => literalFor(ctx, item)),
      };
    case 'regex_in':
      textField(ctx);
      return {
        kind: 'regex',
        field,
        source,
        patterns: list(ctx, items, false).map((item) => regexFor(ctx, item)),
      };
    default: {
      const unreachable: never = op;
      return unreachable;
    }
  }
}

function operandFor(ctx: Ctx, value: unknown): Operand {
  const kind = ctx.field.kind;
  switch (kind) {
    case 'keyword':
    case 'error-keyword':
      return { type: 'text', text: text(ctx, value) };
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw fail(ctx, `${describe(value)} is not a number`);
      }
      return { type: 'number', number: value };
    case 'date':
      return { type: 'instant', instant: isoDate(ctx, value) };
    case 'errors':
    case 'error-object':
      throw fail(ctx, 'errors supports only exists, match and eq/not null');
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

function text(ctx: Ctx, value: unknown): string {
  if (typeof value !== 'string') throw fail(ctx, `${describe(value)} is not a string`);
  if (hasLoneSurrogate(value)) throw fail(ctx, `${describe(value)} ${LONE_SURROGATE_REASON}`);
  // Counted in UTF-16 units on purpose: 10,000 of them are at most 30,000 UTF-8 bytes, under
  // Lucene's 32,766-byte limit on one term; 10,000 astral characters (40,000 bytes) would not be.
  if (value.length > MAX_STRING_VALUE_LENGTH) {
    throw fail(
      ctx,
      `values are limited to ${MAX_STRING_VALUE_LENGTH} UTF-16 code units (an emoji takes two)`,
    );
  }
  return value;
}

function literalFor(ctx: Ctx, value: unknown): SubstringLiteral {
  const literal = text(ctx, value);
  const pattern = containPattern(literal);
  const reason = containValueProblem(literal, pattern);
  if (reason) throw fail(ctx, reason);
  return { text: literal, pattern };
}

function list(ctx: Ctx, items: readonly unknown[], emptyAllowed: boolean): readonly unknown[] {
  if (items.length > MAX_LIST_ITEMS)
    throw fail(ctx, `lists are limited to ${MAX_LIST_ITEMS} items`);
  if (!emptyAllowed && items.length === 0) throw fail(ctx, 'the list must not be empty');
  return items;
}

function textField(ctx: Ctx): void {
  const kind = ctx.field.kind;
  if (kind !== 'keyword' && kind !== 'error-keyword') {
    throw fail(ctx, 'this operator applies to string keys only');
  }
}

function dateField(ctx: Ctx): void {
  if (ctx.field.kind !== 'date') throw fail(ctx, 'this operator applies to date keys only');
}

function isoDate(ctx: Ctx, value: unknown): IsoInstant {
  const instant = typeof value === 'string' ? parseIsoInstant(value) : undefined;
  if (!instant) throw fail(ctx, `${describe(value)} is not a strict ISO 8601 date-time`);
  return instant;
}

function regexFor(ctx: Ctx, value: unknown): CompiledRegex {
  const pattern = text(ctx, value);
  if (exceedsCharacters(pattern, MAX_REGEX_LENGTH)) {
    throw fail(ctx, `regular expressions are limited to ${MAX_REGEX_LENGTH} characters`);
  }
  let lucene: string;
  try {
    lucene = toLuceneRegex(parseRegex(pattern));
  } catch (error) {
    if (error instanceof RegexSyntaxError) {
      throw fail(ctx, `regex ${describe(pattern)} is not supported: ${error.message}`);
    }
    throw error;
  }
  if (lucene.length > MAX_LUCENE_REGEX_LENGTH) {
    throw fail(ctx, `regex ${describe(pattern)} is too long once case-expanded for Elasticsearch`);
  }
  return { pattern, lucene };
}

const MATCH_KEYS: readonly ErrorMatchKey[] = ['error_code', 'message'];

function isMatchKey(key: string): key is ErrorMatchKey {
  return (MATCH_KEYS as readonly string[]).includes(key);
}

function matchCondition(ctx: Ctx, value: Readonly<Record<string, unknown>>): MatchCondition {
  if (ctx.field.kind !== 'errors') throw fail(ctx, 'match applies to the key errors only');
  const pairs = Object.entries(value).map(([key, expected]) => {
    if (!isMatchKey(key)) {
      throw fail(ctx, `match supports ${MATCH_KEYS.join(' and ')}, not ${describe(key)}`);
    }
    if (typeof expected !== 'string') {
      throw fail(ctx, `match value for ${key} must be a string, got ${describe(expected)}`);
    }
    if (hasLoneSurrogate(expected)) {
      throw fail(ctx, `match value for ${key} ${LONE_SURROGATE_REASON}`);
    }
    return { key, value: expected };
  });
  return { kind: 'match', field: ctx.field, source: ctx.source, pairs };
}
