import { setTimeout as sleep } from 'node:timers/promises';
import { buildPathEnv, type AppBuild } from './app-build';
import { freePort, startNode, waitForHttp, type Child } from './child';
import { KAFKA_BROKERS, ES_URL, REDIS_URL } from './stack';

export interface ProjectorSpec {
  topic: string;
  groupId: string;
  alias: string;
  redisPrefix: string;
  partitions: number;
  maxBatchEvents: number;
  /** Extra node flags, e.g. a preload. */
  nodeFlags?: string[];
  extraEnv?: Record<string, string>;
}

export interface RunningProjector {
  child: Child;
  port: number;
  metrics(): Promise<ProjectorCounters>;
}

export interface ProjectorCounters {
  consumed: number;
  applied: number;
  duplicates: number;
  deadLettered: number;
  /** Flushes (one mget + bulk round each) and the messages they carried. */
  flushes: number;
  flushMessages: number;
  /** Bulk requests and the seconds spent waiting for them. */
  bulks: number;
  bulkSeconds: number;
  /** Seconds with a flush in flight (there is at most one at a time). */
  flushSeconds: number;
}

/** The environment the bench gives the compiled projector, whatever its command (serve or rebuild). */
export function projectorEnv(
  build: AppBuild,
  spec: ProjectorSpec,
  port: number,
): Record<string, string> {
  return {
    ...buildPathEnv(build),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    KAFKA_BROKERS: KAFKA_BROKERS.join(','),
    KAFKA_CLIENT_ID: spec.groupId,
    EVENTS_TOPIC: spec.topic,
    DLQ_TOPIC: `${spec.topic}.dlq`,
    EVENTS_TOPIC_PARTITIONS: String(spec.partitions),
    ELASTICSEARCH_URL: ES_URL,
    JOB_TASKS_ALIAS: spec.alias,
    REDIS_URL,
    REDIS_KEY_PREFIX: spec.redisPrefix,
    PROJECTOR_PORT: String(port),
    PROJECTOR_GROUP_ID: spec.groupId,
    PROJECTOR_MAX_BATCH_EVENTS: String(spec.maxBatchEvents),
    ...spec.extraEnv,
  };
}

/** Starts the compiled projector (`node dist/…/main.js` equivalent) and waits until /health answers. */
export async function startProjector(
  build: AppBuild,
  spec: ProjectorSpec,
): Promise<RunningProjector> {
  const port = await freePort();
  const child = startNode(
    'projector',
    [...(spec.nodeFlags ?? []), '-r', 'tsconfig-paths/register', build.projectorMain],
    projectorEnv(build, spec, port),
  );
  await waitForHttp(`http://127.0.0.1:${port}/health`, 60_000, child);
  return { child, port, metrics: () => readCounters(port) };
}

function sumOf(text: string, metric: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric) || (line[metric.length] !== ' ' && line[metric.length] !== '{'))
      continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

async function readCounters(port: number): Promise<ProjectorCounters> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
    signal: AbortSignal.timeout(5_000),
  });
  const text = await res.text();
  return {
    consumed: sumOf(text, 'projector_messages_consumed_total'),
    applied: sumOf(text, 'projector_events_applied_total'),
    duplicates: sumOf(text, 'projector_events_duplicate_total'),
    deadLettered: sumOf(text, 'projector_messages_dead_lettered_total'),
    flushes: sumOf(text, 'projector_batch_messages_count'),
    flushMessages: sumOf(text, 'projector_batch_messages_sum'),
    bulks: sumOf(text, 'projector_bulk_duration_seconds_count'),
    bulkSeconds: sumOf(text, 'projector_bulk_duration_seconds_sum'),
    flushSeconds: sumOf(text, 'projector_flush_duration_seconds_sum'),
  };
}

/**
 * Polls /metrics until the first flush has begun; returns the time of the last poll that still saw nothing
 * consumed, so the measured window can only be longer than the truth (by at most one poll interval).
 */
export async function waitForFirstConsume(
  p: RunningProjector,
  timeoutMs: number,
  pollMs = 50,
): Promise<number> {
  const until = Date.now() + timeoutMs;
  let lastIdle = performance.timeOrigin + performance.now();
  while (Date.now() < until) {
    const polledAt = performance.timeOrigin + performance.now();
    const counters = await p.metrics();
    if (counters.consumed > 0) return lastIdle;
    lastIdle = polledAt;
    await sleep(pollMs);
  }
  throw new Error(`projector consumed nothing within ${timeoutMs} ms:\n${p.child.tail()}`);
}

/** When a run read its last message and when its last effect was durable, and the counters then. */
export interface SettledRun {
  counters: ProjectorCounters;
  /** First poll that saw every message consumed (epoch ms, at most one poll late). */
  allConsumedAt: number;
  /** First poll that saw every message applied, recognised as a duplicate or dead-lettered. */
  settledAt: number;
}

/** Polls /metrics until every message of the topic has been applied, recognised as a duplicate or dead-lettered. */
export async function waitForAllSettled(
  p: RunningProjector,
  total: number,
  timeoutMs: number,
  pollMs = 100,
): Promise<SettledRun> {
  const until = Date.now() + timeoutMs;
  const now = (): number => performance.timeOrigin + performance.now();
  let counters = await p.metrics();
  let allConsumedAt: number | null = counters.consumed >= total ? now() : null;
  while (counters.applied + counters.duplicates + counters.deadLettered < total) {
    if (Date.now() > until)
      throw new Error(
        `projector settled ${JSON.stringify(counters)} of ${total} in ${timeoutMs} ms`,
      );
    await sleep(pollMs);
    counters = await p.metrics();
    if (allConsumedAt === null && counters.consumed >= total) allConsumedAt = now();
  }
  const settledAt = now();
  return { counters, allConsumedAt: allConsumedAt ?? settledAt, settledAt };
}

/** A counter's values by one label, e.g. `projector_flushes_total` by `reason`, from a /metrics text. */
export function countsByLabel(text: string, metric: string, label: string): Record<string, number> {
  const counts: Record<string, number> = {};
  const pattern = new RegExp(`[{,]${label}="([^"]*)"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`)) continue;
    const value = pattern.exec(line)?.[1];
    if (value === undefined) continue;
    counts[value] = (counts[value] ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return counts;
}

/** How many windows the projector wrote, by the reason each was written (docs/projector.md). */
export async function flushReasons(p: RunningProjector): Promise<Record<string, number>> {
  const res = await fetch(`http://127.0.0.1:${p.port}/metrics`, {
    signal: AbortSignal.timeout(5_000),
  });
  return countsByLabel(await res.text(), 'projector_flushes_total', 'reason');
}
