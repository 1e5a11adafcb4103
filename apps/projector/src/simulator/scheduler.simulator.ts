import { SeededRandom } from './seeded.random';

/*
 * A pure model of what a scheduler emits: jobs of several tasks, each created → started → resource results
 * (failures carry an ErrorInfo, some are retried) → succeeded or failed, a few left unfinished, and a small share of
 * events re-emitted as duplicates. Same options, same messages — tests and the benchmark rely on that.
 */

export interface SimulationOptions {
  tasks: number;
  seed: number;
  domains?: number;
  /** The first job's start time; defaults to a fixed instant so that output does not depend on the clock. */
  startAt?: string;
}

/** One Kafka record: keyed by job_task_id, the value an emitter would serialise. */
export interface SimulatedMessage {
  key: string;
  value: Record<string, unknown>;
}

export interface SimulationSummary {
  domains: number;
  jobs: number;
  tasks: number;
  events: number;
  duplicates: number;
  byType: Record<string, number>;
  outcomes: { succeeded: number; failed: number; unfinished: number };
}

const PROVIDERS = ['aws', 'google_cloud', 'azure'] as const;
const ERRORS = [
  ['ERROR_RESOURCE_COLLECT', 'failed to collect resources: access denied'],
  ['ERROR_AUTHENTICATION', 'the secret was rejected by the provider'],
  ['ERROR_THROTTLED', 'the provider API rate limit was exceeded'],
  ['ERROR_TIMEOUT', 'the collector timed out after 600s'],
] as const;
const DEFAULT_START = '2026-11-28T00:00:00.000Z';
const DUPLICATE_RATE = 0.02;

interface Timed {
  at: number;
  message: SimulatedMessage;
}

export function simulateScheduler(options: SimulationOptions): {
  messages: SimulatedMessage[];
  summary: SimulationSummary;
} {
  const random = new SeededRandom(options.seed);
  const domains = Array.from(
    { length: Math.max(1, options.domains ?? 3) },
    () => `domain-${random.hex(6)}`,
  );
  const summary: SimulationSummary = {
    domains: domains.length,
    jobs: 0,
    tasks: 0,
    events: 0,
    duplicates: 0,
    byType: {},
    outcomes: { succeeded: 0, failed: 0, unfinished: 0 },
  };
  const timed: Timed[] = [];
  let jobStart = Date.parse(options.startAt ?? DEFAULT_START);
  while (summary.tasks < options.tasks) {
    const size = Math.min(random.int(1, 5), options.tasks - summary.tasks);
    const job = { job_id: `job-${random.hex(12)}`, domain_id: random.pick(domains) };
    for (let i = 0; i < size; i += 1) timed.push(...taskEvents(random, job, jobStart, summary));
    summary.jobs += 1;
    summary.tasks += size;
    jobStart += random.int(50, 2_000);
  }
  const ordered = timed.sort((a, b) => a.at - b.at).map((t) => t.message);
  const messages = withDuplicates(random, ordered, summary);
  summary.events = messages.length;
  for (const { value } of messages) {
    const type = String(value.event_type);
    summary.byType[type] = (summary.byType[type] ?? 0) + 1;
  }
  return { messages, summary };
}

function taskEvents(
  random: SeededRandom,
  job: { job_id: string; domain_id: string },
  start: number,
  summary: SimulationSummary,
): Timed[] {
  const jobTaskId = `job-task-${random.hex(12)}`;
  const out: Timed[] = [];
  let at = start + random.int(0, 500);
  let sequence = 0;
  const emit = (event_type: string, data: Record<string, unknown> | undefined): void => {
    const value: Record<string, unknown> = {
      event_id: random.uuid(),
      event_type,
      occurred_at: isoTime(random, at),
      domain_id: job.domain_id,
      job_task_id: jobTaskId,
      sequence: sequence++,
      ...(data && { data }),
    };
    out.push({ at, message: { key: jobTaskId, value } });
    at += random.int(5, 3_000);
  };
  emit('job_task.created', {
    job_id: job.job_id,
    project_id: `project-${random.hex(12)}`,
    provider: random.pick(PROVIDERS),
    secret_id: `secret-${random.hex(12)}`,
    service_account_id: random.chance(0.8) ? `sa-${random.hex(12)}` : null,
  });
  emit('job_task.started', undefined);
  let succeeded = 0;
  let failed = 0;
  const lastingErrors: Record<string, unknown>[] = [];
  for (let r = random.int(1, 8); r > 0; r -= 1) {
    if (random.chance(0.8)) {
      const count = random.int(1, 20);
      succeeded += count;
      emit('job_task.resource_succeeded', { count });
      continue;
    }
    const count = random.int(1, 3);
    const error = errorInfo(random);
    failed += count;
    emit('job_task.resource_failed', { count, error });
    if (random.chance(0.5)) {
      succeeded += count;
      emit('job_task.resource_succeeded', { count }); // the retry worked
    } else {
      lastingErrors.push(error);
    }
  }
  const ending = random.next();
  if (ending < 0.05) {
    summary.outcomes.unfinished += 1;
  } else if (lastingErrors.length > 0 && ending < 0.55) {
    summary.outcomes.failed += 1;
    emit('job_task.failed', {
      success_count: succeeded,
      failure_count: failed,
      errors: [
        {
          error_code: 'ERROR_JOB_TASK_FAILED',
          message: `${lastingErrors.length} resource groups failed`,
        },
      ],
    });
  } else {
    summary.outcomes.succeeded += 1;
    emit(
      'job_task.succeeded',
      random.chance(0.7) ? { success_count: succeeded, failure_count: failed } : undefined,
    );
  }
  return out;
}

function errorInfo(random: SeededRandom): Record<string, unknown> {
  const [error_code, message] = random.pick(ERRORS);
  return random.chance(0.5)
    ? {
        error_code,
        message,
        additional: { resource_id: `res-${random.hex(8)}`, attempt: random.int(1, 3) },
      }
    : { error_code, message };
}

/** Most emitters send UTC with milliseconds; some send a local offset, which the projector normalises. */
function isoTime(random: SeededRandom, ms: number): string {
  if (!random.chance(0.05)) return new Date(ms).toISOString();
  const local = new Date(ms + 9 * 3_600_000).toISOString().slice(0, -1);
  return `${local}+09:00`;
}

/** Re-emits a share of the events a little later, as a producer retrying after a lost ack would. */
function withDuplicates(
  random: SeededRandom,
  messages: SimulatedMessage[],
  summary: SimulationSummary,
): SimulatedMessage[] {
  const out: SimulatedMessage[] = [];
  const delayed: { due: number; message: SimulatedMessage }[] = [];
  messages.forEach((message, i) => {
    out.push(message);
    if (random.chance(DUPLICATE_RATE)) {
      delayed.push({ due: i + random.int(1, 50), message });
      summary.duplicates += 1;
    }
    for (
      let d = delayed.findIndex((x) => x.due <= i);
      d !== -1;
      d = delayed.findIndex((x) => x.due <= i)
    ) {
      out.push(...delayed.splice(d, 1).map((x) => x.message));
    }
  });
  out.push(...delayed.map((x) => x.message));
  return out;
}
