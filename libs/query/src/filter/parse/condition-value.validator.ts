import { FieldSpec } from '../../fields';
import { QueryError } from '../../errors/query-error';
import { FilterOperator } from '../filter-operators';
import { toLuceneRegex } from '../regex/lucene-regex.emitter';
import { parseRegex } from '../regex/regex.parser';
import { RegexSyntaxError } from '../regex/regex-syntax.error';
import { containValueProblem, MAX_LUCENE_REGEX_LENGTH } from './contain-value.check';
import { parseIsoInstant } from './iso-instant.parser';
import {
  describe,
  invalid,
  isPlainObject,
  MAX_LIST_ITEMS,
  MAX_REGEX_LENGTH,
  MAX_STRING_VALUE_LENGTH,
} from './parse-limits';
import { parseTimediff } from './timediff.parser';

interface Ctx {
  readonly path: string;
  readonly field: FieldSpec;
  readonly op: FilterOperator;
}

const fail = (ctx: Ctx, reason: string): QueryError =>
  invalid(ctx.path, `${reason} (key = ${ctx.field.key}, operator = ${ctx.op})`);

/** Checks that the (shape-checked) value makes sense for the key; throws a QueryError otherwise. */
export function validateConditionValue(ctx: Ctx, value: unknown): void {
  const { op, field } = ctx;
  switch (op) {
    case 'exists':
      return;
    case 'eq':
    case 'not':
      if (value !== null) scalarFor(ctx, value);
      return;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      if (field.kind === 'errors')
        throw fail(ctx, 'errors supports only exists, match and eq/not null');
      if (value === null) throw fail(ctx, 'null cannot be compared');
      scalarFor(ctx, value);
      return;
    case 'in':
    case 'not_in':
      for (const item of list(ctx, value, true)) if (item !== null) scalarFor(ctx, item);
      return;
    case 'contain':
    case 'not_contain':
      textField(ctx);
      containText(ctx, value);
      return;
    case 'regex':
      textField(ctx);
      regex(ctx, value);
      return;
    case 'contain_in':
    case 'not_contain_in':
      textField(ctx);
      for (const item of list(ctx, value, false)) containText(ctx, item);
      return;
    case 'regex_in':
      textField(ctx);
      for (const item of list(ctx, value, false)) regex(ctx, item);
      return;
    case 'match':
      matchValue(ctx, value);
      return;
    case 'datetime_lt':
    case 'datetime_lte':
    case 'datetime_gt':
    case 'datetime_gte':
      dateField(ctx);
      isoDate(ctx, value);
      return;
    case 'timediff_lt':
    case 'timediff_lte':
    case 'timediff_gt':
    case 'timediff_gte':
      dateField(ctx);
      if (typeof value !== 'string' || !parseTimediff(value)) {
        throw fail(
          ctx,
          `${describe(value)} is not a timediff like "now/d - 7d" (now|now/d|now/w|now/m ± N s|m|h|d|w)`,
        );
      }
      return;
    default: {
      const unreachable: never = op;
      return unreachable;
    }
  }
}

function scalarFor(ctx: Ctx, value: unknown): void {
  const kind = ctx.field.kind;
  switch (kind) {
    case 'keyword':
    case 'error-keyword':
      text(ctx, value);
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw fail(ctx, `${describe(value)} is not a number`);
      }
      return;
    case 'date':
      isoDate(ctx, value);
      return;
    case 'errors':
    case 'error-object':
      throw fail(ctx, 'errors supports only exists, match and eq/not null');
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

function text(ctx: Ctx, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw fail(ctx, `${describe(value)} is not a string`);
  if (value.length > MAX_STRING_VALUE_LENGTH) {
    throw fail(ctx, `values are limited to ${MAX_STRING_VALUE_LENGTH} characters`);
  }
}

function containText(ctx: Ctx, value: unknown): void {
  text(ctx, value);
  const reason = containValueProblem(value);
  if (reason) throw fail(ctx, reason);
}

function list(ctx: Ctx, value: unknown, emptyAllowed: boolean): unknown[] {
  const items = value as unknown[];
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

function isoDate(ctx: Ctx, value: unknown): void {
  if (typeof value !== 'string' || !parseIsoInstant(value)) {
    throw fail(ctx, `${describe(value)} is not a strict ISO 8601 date-time`);
  }
}

function regex(ctx: Ctx, value: unknown): void {
  text(ctx, value);
  if (value.length > MAX_REGEX_LENGTH) {
    throw fail(ctx, `regular expressions are limited to ${MAX_REGEX_LENGTH} characters`);
  }
  try {
    const lucene = toLuceneRegex(parseRegex(value));
    if (lucene.length > MAX_LUCENE_REGEX_LENGTH) {
      throw fail(ctx, `regex ${describe(value)} is too long once case-expanded for Elasticsearch`);
    }
  } catch (error) {
    if (error instanceof RegexSyntaxError) {
      throw fail(ctx, `regex ${describe(value)} is not supported: ${error.message}`);
    }
    throw error;
  }
}

const MATCH_KEYS = ['error_code', 'message'];

function matchValue(ctx: Ctx, value: unknown): void {
  if (ctx.field.kind !== 'errors') throw fail(ctx, 'match applies to the key errors only');
  if (!isPlainObject(value)) return;
  for (const [key, expected] of Object.entries(value)) {
    if (!MATCH_KEYS.includes(key)) {
      throw fail(ctx, `match supports ${MATCH_KEYS.join(' and ')}, not ${describe(key)}`);
    }
    if (typeof expected !== 'string') {
      throw fail(ctx, `match value for ${key} must be a string, got ${describe(expected)}`);
    }
  }
}
