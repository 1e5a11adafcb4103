import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  documentedMetrics,
  expressionReferences,
  familyNamed,
  mentionedMetrics,
  parseExposition,
  TARGET_LABELS,
  type Exposition,
} from './metric-references';
import { alertRules, dashboardExpressions, REPO_ROOT } from './observability.files';

export type App = 'projector' | 'api';
export type Exposed = Record<App, Exposition>;

/** The /metrics of one app's instances, merged: a label value seen on any instance counts. */
export async function scrapeAll(baseUrls: readonly string[]): Promise<Exposition> {
  const exposition: Exposition = new Map();
  for (const url of baseUrls) {
    const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) });
    if (response.status !== 200) throw new Error(`${url}/metrics answered ${response.status}`);
    parseExposition(await response.text(), exposition);
  }
  return exposition;
}

const appOf = (metric: string): App | null =>
  metric.startsWith('projector_') ? 'projector' : metric.startsWith('api_') ? 'api' : null;

const doc = (file: string): string => readFileSync(join(REPO_ROOT, file), 'utf8');

/**
 * Everything an operator's file names that the running apps do not expose, as readable lines (empty: all there):
 * - alerts.yml and the dashboard: each metric; each label they group by, join on or print in a legend (on one of
 *   the expression's metrics); each label a matcher tests, and for `=` the value;
 * - the metric tables of docs/projector.md and docs/api-metrics.md: each metric with exactly its labels;
 * - docs/operations.md: each metric it mentions.
 */
export function namedButNotExposed(exposed: Exposed): string[] {
  const problems: string[] = [];
  const family = (metric: string) => {
    const app = appOf(metric);
    return app === null ? undefined : familyNamed(exposed[app], metric);
  };

  const checkExpression = (where: string, expr: string, legend = ''): void => {
    const refs = expressionReferences(expr, legend);
    const families = refs.metrics.map((metric) => [metric, family(metric)] as const);
    for (const [metric, found] of families)
      if (found === undefined) problems.push(`${where}: metric ${metric} is not exposed`);
    for (const label of refs.labels) {
      if (TARGET_LABELS.has(label)) continue;
      if (!families.some(([, found]) => found?.labels.has(label)))
        problems.push(`${where}: no metric of ${refs.metrics.join(', ')} has the label ${label}`);
    }
    for (const m of refs.matchers) {
      if (appOf(m.metric) === null) continue;
      const values = family(m.metric)?.labels.get(m.label);
      if (values === undefined) problems.push(`${where}: ${m.metric} has no label ${m.label}`);
      else if (m.op === '=' && !values.has(m.value))
        problems.push(
          `${where}: ${m.metric}{${m.label}="${m.value}"} is not exposed (values: ${[...values].join(', ')})`,
        );
    }
  };

  for (const rule of alertRules()) checkExpression(`alert ${rule.alert}`, rule.expr);
  for (const { panel, expr, legend } of dashboardExpressions())
    checkExpression(`dashboard "${panel}"`, expr, legend);

  for (const [file, prefix] of [
    ['docs/projector.md', 'projector_'],
    ['docs/api-metrics.md', 'api_'],
  ] as const) {
    for (const { metric, labels } of documentedMetrics(doc(file), prefix)) {
      const app = appOf(metric)!;
      if (metric.endsWith('*')) {
        const stem = metric.slice(0, -1);
        if (![...exposed[app].keys()].some((name) => name.startsWith(stem)))
          problems.push(`${file}: no metric starts with ${stem}`);
        continue;
      }
      const found = exposed[app].get(metric);
      if (found === undefined) {
        problems.push(`${file}: metric ${metric} is not exposed`);
        continue;
      }
      // A labelled metric shows its labels only once it has a sample; the traffic of the test gives each one.
      const actual = [...found.labels.keys()].filter((l) => l !== 'le').sort();
      if (found.samples.size === 0) problems.push(`${file}: ${metric} has no sample to check`);
      else if (actual.join(',') !== [...labels].sort().join(','))
        problems.push(
          `${file}: ${metric} has labels {${actual.join(',')}}, the doc says {${labels.join(',')}}`,
        );
    }
  }

  for (const metric of mentionedMetrics(doc('docs/operations.md'))) {
    const app = appOf(metric)!;
    const found = metric.endsWith('*')
      ? [...exposed[app].keys()].some((name) => name.startsWith(metric.slice(0, -1)))
      : family(metric) !== undefined;
    if (!found) problems.push(`docs/operations.md: metric ${metric} is not exposed`);
  }
  return problems;
}
