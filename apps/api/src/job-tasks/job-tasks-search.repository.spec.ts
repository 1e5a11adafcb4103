import { loadApiConfig } from '@app/config';
import { QueryError } from '@app/query';
import type { Client } from '@elastic/elasticsearch';
import { errors as esErrors } from '@elastic/elasticsearch';
import { ClientClosedRequestError, DependencyUnavailableError } from '../errors/api-error';
import { HITS_FILTER_PATH } from './hits-filter-path';
import { JobTasksSearchRepository } from './job-tasks-search.repository';

const config = loadApiConfig({ JOB_TASKS_ALIAS: 'job-tasks-test' });
// Complete answers, as Elasticsearch gives them: every shard answered.
const ALL_SHARDS = { total: 1, successful: 1, skipped: 0, failed: 0 };
const EMPTY = { _shards: ALL_SHARDS, hits: { hits: [] } };

function stubClient() {
  return {
    search: jest.fn().mockResolvedValue(EMPTY),
    count: jest.fn().mockResolvedValue({ count: 7, _shards: ALL_SHARDS }),
    openPointInTime: jest.fn().mockResolvedValue({ id: 'pit-1', _shards: ALL_SHARDS }),
    closePointInTime: jest.fn().mockResolvedValue({ succeeded: true }),
  };
}

function setup() {
  const client = stubClient();
  const sut = new JobTasksSearchRepository(client as unknown as Client, config);
  return { client, sut };
}

function responseError(statusCode: number, body: unknown): esErrors.ResponseError {
  return new esErrors.ResponseError({
    body,
    statusCode,
    headers: {},
    warnings: null,
    meta: {} as never,
  });
}

const tenant = (domainId: string) => ({ term: { domain_id: domainId } });

