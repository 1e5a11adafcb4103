import type { BenchMessage } from './workload';

export interface HotTaskSpec {
  domainId: string;
  jobTaskId: string;
  /** Resource events the task receives between its start and its end. */
  resourceEvents: number;
  /** occurred_at of the `created` event; later events follow one millisecond apart. */
  startAt: string;
}

/** One failed resource in this many carries an ErrorInfo, so the document's `errors` grows with the stream. */
export const HOT_FAILURE_EVERY = 10;

/**
 * A UUID-shaped id (36 characters, like the emitters' UUIDs), so the document's bytes per event are realistic;
 * deterministic in the task and the sequence.
 */
function eventId(jobTaskId: string, sequence: number): string {
  let h = 2166136261;
  for (const c of jobTaskId) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const task = h.toString(16).padStart(8, '0');
  const seq = sequence.toString(16).padStart(12, '0');
  return `${task}-0000-4000-8000-${seq}`;
}

/**
 * The events of one long-running task: created, started, `resourceEvents` resource events (every
 * HOT_FAILURE_EVERY-th a failure with its error) and a terminal `succeeded`. Deterministic, so the expected
 * document is a pure function of the spec.
 */
export function hotTaskMessages(spec: HotTaskSpec): BenchMessage[] {
  const start = Date.parse(spec.startAt);
  if (Number.isNaN(start)) throw new Error(`hot task: startAt "${spec.startAt}" is not a time`);
  const out: BenchMessage[] = [];
  const emit = (type: string, data?: Record<string, unknown>): void => {
    const sequence = out.length;
    const value = {
      event_id: eventId(spec.jobTaskId, sequence),
      event_type: `job_task.${type}`,
      occurred_at: new Date(start + sequence).toISOString(),
      domain_id: spec.domainId,
      job_task_id: spec.jobTaskId,
      sequence,
      ...(data && { data }),
    };
    out.push({ key: spec.jobTaskId, value: JSON.stringify(value) });
  };
  emit('created', { job_id: `${spec.jobTaskId}-job` });
  emit('started');
  for (let r = 1; r <= spec.resourceEvents; r += 1) {
    if (r % HOT_FAILURE_EVERY === 0)
      emit('resource_failed', {
        count: 1,
        error: { error_code: 'ERROR_RESOURCE', message: `resource ${r} failed` },
      });
    else emit('resource_succeeded', { count: 1 });
  }
  emit('succeeded');
  return out;
}

/**
 * Deals `hot` evenly into `normal`: one hot message after every ~normal/hot normal ones, the first hot message
 * before any normal one, each stream keeping its own order, so the hot task is open for the whole stream.
 */
export function spliceEvenly(
  normal: readonly BenchMessage[],
  hot: readonly BenchMessage[],
): BenchMessage[] {
  const out: BenchMessage[] = [];
  let h = 0;
  for (let n = 0; n <= normal.length; n += 1) {
    // Hot messages due by this point of the normal stream: proportional, never ahead of the ratio.
    const due = normal.length === 0 ? hot.length : Math.ceil((n * hot.length) / normal.length);
    while (h < Math.max(due, n === 0 ? 1 : 0) && h < hot.length) out.push(hot[h++] as BenchMessage);
    const m = normal[n];
    if (m) out.push(m);
  }
  return out;
}
