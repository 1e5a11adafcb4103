/*
 * What the operators' files name (metric names, label names, label values) and what an app's /metrics really
 * exposes, so a test can hold the one to the other. A PromQL expression that groups by a label no series has
 * still returns data (one group with the label empty), so "the query answers" alone cannot catch a renamed label.
 */

/** One metric family of a scrape: its samples' names (a histogram's `_bucket`, `_sum`, `_count`) and labels. */
export interface ExposedFamily {
  type: string;
  samples: Set<string>;
  labels: Map<string, Set<string>>;
}

export type Exposition = Map<string, ExposedFamily>;

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+\S+/;
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
const SUFFIXES = ['_bucket', '_sum', '_count', '_total', '_created', '_info'];

/** Parses Prometheus text format; samples are grouped under the family their `# TYPE` line names. */
export function parseExposition(text: string, into: Exposition = new Map()): Exposition {
  const familyOf = (sample: string): ExposedFamily => {
    const base = [
      sample,
      ...SUFFIXES.filter((s) => sample.endsWith(s)).map((s) => sample.slice(0, -s.length)),
    ];
    const name = base.find((b) => into.has(b)) ?? sample;
    let family = into.get(name);
    if (family === undefined) {
      family = { type: 'untyped', samples: new Set(), labels: new Map() };
      into.set(name, family);
    }
    return family;
  };
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) {
      const existing = into.get(type[1]!);
      if (existing === undefined)
        into.set(type[1]!, { type: type[2]!, samples: new Set(), labels: new Map() });
      continue;
    }
    if (line.startsWith('#') || line.trim() === '') continue;
    const sample = SAMPLE.exec(line);
    if (!sample) continue;
    const family = familyOf(sample[1]!);
    family.samples.add(sample[1]!);
    for (const [, name, value] of (sample[2] ?? '').matchAll(LABEL_PAIR)) {
      const values = family.labels.get(name!) ?? new Set<string>();
      values.add(value!);
      family.labels.set(name!, values);
    }
  }
  return into;
}

/** A family, or the family of a sample name (`x_bucket` → `x`). */
export function familyNamed(exposition: Exposition, name: string): ExposedFamily | undefined {
  for (const [familyName, family] of exposition)
    if (familyName === name || family.samples.has(name)) return family;
  return undefined;
}

/** A label matcher of an expression: `{dependency="elasticsearch"}`, `{status=~"5..|INTERNAL"}`. */
export interface LabelMatcher {
  metric: string;
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface ExpressionReferences {
  metrics: string[];
  matchers: LabelMatcher[];
  /** Labels of `by`, `without`, `on`, `ignoring`, `group_left/right`, and of a legend's `{{label}}`. */
  labels: string[];
}

/** Labels Prometheus attaches to every scraped series (the target's), not the app. */
export const TARGET_LABELS = new Set(['job', 'instance']);
/** Series Prometheus makes itself. */
const PROMETHEUS_SERIES = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped']);
const FUNCTIONS_AND_KEYWORDS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'count',
  'rate',
  'irate',
  'increase',
  'deriv',
  'delta',
  'histogram_quantile',
  'max_over_time',
  'min_over_time',
  'avg_over_time',
  'scalar',
  'vector',
  'abs',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'topk',
  'bottomk',
  'label_replace',
  'time',
  'clamp_min',
  'clamp_max',
  'absent',
  'quantile',
  'stddev',
]);

/** The app metrics, label matchers and grouping labels a PromQL expression (and its panel's legend) names. */
export function expressionReferences(expr: string, legend = ''): ExpressionReferences {
  // Durations and label values out of the way: `[5m]`, `"5..|INTERNAL"` name no metric.
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\[[^\]]*\]/g, '');
  const metrics = new Set<string>();
  for (const [, name, rest] of withoutStrings.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    if (rest !== undefined || FUNCTIONS_AND_KEYWORDS.has(name!) || PROMETHEUS_SERIES.has(name!))
      continue;
    if (/^\d/.test(name!)) continue;
    metrics.add(name!);
  }
  // Grouping labels are inside `by (...)`, which the loop above skipped as a call; drop them from the metrics.
  const labels = new Set<string>();
  for (const [, list] of expr.matchAll(
    /\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g,
  ))
    for (const label of list!
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean)) {
      labels.add(label);
      metrics.delete(label);
    }
  for (const [, label] of legend.matchAll(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g))
    labels.add(label!);
  const matchers: LabelMatcher[] = [];
  for (const [, metric, body] of expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{([^}]*)\}/g)) {
    for (const [, label, op, value] of body!.matchAll(
      /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g,
    )) {
      matchers.push({
        metric: metric!,
        label: label!,
        op: op as LabelMatcher['op'],
        value: value!,
      });
      metrics.delete(label!);
    }
  }
  return { metrics: [...metrics], matchers, labels: [...labels] };
}

/** `metric{a,b}` and `metric` (labels `a`, `b`) as the docs' metric tables write them. */
export interface DocumentedMetric {
  metric: string;
  labels: string[];
}

/**
 * The metric tables of docs/projector.md and docs/api-metrics.md: a row's first cell names one metric or several
 * (`a`, `b`), with `{labels}` or a second cell of labels; `x_*` stands for a prefix.
 */
export function documentedMetrics(markdown: string, prefix: string): DocumentedMetric[] {
  const found: DocumentedMetric[] = [];
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !cells[1]!.startsWith(`\`${prefix}`)) continue;
    const labelCell = [...cells[2]!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);
    for (const [, name, braces] of cells[1]!.matchAll(/`([a-z_*]+)(?:\{([a-z_,]+)\})?`/g)) {
      found.push({
        metric: name!,
        labels: braces !== undefined ? braces.split(',') : labelCell,
      });
    }
  }
  return found;
}

/** Every `projector_…`/`api_…` metric name a document mentions, in prose, code spans or expressions. */
export function mentionedMetrics(markdown: string): string[] {
  return [...new Set(markdown.match(/\b(?:projector|api)_[a-z0-9_]*[a-z0-9*]/g) ?? [])];
}
