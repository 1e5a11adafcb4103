import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const REPO_ROOT = join(__dirname, '../..');
export const ALERT_RULES = join(REPO_ROOT, 'ops/observability/prometheus/alerts.yml');
export const ALERT_RULE_TESTS = join(REPO_ROOT, 'ops/observability/prometheus/alerts.test.yml');
export const DASHBOARD = join(
  REPO_ROOT,
  'ops/observability/grafana/jobtask-read-model.dashboard.json',
);

export interface AlertRule {
  alert: string;
  expr: string;
  annotations: { runbook: string };
}

export function alertRules(): AlertRule[] {
  const doc = parse(readFileSync(ALERT_RULES, 'utf8')) as { groups: { rules: AlertRule[] }[] };
  return doc.groups.flatMap((g) => g.rules);
}

export interface DashboardPanel {
  title: string;
  targets?: { expr: string; legendFormat?: string }[];
  panels?: DashboardPanel[];
}

/** Every query of the dashboard, those of a collapsed row's panels included, with its legend. */
export function dashboardExpressions(): { panel: string; expr: string; legend: string }[] {
  const doc = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: DashboardPanel[] };
  const flat = (panels: DashboardPanel[]): DashboardPanel[] =>
    panels.flatMap((p) => [p, ...flat(p.panels ?? [])]);
  return flat(doc.panels).flatMap((p) =>
    (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr, legend: t.legendFormat ?? '' })),
  );
}

/**
 * An alert expression with every comparison against a number made a `bool` one, so it returns a sample whenever
 * its metrics exist, whether or not the alert would fire: the test asks "does this name real series", not "is
 * something wrong right now".
 */
export function asSignal(expr: string): string {
  return expr.replace(/\s(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)(?=\s|$|\))/g, ' $1 bool $2');
}

/** The project's own installer (apt-get when missing); CI runs as root with Debian's mirror reachable. */
export function ensurePrometheus(): void {
  execFileSync('bash', [join(REPO_ROOT, 'scripts/ensure-prometheus.sh')], {
    stdio: 'inherit',
    timeout: 600_000,
  });
}
