import type { FieldSpec } from '../fields';
import type { Comparison, FilterOperator } from './filter-operators';
import type { ContainPattern } from './regex/contain-pattern';
import type { Timediff } from './timediff';

/**
 * What the filter parser (parse/) hands to the query builders (es/) and anyone else who evaluates a
 * condition: one validated condition, already in the form its meaning needs. Values are parsed once
 * here (instants, timediffs, regexes, literals), so a builder only switches on `kind` and never
 * re-validates, casts or re-parses.
 */

/**
 * A strict ISO 8601 instant. Elasticsearch stores dates as millisecond longs, so it is split into whole
 * milliseconds plus a flag for any finer fraction: comparisons against a sub-millisecond value are
 * then translated exactly (e.g. `lt 10.0005ms` ≡ `lte 10ms`).
 */
export interface IsoInstant {
  /** floor of the instant in epoch milliseconds */
  readonly epochMs: number;
  /** true when the value lies strictly between `epochMs` and `epochMs + 1` */
  readonly subMs: boolean;
}

/** A non-null value of the key's own type: keyword text, a JSON number for counts, an instant for dates. */
export type Operand =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'number'; readonly number: number }
  | { readonly type: 'instant'; readonly instant: IsoInstant };

/** A `regex` value with its translation (case alternatives written out, Lucene syntax). */
export interface CompiledRegex {
  readonly pattern: string;
  readonly lucene: string;
}

/** A `contain*` value with the form it is searched in (docs/query-language.md, "Literal substrings"). */
export interface SubstringLiteral {
  readonly text: string;
  readonly pattern: ContainPattern;
}

/**
 * The condition as the client wrote it (aliases resolved, a missing value as null). The reference
 * evaluators judge this independent form, and the clause limit counts its items; builders never read it.
 */
export interface ConditionSource {
  readonly key: string;
  readonly operator: FilterOperator;
  readonly value: unknown;
}

interface ConditionBase {
  readonly field: FieldSpec;
  readonly source: ConditionSource;
}

/** `eq` / `not`; a null operand means "null or missing" (on `errors*`: has no error). */
export interface EqualsCondition extends ConditionBase {
  readonly kind: 'equals';
  readonly negated: boolean;
  readonly operand: Operand | null;
}

/** `in` / `not_in`: the distinct non-null operands, and whether the list also held null. */
export interface OneOfCondition extends ConditionBase {
  readonly kind: 'one-of';
  readonly negated: boolean;
  readonly operands: readonly Operand[];
  readonly includesNull: boolean;
}

/** `lt…gte` and `datetime_*`: a fixed bound. */
export interface CompareCondition extends ConditionBase {
  readonly kind: 'compare';
  readonly comparison: Comparison;
  readonly operand: Operand;
}

/** `timediff_*`: a bound that moves with the clock, resolved against the request's `now` when built. */
export interface TimediffCondition extends ConditionBase {
  readonly kind: 'timediff';
  readonly comparison: Comparison;
  readonly timediff: Timediff;
}

export interface ExistsCondition extends ConditionBase {
  readonly kind: 'exists';
  readonly present: boolean;
}

/**
 * `contain`, `not_contain`, `contain_in`, `not_contain_in`: an OR over the literals, each negated when
 * `negated` (SpaceONE's literal semantics for `not_contain_in`; for one literal it is plain NOT).
 */
export interface SubstringCondition extends ConditionBase {
  readonly kind: 'substring';
  readonly negated: boolean;
  readonly literals: readonly SubstringLiteral[];
}

/** `regex` / `regex_in`: an OR over the compiled patterns. */
export interface RegexCondition extends ConditionBase {
  readonly kind: 'regex';
  readonly patterns: readonly CompiledRegex[];
}

export type ErrorMatchKey = 'error_code' | 'message';

/** `match` on `errors`: one error equal to every pair, in the client's order (`[]` → has an error). */
export interface MatchCondition extends ConditionBase {
  readonly kind: 'match';
  readonly pairs: readonly { readonly key: ErrorMatchKey; readonly value: string }[];
}

/** One validated filter condition. */
export type FilterCondition =
  | EqualsCondition
  | OneOfCondition
  | CompareCondition
  | TimediffCondition
  | ExistsCondition
  | SubstringCondition
  | RegexCondition
  | MatchCondition;

/** Only a timediff bound moves with the clock; every other condition means the same at any time. */
export function conditionDependsOnClock(condition: FilterCondition): boolean {
  return condition.kind === 'timediff';
}
