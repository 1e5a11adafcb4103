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

/**
 * One request per domain and tick for every probe this reader has not seen yet (until its deadline). The readers'
 * load stays the same however far behind the projector falls: a poller per probe multiplied the searches by the
 * number of probes pending, took the 2 cores from the projector and Elasticsearch, and so made a late projector
 * later still (runs C and D).
 */
export async function pollApi(
  api: RunningApi,
  reader: Reader,
  pending: Set<Probe>,
  until: () => boolean,
): Promise<void> {
  await everyTick(until, async () => {
    const tick = now();
    for (const probe of pending) if (tick >= probe.sentAt + PROBE_TIMEOUT_MS) pending.delete(probe);
    const byDomain = new Map<string, Probe[]>();
    for (const probe of pending) {
      const probes = byDomain.get(probe.domainId) ?? [];
      probes.push(probe);
      byDomain.set(probe.domainId, probes);
    }
    await Promise.all(
      [...byDomain].map(async ([domainId, probes]) => {
        const rows = await searchStatuses(
          api,
          domainId,
          probes.map((p) => p.jobTaskId),
        );
        markSeen(probes, statusById(rows), reader, pending);
      }),
    );
  });
}

/**
 * One search per tick for every probe not yet seen by a search (refreshed segments only, unlike GET). No deadline
 * per probe: the figure watches this reader's `pending` to know the projector has caught up, and clears it itself.
 */
export async function pollElasticsearch(
  ctx: BenchContext,
  alias: string,
  pending: Set<Probe>,
  until: () => boolean,
): Promise<void> {
  await everyTick(until, async () => {
    const ids = [...pending].map((p) => p.jobTaskId);
    if (ids.length === 0) return;
    const res = await ctx.es
      .search<StatusRow>({
        index: alias,
        size: ids.length,
        query: { terms: { job_task_id: ids } },
        _source: ['job_task_id', 'status'],
      })
      .catch(() => null);
    const rows = res?.hits.hits.flatMap((h) => (h._source ? [h._source] : [])) ?? [];
    markSeen([...pending], statusById(rows), 'es', pending);
  });
}

interface StatusRow {
  job_task_id?: string;
  status?: string;
}

async function everyTick(until: () => boolean, tick: () => Promise<void>): Promise<void> {
  while (!until()) {
    await tick();
    await sleep(POLL_MS);
  }
}

async function searchStatuses(
  api: RunningApi,
  domainId: string,
  ids: string[],
): Promise<StatusRow[]> {
  const body = JSON.stringify({
    domain_id: domainId,
    query: {
      filter: [{ k: 'job_task_id', v: ids, o: 'in' }],
      only: ['job_task_id', 'status'],
      page: { limit: Math.min(ids.length, 1_000) },
    },
  });
  const res = await fetch(`${api.url}/power_scheduler/v1/job-tasks/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  }).catch(() => null);
  const answer = res?.ok ? ((await res.json()) as { results?: StatusRow[] }) : null;
  return answer?.results ?? [];
}

function statusById(rows: readonly StatusRow[]): Map<string, string> {
  const statuses = new Map<string, string>();
  for (const { job_task_id, status } of rows)
    if (job_task_id !== undefined && status !== undefined) statuses.set(job_task_id, status);
  return statuses;
}

/** A probe is seen once its task shows the probe's status; it then leaves `pending`. */
function markSeen(
  probes: readonly Probe[],
  statuses: ReadonlyMap<string, string>,
  reader: Reader,
  pending: Set<Probe>,
): void {
  const seenAt = now();
  for (const probe of probes) {
    if (statuses.get(probe.jobTaskId) !== probe.status) continue;
    probe.visibleAt[reader] = seenAt;
    pending.delete(probe);
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
