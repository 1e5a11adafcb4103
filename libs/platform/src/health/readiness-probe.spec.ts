import { checkReadiness, type ReadinessProbe } from './readiness-probe';

const probe = (name: string, critical: boolean, check: () => Promise<void>): ReadinessProbe => ({
  name,
  critical,
  check,
});

describe(checkReadiness.name, () => {
  it('should be ready when every critical probe answers', async () => {
    const report = await checkReadiness([probe('es', true, () => Promise.resolve())]);
    expect(report.status).toBe('ready');
    expect(report.failing).toEqual([]);
  });

  it('should name the failing critical dependency', async () => {
    const report = await checkReadiness([
      probe('es', true, () => Promise.reject(new Error('connection refused'))),
      probe('kafka', true, () => Promise.resolve()),
    ]);
    expect(report.status).toBe('unavailable');
    expect(report.failing).toEqual(['es']);
    expect(report.checks.es).toMatchObject({ ok: false, error: 'connection refused' });
  });

  it('should stay ready when only a non-critical dependency fails', async () => {
    const report = await checkReadiness([
      probe('es', true, () => Promise.resolve()),
      probe('redis', false, () => Promise.reject(new Error('down'))),
    ]);
    expect(report.status).toBe('ready');
    expect(report.checks.redis?.ok).toBe(false);
  });

  it('should treat a probe that hangs as failing', async () => {
    const report = await checkReadiness([
      probe('es', true, () => new Promise<void>(() => undefined)),
    ]);
    expect(report.failing).toEqual(['es']);
  }, 10_000);
});
