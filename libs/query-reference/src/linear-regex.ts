import { RegexNode } from '@app/query';

/**
 * A regular-expression matcher whose cost is linear in the subject: a Thompson NFA run as a set of
 * states, one step per code point. The test oracles use it instead of a JavaScript RegExp because
 * V8 backtracks, and a generated pattern with nested quantifiers (`(.{0,})+x`) can then take longer
 * than the age of the universe on a 20-character status, where Lucene's automaton answers at once.
 */
export type RegexLeaf = Extract<RegexNode, { type: 'char' | 'class' }>;
export type LeafTest = (codePoint: number) => boolean;

export interface LinearBranch {
  readonly anchoredStart: boolean;
  /** `exact`: only at the end; `pcre`: at the end or before a final line feed */
  readonly anchoredEnd: 'none' | 'exact' | 'pcre';
  readonly body: RegexNode;
}

type State =
  | { readonly kind: 'leaf'; readonly test: LeafTest; readonly next: State }
  | { readonly kind: 'fork'; readonly next: State[] }
  | { readonly kind: 'accept'; readonly end: LinearBranch['anchoredEnd'] };

const LINE_FEED = 0x0a;

/** Whether some branch matches somewhere in the subject (a search, like RegExp.prototype.test). */
export function linearMatcher(
  branches: readonly LinearBranch[],
  leafTest: (leaf: RegexLeaf) => LeafTest,
): (subject: string) => boolean {
  const starts = branches.map((b) => ({
    anchored: b.anchoredStart,
    state: build(b.body, { kind: 'accept', end: b.anchoredEnd }, leafTest),
  }));
  return (subject) => {
    const points = Array.from(subject, (ch) => ch.codePointAt(0) ?? 0);
    let current = new Set<State>();
    for (let at = 0; ; at++) {
      for (const start of starts) if (!start.anchored || at === 0) enter(current, start.state);
      for (const state of current) {
        if (state.kind === 'accept' && acceptsAt(state.end, points, at)) return true;
      }
      const point = points[at];
      if (point === undefined) return false;
      const next = new Set<State>();
      for (const state of current) {
        if (state.kind === 'leaf' && state.test(point)) enter(next, state.next);
      }
      current = next;
    }
  };
}

function acceptsAt(end: LinearBranch['anchoredEnd'], points: number[], at: number): boolean {
  if (end === 'none' || at === points.length) return true;
  return end === 'pcre' && at === points.length - 1 && points[at] === LINE_FEED;
}

/** Adds a state and everything reachable from it without reading a code point. */
function enter(set: Set<State>, first: State): void {
  const pending = [first];
  for (let state = pending.pop(); state; state = pending.pop()) {
    if (set.has(state)) continue;
    set.add(state);
    if (state.kind === 'fork') pending.push(...state.next);
  }
}

/** The states for `node`, continuing to `next` once it has matched. */
function build(node: RegexNode, next: State, leafTest: (leaf: RegexLeaf) => LeafTest): State {
  switch (node.type) {
    case 'char':
    case 'class':
      return { kind: 'leaf', test: leafTest(node), next };
    case 'sequence':
      return node.items.reduceRight((after, item) => build(item, after, leafTest), next);
    case 'alternation':
      return { kind: 'fork', next: node.options.map((o) => build(o, next, leafTest)) };
    case 'group':
      return build(node.body, next, leafTest);
    case 'repeat':
      return buildRepeat(node, next, leafTest);
    default: {
      const unreachable: never = node;
      return unreachable;
    }
  }
}

function buildRepeat(
  node: Extract<RegexNode, { type: 'repeat' }>,
  next: State,
  leafTest: (leaf: RegexLeaf) => LeafTest,
): State {
  let tail: State;
  if (node.max === null) {
    const loop: { kind: 'fork'; next: State[] } = { kind: 'fork', next: [] };
    loop.next.push(build(node.body, loop, leafTest), next);
    tail = loop;
  } else {
    tail = next;
    for (let optional = node.max - node.min; optional > 0; optional--) {
      tail = { kind: 'fork', next: [build(node.body, tail, leafTest), next] };
    }
  }
  for (let required = node.min; required > 0; required--) tail = build(node.body, tail, leafTest);
  return tail;
}
