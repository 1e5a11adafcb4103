import { loadApiConfig } from '@app/config';
import type { DomainSearchPort, SearchRequestBody } from '@app/query';
import { QueryError } from '@app/query';
import type { Caller } from '../auth/domain-access';
import type { AnswerCache } from '../cache/answer-cache';
import { JsonAnswer } from '../cache/json-answer';
import { PermissionDeniedError } from '../errors/api-error';
import type { JobTasksSearchRepository } from './job-tasks-search.repository';
import { JobTasksService } from './job-tasks.service';

const NOW = new Date('2026-11-28T10:00:00.000Z');
const OPEN: Caller = { kind: 'open' };
const D1_ONLY: Caller = { kind: 'key', domains: new Set(['d1']) };

/** A port that answers every search and count with nothing and records what was asked. */
function emptyPort(searches: SearchRequestBody[]): DomainSearchPort {
  return {
    search: (body) => {
      searches.push(body);
      return Promise.resolve({ hits: { total: { value: 0, relation: 'eq' }, hits: [] } });
    },
    count: (query) => {
      searches.push({ query, size: 0 });
      return Promise.resolve(0);
    },
    openPointInTime: () => Promise.resolve('pit'),
    closePointInTime: () => Promise.resolve(),
  };
}

function setup(env: Record<string, string> = {}) {
  const searches: SearchRequestBody[] = [];
  const domains: string[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const repository = {
    forDomain: (domainId: string, signal?: AbortSignal) => {
      domains.push(domainId);
      signals.push(signal);
      return emptyPort(searches);
    },
  } as unknown as JobTasksSearchRepository;
  const cached: { domainId: string; kind: string }[] = [];
  const cache = {
    through: (
      domainId: string,
      kind: string,
      _request: unknown,
      compute: () => Promise<unknown>,
    ) => {
      cached.push({ domainId, kind });
      return compute().then((answer) => JsonAnswer.of(answer));
    },
  } as unknown as AnswerCache;
  const sut = new JobTasksService(repository, cache, loadApiConfig(env), () => NOW);
  return { sut, searches, domains, signals, cached };
}

const timediff = { filter: [{ k: 'created_at', v: 'now - 1d', o: 'timediff_gt' }] };

describe(JobTasksService.name, () => {
  it('should run a list in the requested domain through the cache', async () => {
    const { sut, domains, cached } = setup();
    await expect(sut.list({ domain_id: 'd1' }, OPEN)).resolves.toEqual({
      results: [],
      total_count: 0,
    });
    expect(domains).toEqual(['d1']);
    expect(cached).toEqual([{ domainId: 'd1', kind: 'list' }]);
  });

  it('should run a stat through the cache', async () => {
    const { sut, cached } = setup();
    await sut.stat({ domain_id: 'd1', query: { aggregate: [{ count: { name: 'n' } }] } }, OPEN);
    expect(cached).toEqual([{ domainId: 'd1', kind: 'stat' }]);
  });

  it.each([
    ['list', (s: JobTasksService) => s.list({ domain_id: 'd1', query: timediff }, OPEN)],
    [
      'stat',
      (s: JobTasksService) =>
        s.stat(
          { domain_id: 'd1', query: { ...timediff, aggregate: [{ count: { name: 'n' } }] } },
          OPEN,
        ),
    ],
  ])('should bypass the cache for a clock-dependent %s', async (_kind, call) => {
    const { sut, searches, cached } = setup();
    await call(sut);
    expect(cached).toEqual([]);
    expect(searches.length).toBeGreaterThan(0);
  });

  it.each([
    ['1', ['terms', 'composite']],
    ['3', ['composite']],
  ])(
    'should try the single-shard top-N plan only with READ_MODEL_SHARDS=1 (here %s)',
    async (shards, sent) => {
      const { sut, searches } = setup({ READ_MODEL_SHARDS: shards });
      const topN = [
        {
          group: {
            keys: [{ key: 'job_id', name: 'j' }],
            fields: [{ operator: 'count', name: 'n' }],
          },
        },
        { sort: { key: 'n', desc: true } },
        { limit: 3 },
      ];
      await sut.stat({ domain_id: 'd1', query: { aggregate: topN } }, OPEN);
      // The stub's responses name no shards, so a terms request is always followed by the paged plan.
      expect(searches.map((b) => Object.keys(Object.values(b.aggs ?? {})[0] ?? {})[0])).toEqual(
        sent,
      );
    },
  );

  it('should refuse a domain the key was not granted before searching', async () => {
    const { sut, domains } = setup();
    await expect(sut.list({ domain_id: 'd2' }, D1_ONLY)).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    expect(domains).toEqual([]);
  });

  it('should refuse a malformed request before searching', async () => {
    const { sut, domains } = setup();
    await expect(sut.stat({ domain_id: 'd1' }, OPEN)).rejects.toBeInstanceOf(QueryError);
    expect(domains).toEqual([]);
  });

  it.each([
    [
      'list',
      (s: JobTasksService, signal: AbortSignal) => s.list({ domain_id: 'd1' }, OPEN, signal),
    ],
    [
      'stat',
      (s: JobTasksService, signal: AbortSignal) =>
        s.stat({ domain_id: 'd1', query: { aggregate: [{ count: { name: 'n' } }] } }, OPEN, signal),
    ],
    [
      'clock-dependent list (uncached)',
      (s: JobTasksService, signal: AbortSignal) =>
        s.list({ domain_id: 'd1', query: timediff }, OPEN, signal),
    ],
  ])('should hand the caller’s signal to the repository for a %s', async (_kind, call) => {
    const { sut, signals } = setup();
    const signal = new AbortController().signal;
    await call(sut, signal);
    expect(signals).toEqual([signal]);
  });
});
