import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningApi } from '../lib/api-process';
import type { BenchContext } from '../lib/context';
import { latencySummary, spread, type LatencySummary, type Spread } from '../lib/stats';
import type { Probe } from './freshness-probes';

/** How each reader of figure 3 is polled, and how its latencies are summarised. */

export const POLL_MS = 50;
export const PROBE_TIMEOUT_MS = 30_000;
export type Reader = keyof Probe['visibleAt'];

export interface ReaderFreshness {
  all: LatencySummary;
  /** p50/p99 of each window of the run: the spread across repetitions. */
  windowP50: Spread;
  windowP99: Spread;
  timedOut: number;
}

export const now = (): number => performance.timeOrigin + performance.now();

export async function pollApi(
  api: RunningApi,
  probe: Probe,
  reader: Reader,
  deadline: number,
): Promise<void> {
  const body = JSON.stringify({
    domain_id: probe.domainId,
    query: { filter: [{ k: 'job_task_id', v: probe.jobTaskId, o: 'eq' }], only: ['status'] },
  });
  while (now() < deadline) {
    const res = await fetch(`${api.url}/power_scheduler/v1/job-tasks/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    }).catch(() => null);
    const answer = res?.ok ? ((await res.json()) as { results?: { status?: string }[] }) : null;
    if (answer?.results?.[0]?.status === probe.status) {
      probe.visibleAt[reader] = now();
      return;
    }
    await sleep(POLL_MS);
  }
}

/** One search per tick for every probe not yet seen by a search (refreshed segments only, unlike GET). */
export async function pollElasticsearch(
  ctx: BenchContext,
  alias: string,
  pending: Set<Probe>,
  until: () => boolean,
): Promise<void> {
  while (!until()) {
    const ids = [...pending].map((p) => p.jobTaskId);
    if (ids.length > 0) {
      const res = await ctx.es
        .search<{ job_task_id: string; status: string }>({
          index: alias,
          size: ids.length,
          query: { terms: { job_task_id: ids } },
          _source: ['job_task_id', 'status'],
        })
        .catch(() => null);
      const seenAt = now();
      const status = new Map(
        res?.hits.hits.map((h) => [h._source?.job_task_id, h._source?.status]) ?? [],
      );
      for (const probe of pending) {
        if (status.get(probe.jobTaskId) === probe.status) {
          probe.visibleAt.es = seenAt;
          pending.delete(probe);
        }
      }
    }
    await sleep(POLL_MS);
  }
}

export function readerFigure(
  probes: Probe[],
  reader: Reader,
  startedAt: number,
  windows: number,
  seconds: number,
): ReaderFreshness {
  const latency = (p: Probe): number =>
    (p.visibleAt[reader] ?? p.sentAt + PROBE_TIMEOUT_MS) - p.sentAt;
  const windowMs = (seconds * 1_000) / windows;
  const perWindow = Array.from({ length: windows }, (_, w) =>
    probes
      .filter((p) => Math.min(windows - 1, Math.floor((p.sentAt - startedAt) / windowMs)) === w)
      .map(latency),
  ).filter((values) => values.length > 0);
  return {
    all: latencySummary(probes.map(latency)),
    windowP50: spread(perWindow.map((v) => latencySummary(v).p50)),
    windowP99: spread(perWindow.map((v) => latencySummary(v).p99)),
    timedOut: probes.filter((p) => p.visibleAt[reader] === undefined).length,
  };
}
