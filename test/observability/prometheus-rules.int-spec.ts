import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALERT_RULES,
  ALERT_RULE_TESTS,
  REPO_ROOT,
  alertRules,
  asSignal,
  dashboardExpressions,
  ensurePrometheus,
} from './observability.files';

describe('alerting rules and dashboard files', () => {
  beforeAll(() => ensurePrometheus(), 600_000);

  it('should pass promtool check rules', () => {
    const out = execFileSync('promtool', ['check', 'rules', ALERT_RULES], { encoding: 'utf8' });
    expect(out).toContain(`SUCCESS: ${alertRules().length} rules found`);
  });

  it('should fire and stay quiet as its unit tests expect (promtool test rules)', () => {
    // A backoff cycle whose gauge touches 0, and an idle instance beside a consuming one: both once misled `for`.
    const out = execFileSync('promtool', ['test', 'rules', ALERT_RULE_TESTS], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toContain('SUCCESS');
    expect(out).not.toContain('FAILED');
  });

  it('should cover every alert the operators were promised, each with a runbook section that exists', () => {
    const rules = alertRules();
    expect(rules.map((r) => r.alert).sort()).toEqual(
      [
        'ApiDown',
        'ApiServerErrors',
        'ElasticsearchUnavailable',
        'ProjectorDeadLettering',
        'ProjectorDown',
        'ProjectorLagGrowing',
        'ProjectorPartitionsPaused',
        'ProjectorProjectionLag',
      ].sort(),
    );
    const runbook = readFileSync(join(REPO_ROOT, 'docs/operations.md'), 'utf8');
    for (const rule of rules) {
      expect(rule.annotations.runbook).toBe(`docs/operations.md#${rule.alert.toLowerCase()}`);
      expect(runbook).toContain(`### ${rule.alert}\n`);
    }
  });

  it('should turn alert thresholds into bool comparisons for the live check, and leave the rest alone', () => {
    expect(asSignal('max(x) > 0')).toBe('max(x) > bool 0');
    expect(asSignal('a > 300 and sum(rate(b[5m])) > 0.05')).toBe(
      'a > bool 300 and sum(rate(b[5m])) > bool 0.05',
    );
    expect(asSignal('sum(rate(c{status=~"5.."}[5m])) / sum(rate(c[5m]))')).toBe(
      'sum(rate(c{status=~"5.."}[5m])) / sum(rate(c[5m]))',
    );
    expect(dashboardExpressions().length).toBeGreaterThanOrEqual(15);
  });
});
