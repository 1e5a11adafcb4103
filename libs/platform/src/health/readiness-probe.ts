/**
 * A dependency the app needs in order to do its job. `critical` probes decide readiness; the others
 * are reported but never make the app unready (Redis is an optimisation, not a requirement).
 */
export interface ReadinessProbe {
  readonly name: string;
  readonly critical: boolean;
  check(): Promise<void>;
}

export const READINESS_PROBES = Symbol('READINESS_PROBES');

export interface ReadinessReport {
  status: 'ready' | 'unavailable';
  failing: string[];
  checks: Record<string, { ok: boolean; critical: boolean; error?: string; ms: number }>;
}

const PROBE_TIMEOUT_MS = 2_000;

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function checkReadiness(probes: readonly ReadinessProbe[]): Promise<ReadinessReport> {
  const checks: ReadinessReport['checks'] = {};
  await Promise.all(
    probes.map(async (probe) => {
      const t0 = Date.now();
      try {
        await withTimeout(probe.check(), PROBE_TIMEOUT_MS);
        checks[probe.name] = { ok: true, critical: probe.critical, ms: Date.now() - t0 };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        checks[probe.name] = {
          ok: false,
          critical: probe.critical,
          error: message,
          ms: Date.now() - t0,
        };
      }
    }),
  );
  const failing = probes.filter((p) => p.critical && !checks[p.name]?.ok).map((p) => p.name);
  return { status: failing.length === 0 ? 'ready' : 'unavailable', failing, checks };
}
