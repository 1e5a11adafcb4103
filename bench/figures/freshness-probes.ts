import type { BenchMessage } from '../lib/workload';

/** A task whose terminal event is watched: visible once a reader sees `status`. */
export interface Probe {
  index: number;
  domainId: string;
  jobTaskId: string;
  status: 'SUCCESS' | 'FAILURE';
  sentAt: number;
  visibleAt: { es?: number; api?: number; apiUncached?: number };
}

const TERMINAL: Record<string, Probe['status']> = {
  'job_task.succeeded': 'SUCCESS',
  'job_task.failed': 'FAILURE',
};

/**
 * Picks about `perSecond` probes per second of the paced stream: each is the first occurrence of a task's
 * terminal event (later copies are the simulator's duplicates), so the task's status flips to SUCCESS/FAILURE
 * exactly when that event is projected.
 */
export function chooseProbes(
  messages: readonly BenchMessage[],
  rate: number,
  perSecond: number,
): Map<number, Probe> {
  const spacing = Math.max(1, Math.floor(rate / perSecond));
  const probes = new Map<number, Probe>();
  const seen = new Set<string>();
  let nextAt = spacing;
  messages.forEach((m, index) => {
    const value = JSON.parse(m.value) as {
      event_id: string;
      event_type: string;
      domain_id: string;
      job_task_id: string;
    };
    const status = TERMINAL[value.event_type];
    const first = !seen.has(value.event_id);
    seen.add(value.event_id);
    if (status === undefined || !first || index < nextAt) return;
    probes.set(index, {
      index,
      domainId: value.domain_id,
      jobTaskId: value.job_task_id,
      status,
      sentAt: 0,
      visibleAt: {},
    });
    nextAt = index + spacing;
  });
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
