import { CharSet } from './char-set';

/**
 * The supported PCRE subset as a tree. Anchors are not nodes: the parser only accepts `^` at the start
 * and `$` at the end of a top-level alternative, the only places both Lucene and the reference
 * evaluator can honour them exactly, and records them as flags.
 */
export type RegexNode =
  | { readonly type: 'char'; readonly codePoint: number }
  /**
   * A class, shorthand or `.`. Case-insensitivity expands only `cased` (literal members and ranges);
   * shorthands and `.` are case-independent already (PCRE: `[\W]` must not gain `s` via `ſ`).
   * `negated` complements the expanded union.
   */
  | {
      readonly type: 'class';
      readonly cased: CharSet;
      readonly uncased: CharSet;
      readonly negated: boolean;
    }
  | { readonly type: 'sequence'; readonly items: readonly RegexNode[] }
  | { readonly type: 'alternation'; readonly options: readonly RegexNode[] }
  | { readonly type: 'group'; readonly body: RegexNode }
  | {
      readonly type: 'repeat';
      readonly body: RegexNode;
      readonly min: number;
      readonly max: number | null;
    };

export interface RegexBranch {
  readonly anchoredStart: boolean;
  /** PCRE `$` without the D flag: end of subject, or before a final line feed */
  readonly anchoredEnd: boolean;
  readonly body: RegexNode;
}

export interface ParsedRegex {
  readonly source: string;
  readonly branches: readonly RegexBranch[];
}
