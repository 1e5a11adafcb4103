import 'reflect-metadata';
import type { Client } from '@elastic/elasticsearch';
import type { ApiConfig } from '@app/config';
import { parseJobTaskListRequest, parseStatRequest, runJobTaskList, runStat } from '@app/query';
// The capture goes through the API's own repository, so tenancy scoping and body shape are exactly the API's.
import { JobTasksSearchRepository } from '../../apps/api/src/job-tasks/job-tasks-search.repository';
import type { HttpRequestSpec } from '../lib/load';
import type { BenchQuery } from './api-queries';

export interface CapturedQuery {
  query: BenchQuery;
  api: HttpRequestSpec;
  /** What the API sends to Elasticsearch for it, replayable over HTTP. */
  es: HttpRequestSpec[];
  /** The planners' answer in this process, to compare with the API's. */
  answer: string;
}

const LIMITS = { maxLimit: 1_000, maxUnpagedResults: 10_000, maxGroups: 10_000 };

/** A stand-in client that records each call as an HTTP request and forwards it to the real one. */
function recordingClient(es: Client, calls: HttpRequestSpec[]): Client {
  const record = (endpoint: string, request: Record<string, unknown>): void => {
    // The client sends these as URL parameters, not in the body, and Elasticsearch refuses them there.
    const { index, allow_partial_search_results: partial, filter_path: filter, ...body } = request;
    const query = [
      ...(partial === undefined ? [] : [`allow_partial_search_results=${partial === true}`]),
      ...(typeof filter === 'string' ? [`filter_path=${filter}`] : []),
    ];
    const params = query.length === 0 ? '' : `?${query.join('&')}`;
    calls.push({
      method: 'POST',
      path: `${typeof index === 'string' ? `/${index}` : ''}/${endpoint}${params}`,
      body: JSON.stringify(body),
    });
  };
  const recorder = {
    search: (request: Record<string, unknown>) => {
      record('_search', request);
      return es.search(request);
    },
    count: (request: Record<string, unknown>) => {
      record('_count', request);
      return es.count(request);
    },
    openPointInTime: (request: { index: string; keep_alive: string }) => {
      calls.push({
        method: 'POST',
        path: `/${request.index}/_pit?keep_alive=${request.keep_alive}`,
      });
      return es.openPointInTime(request);
    },
    closePointInTime: (request: { id: string }) => es.closePointInTime(request),
  };
  return recorder as unknown as Client;
}

/** Runs each query through the planners and the API's repository, recording the Elasticsearch requests. */
export async function captureQueries(
  es: Client,
  alias: string,
  queries: readonly BenchQuery[],
): Promise<CapturedQuery[]> {
  const config = { elasticsearch: { alias } } as ApiConfig;
  const captured: CapturedQuery[] = [];
  for (const query of queries) {
    const calls: HttpRequestSpec[] = [];
    const repository = new JobTasksSearchRepository(recordingClient(es, calls), config);
    const domainId = String(query.body.domain_id);
    const port = repository.forDomain(domainId);
    const answer =
      query.kind === 'list'
        ? await runJobTaskList(
            parseJobTaskListRequest(query.body, LIMITS),
            port,
            LIMITS,
            new Date(),
          )
        : await runStat(parseStatRequest(query.body, LIMITS), port, LIMITS, new Date());
    const path =
      query.kind === 'list'
        ? '/power_scheduler/v1/job-tasks/search'
        : '/power_scheduler/v1/job-tasks/stat';
    captured.push({
      query,
      api: { method: 'POST', path, body: JSON.stringify(query.body) },
      es: calls,
      answer: JSON.stringify(answer),
    });
  }
  return captured;
}
