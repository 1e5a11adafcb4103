import type { BenchMessage } from '../lib/workload';

/** A task whose terminal event is watched: visible once a reader sees `status`. */
export interface Probe {
  index: number;
  domainId: string;
  jobTaskId: string;
  status: 'SUCCESS' | 'FAILURE';
  sentAt: number;
  visibleAt: { es?: number; api?: number; apiUncached?: number };
  /** The stream's last terminal event: it measures what a reader sees once writes stop, not the steady state. */
  tail: boolean;
}

const TERMINAL: Record<string, Probe['status']> = {
  'job_task.succeeded': 'SUCCESS',
  'job_task.failed': 'FAILURE',
};

/**
 * Picks about `perSecond` probes per second of the paced stream before `steadyEnd` (later events are still
 * produced, so every steady probe is followed by seconds of ordinary traffic), plus the stream's last terminal
 * event as the tail probe. Each is the first occurrence of a task's terminal event (later copies are the
 * simulator's duplicates), so the task's status flips to SUCCESS/FAILURE exactly when that event is projected.
 */
export function chooseProbes(
  messages: readonly BenchMessage[],
  rate: number,
  perSecond: number,
  steadyEnd: number,
): Map<number, Probe> {
  const spacing = Math.max(1, Math.floor(rate / perSecond));
  const probes = new Map<number, Probe>();
  const seen = new Set<string>();
  let nextAt = spacing;
  let last: Probe | undefined;
  for (const [index, m] of messages.entries()) {
    const value = JSON.parse(m.value) as {
      event_id: string;
      event_type: string;
      domain_id: string;
      job_task_id: string;
    };
    const status = TERMINAL[value.event_type];
    const first = !seen.has(value.event_id);
    seen.add(value.event_id);
    if (status === undefined || !first) continue;
    const probe: Probe = {
      index,
      domainId: value.domain_id,
      jobTaskId: value.job_task_id,
      status,
      sentAt: 0,
      visibleAt: {},
      tail: false,
    };
    last = probe;
    if (index < nextAt || index >= steadyEnd) continue;
    probes.set(index, probe);
    nextAt = index + spacing;
  }
  if (last) probes.set(last.index, { ...last, tail: true });
  return probes;
}

/** Moves every event of a stream into the given domains (round-robin by the stream's own domains). */
export function intoDomains(
  messages: readonly BenchMessage[],
  domains: readonly string[],
): BenchMessage[] {
  const mapping = new Map<string, string>();
  return messages.map((m) => {
    const value = JSON.parse(m.value) as Record<string, unknown>;
    const from = String(value.domain_id);
    let to = mapping.get(from);
    if (to === undefined) {
      to = domains[mapping.size % domains.length] ?? from;
      mapping.set(from, to);
    }
    return { key: m.key, value: JSON.stringify({ ...value, domain_id: to }) };
  });
}
