import type { JobTaskInfo } from '@app/domain';
import { parseJobTaskListRequest, parseStatRequest, type ListLimits } from '@app/query';
import { evaluateJobTaskList, evaluateStat } from '@app/query-reference';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Answer, postJson, sameAnswer } from '../../../apps/api/test/differential/http-call';

type Limits = ListLimits & { maxGroups: number };

/**
 * One domain's final documents (the pure fold of all its events), and from when they are all
 * searchable: a request sent after `settledAt` must see exactly them.
 */
export interface DomainState {
  final: JobTaskInfo[];
  settledAt: number | null;
}

interface Probe {
  path: 'search' | 'stat';
  body: (domainId: string) => unknown;
  expected: (docs: JobTaskInfo[], body: unknown, limits: Limits) => unknown;
}

const NOW = new Date('2030-01-01T00:00:00Z');

// A list page, an exact count and an aggregation: each one touches every shard of the index.
const PROBES: Record<string, Probe> = {
  page: {
    path: 'search',
    body: (domainId) => ({
      domain_id: domainId,
      query: { sort: { keys: [{ key: 'job_task_id' }] }, page: { start: 1, limit: 25 } },
    }),
    expected: (docs, body, limits) =>
      evaluateJobTaskList(docs, parseJobTaskListRequest(body, limits), limits, NOW),
  },
  count: {
    path: 'search',
    body: (domainId) => ({ domain_id: domainId, query: { count_only: true } }),
    expected: (docs, body, limits) =>
      evaluateJobTaskList(docs, parseJobTaskListRequest(body, limits), limits, NOW),
  },
  byStatus: {
    path: 'stat',
    body: (domainId) => ({
      domain_id: domainId,
      query: {
        aggregate: [
          {
            group: {
              keys: [{ key: 'status', name: 'status' }],
              fields: [
                { operator: 'count', name: 'n' },
                { key: 'success_count', operator: 'sum', name: 'ok' },
              ],
            },
          },
          { sort: { key: 'status' } },
        ],
      },
    }),
    expected: (docs, body, limits) => evaluateStat(docs, parseStatRequest(body, limits), limits),
  },
};

export interface WatchReport {
  answers: number;
  exact: number;
  unavailable: number;
  /** 200s of a domain still being written: checked for bounds only. */
  unsettled: number;
  wrong: string[];
}

/**
 * Queries the API in a loop until stopped. A domain whose documents are settled must get exactly the
 * reference answer or a 503 ERROR_UNAVAILABLE; one still being written must get a 503 or an answer
 * whose total does not exceed the final one. Anything else is recorded as wrong.
 */
export class ApiWatch {
  readonly report: WatchReport = { answers: 0, exact: 0, unavailable: 0, unsettled: 0, wrong: [] };
  private stopped = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly limits: Limits,
    private readonly domains: Map<string, DomainState>,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<WatchReport> {
    this.stopped = true;
    await this.loop;
    return this.report;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      for (const [domainId, state] of this.domains) {
        for (const [name, probe] of Object.entries(PROBES)) {
          const body = probe.body(domainId);
          const sentAt = Date.now();
          const answer = await postJson(
            `${this.url}/power_scheduler/v1/job-tasks/${probe.path}`,
            body,
          );
          const settled = state.settledAt !== null && sentAt > state.settledAt;
          this.judge(`${name} ${domainId}`, answer, settled, () =>
            probe.expected(state.final, body, this.limits),
          );
        }
      }
      await sleep(100);
    }
  }

  private judge(what: string, answer: Answer, settled: boolean, expected: () => unknown): void {
    this.report.answers += 1;
    const code = (answer.body as { error?: { code?: string } }).error?.code;
    if (answer.status === 503 && code === 'ERROR_UNAVAILABLE') {
      this.report.unavailable += 1;
      return;
    }
    if (answer.status !== 200) return this.wrong(what, answer, 'neither 200 nor 503');
    const reference = { status: 200, body: expected() };
    if (settled) {
      if (sameAnswer(answer, reference)) this.report.exact += 1;
      else this.wrong(what, answer, JSON.stringify(reference.body).slice(0, 400));
      return;
    }
    this.report.unsettled += 1;
    const total = (answer.body as { total_count?: number }).total_count;
    const finalTotal = (reference.body as { total_count?: number }).total_count;
    if (total !== undefined && finalTotal !== undefined && total > finalTotal) {
      this.wrong(what, answer, `total_count above the final ${finalTotal}`);
    }
  }

  private wrong(what: string, answer: Answer, expected: string): void {
    this.report.wrong.push(
      `${what}: got ${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}; expected ${expected}`,
    );
  }
}
