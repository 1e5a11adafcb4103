import type { JobTaskInfo } from '@app/domain';

/**
 * Stat requests over STAT_SAMPLE (or their own docs) with hand-computed answers. Stream order of the
 * sample: job_task-4 (no created_at), -1, -2, -3, -5. Both the reference evaluator and the API's
 * in-memory engine must give exactly these results.
 */
export interface StatCase {
  name: string;
  query: Record<string, unknown>;
  expected: { results: unknown[]; total_count?: number };
  docs?: JobTaskInfo[];
}

/** A pipeline that starts with a `group` stage. */
export const g = (group: unknown, ...rest: unknown[]): unknown[] => [{ group }, ...rest];