describe(JobTasksSearchRepository.name, () => {
  describe('tenant guard', () => {
    it('should AND the caller domain around the planned query', async () => {
      const { client, sut } = setup();
      const planned = { bool: { should: [{ term: { domain_id: 'other' } }] } };
      await sut.forDomain('d1').search({ query: planned, size: 3 });
      expect(client.search).toHaveBeenCalledWith(
        {
          index: 'job-tasks-test',
          size: 3,
          query: { bool: { filter: [tenant('d1')], must: [planned] } },
          allow_partial_search_results: false,
          filter_path: HITS_FILTER_PATH,
        },
        {},
      );
    });

    it('should scope a search without any query to the domain', async () => {
      const { client, sut } = setup();
      await sut.forDomain('d1').search({ size: 0 });
      expect(client.search).toHaveBeenCalledWith(
        expect.objectContaining({ query: { bool: { filter: [tenant('d1')] } } }),
        {},
      );
    });

    it('should scope a point-in-time search and leave the index out', async () => {
      const { client, sut } = setup();
      const pit = { id: 'pit-1', keep_alive: '1m' };
      await sut.forDomain('d2').search({ pit, search_after: [1] });
      const sent = client.search.mock.calls[0]?.[0] as Record<string, unknown>;
      expect(sent).toEqual({
        pit,
        search_after: [1],
        query: { bool: { filter: [tenant('d2')] } },
        allow_partial_search_results: false,
        filter_path: HITS_FILTER_PATH,
      });
      expect(sent).not.toHaveProperty('index');
    });

    it('should scope counts to the domain', async () => {
      const { client, sut } = setup();
      await expect(sut.forDomain('d1').count({ match_all: {} })).resolves.toBe(7);
      expect(client.count).toHaveBeenCalledWith(
        {
          index: 'job-tasks-test',
          query: { bool: { filter: [tenant('d1')], must: [{ match_all: {} }] } },
        },
        {},
      );
    });

    it('should refuse a global aggregation at any depth before sending anything', async () => {
      const { client, sut } = setup();
      const aggs = { by_job: { terms: { field: 'job_id' }, aggs: { all: { global: {} } } } };
      await expect(sut.forDomain('d1').search({ aggs })).rejects.toThrow(/global/);
      expect(client.search).not.toHaveBeenCalled();
    });
  });

  it.each<[string, Record<string, unknown>]>([
    ['a knn search, whose hits join the query', { knn: { field: 'v', query_vector: [1] } }],
    ['a retriever, which replaces the query', { retriever: { standard: { query: {} } } }],
    ['sub-searches, each with its own query', { sub_searches: [{ query: { match_all: {} } }] }],
    ['an index of its own beside a point in time', { index: 'other-alias' }],
  ])('should refuse %s before sending anything', async (_name, extra) => {
    const { client, sut } = setup();
    await expect(sut.forDomain('d1').search({ size: 1, ...extra })).rejects.toThrow(
      /not bounded by the domain scope/,
    );
    expect(client.search).not.toHaveBeenCalled();
  });

  describe('response filter', () => {
    it('should ask a search that reads hits for only the fields the planners read', async () => {
      const { client, sut } = setup();
      await sut.forDomain('d1').search({ sort: ['job_task_id'], _source: ['status'] });
      const sent = client.search.mock.calls[0]?.[0] as Record<string, unknown>;
      expect(sent['filter_path']).toBe(
        '_shards,timed_out,hits.total,hits.hits._source,hits.hits.sort,pit_id',
      );
    });

    it('should leave an aggregation search unfiltered', async () => {
      const { client, sut } = setup();
      await sut.forDomain('d1').search({ size: 0, aggs: { n: { value_count: { field: 'x' } } } });
      expect(client.search.mock.calls[0]?.[0]).not.toHaveProperty('filter_path');
    });

    it('should give an empty hits array when the filtered response has none', async () => {
      const { client, sut } = setup();
      client.search.mockResolvedValue({ _shards: ALL_SHARDS, timed_out: false });
      await expect(sut.forDomain('d1').search({ sort: ['job_task_id'] })).resolves.toEqual({
        _shards: ALL_SHARDS,
        timed_out: false,
        hits: { hits: [] },
      });
    });

    it('should keep the total, the hits and the point-in-time id as Elasticsearch sent them', async () => {
      const { client, sut } = setup();
      const answer = {
        _shards: ALL_SHARDS,
        timed_out: false,
        pit_id: 'pit-2',
        hits: {
          total: { value: 2, relation: 'eq' },
          hits: [
            { _source: { status: 'SUCCESS' }, sort: ['a'] },
            { _source: {}, sort: ['b'] },
          ],
        },
      };
      client.search.mockResolvedValue(answer);
      await expect(sut.forDomain('d1').search({ sort: ['job_task_id'] })).resolves.toEqual(answer);
    });

    it('should still refuse a filtered answer from part of the shards', async () => {
      const { client, sut } = setup();
      client.search.mockResolvedValue({ _shards: { ...ALL_SHARDS, total: 2, failed: 1 } });
      await expect(sut.forDomain('d1').search({ sort: ['job_task_id'] })).rejects.toThrow(
        /1 of 2 shards failed/,
      );
    });
  });

  describe('error classification', () => {
    it.each<[string, Error]>([
      ['a connection error', new esErrors.ConnectionError('refused')],
      ['a timeout', new esErrors.TimeoutError('slow')],
      ['no living connections', new esErrors.NoLivingConnectionsError('none', {} as never)],
      ['a 503', responseError(503, { error: { type: 'unavailable' } })],
      ['a 429', responseError(429, { error: { type: 'es_rejected_execution_exception' } })],
    ])('should answer %s as Elasticsearch unavailable', async (_name, error) => {
      const { client, sut } = setup();
      client.search.mockRejectedValue(error);
      const failure = sut.forDomain('d1').search({});
      await expect(failure).rejects.toBeInstanceOf(DependencyUnavailableError);
      await expect(failure).rejects.toThrow(/Elasticsearch is unavailable/);
    });

    it('should answer a missing read model as unavailable, without its internal name', async () => {
      const { client, sut } = setup();
      client.count.mockRejectedValue(
        responseError(404, { error: { type: 'index_not_found_exception' } }),
      );
      const failure = sut.forDomain('d1').count(undefined);
      await expect(failure).rejects.toThrow('The read model is unavailable; retry later.');
      await expect(failure).rejects.not.toThrow(/job-tasks-test/);
    });

    it('should turn a regexp too complex to determinize into a QueryError', async () => {
      const { client, sut } = setup();
      client.search.mockRejectedValue(
        responseError(400, {
          error: {
            type: 'search_phase_execution_exception',
            root_cause: [
              {
                type: 'query_shard_exception',
                reason: 'Determinizing .*a.* would require more than 10000 effort',
              },
            ],
          },
        }),
      );
      await expect(sut.forDomain('d1').search({})).rejects.toBeInstanceOf(QueryError);
    });

    it('should pass any other failure on unchanged, as the bug it is', async () => {
      const { client, sut } = setup();
      const bug = responseError(400, { error: { type: 'parsing_exception' } });
      client.openPointInTime.mockRejectedValue(bug);
      await expect(sut.forDomain('d1').openPointInTime('1m')).rejects.toBe(bug);
    });
  });

  describe('a caller who has gone', () => {
    const aborted = () => {
      const controller = new AbortController();
      controller.abort();
      return controller.signal;
    };

    it('should send every search, count and point-in-time opening with the request signal', async () => {
      const { client, sut } = setup();
      const signal = new AbortController().signal;
      const port = sut.forDomain('d1', signal);
      await port.search({ size: 1 });
      await port.count(undefined);
      await port.openPointInTime('1m');
      expect(client.search.mock.calls[0]?.[1]).toEqual({ signal });
      expect(client.count.mock.calls[0]?.[1]).toEqual({ signal });
      expect(client.openPointInTime.mock.calls[0]?.[1]).toEqual({ signal });
    });

    it('should close a point in time without the signal, so an abandoned request still releases it', async () => {
      const { client, sut } = setup();
      await sut.forDomain('d1', aborted()).closePointInTime('pit-1');
      expect(client.closePointInTime).toHaveBeenCalledWith({ id: 'pit-1' });
      expect(client.closePointInTime.mock.calls[0]).toHaveLength(1);
    });

    it('should answer the client’s RequestAbortedError as ClientClosedRequestError', async () => {
      const { client, sut } = setup();
      const controller = new AbortController();
      client.search.mockImplementation(() => {
        controller.abort();
        return Promise.reject(new esErrors.RequestAbortedError('Request aborted'));
      });
      const failure = sut.forDomain('d1', controller.signal).search({});
      await expect(failure).rejects.toBeInstanceOf(ClientClosedRequestError);
      await expect(failure).rejects.toMatchObject({
        status: 499,
        code: 'ERROR_CLIENT_CLOSED_REQUEST',
      });
    });

    it('should not send a further search once the signal has aborted', async () => {
      const { client, sut } = setup();
      const port = sut.forDomain('d1', aborted());
      await expect(port.search({})).rejects.toBeInstanceOf(ClientClosedRequestError);
      await expect(port.count(undefined)).rejects.toBeInstanceOf(ClientClosedRequestError);
      await expect(port.openPointInTime('1m')).rejects.toBeInstanceOf(ClientClosedRequestError);
      expect(client.search).not.toHaveBeenCalled();
      expect(client.count).not.toHaveBeenCalled();
      expect(client.openPointInTime).not.toHaveBeenCalled();
    });

    it('should leave a RequestAbortedError of its own making (an answer over the size limit) a bug', async () => {
      const { client, sut } = setup();
      const tooLarge = new esErrors.RequestAbortedError('The content length (9) is bigger than …');
      client.search.mockRejectedValue(tooLarge);
      await expect(sut.forDomain('d1', new AbortController().signal).search({})).rejects.toBe(
        tooLarge,
      );
    });
  });
});
