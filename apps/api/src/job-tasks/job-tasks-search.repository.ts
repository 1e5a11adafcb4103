import type { Client } from '@elastic/elasticsearch';
import { errors as esErrors } from '@elastic/elasticsearch';
import type { ApiConfig } from '@app/config';
import {
  type DomainSearchPort,
  type JsonObject,
  queryErrorForRejection,
  type SearchRequestBody,
  type SearchResponseBody,
} from '@app/query';
import { Inject, Injectable } from '@nestjs/common';
import { ClientClosedRequestError, DependencyUnavailableError } from '../errors/api-error';
import { API_CONFIG, ELASTICSEARCH_CLIENT } from '../api.tokens';
import { assertCompleteAnswer } from './complete-answer.guard';
import { assertAggregationsInScope, DomainScopeEscapeError, scopeToDomain } from './domain-scope';
import { HITS_FILTER_PATH, withHitsArray } from './hits-filter-path';

/**
 * The only class that sends searches to Elasticsearch, and the one place tenancy is enforced: every
 * request it sends is AND-ed with the caller's domain, whatever the planned body says. It is also
 * where an answer from only part of the read model (a shard without any live copy, a timeout) is
 * stopped: asked not to happen (`allow_partial_search_results: false`) and checked on every response.
 */
@Injectable()
export class JobTasksSearchRepository {
  constructor(
    @Inject(ELASTICSEARCH_CLIENT) private readonly client: Client,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /**
   * `signal` aborts when the caller has gone: every search, count and point in time of the request is
   * sent with it, so Elasticsearch stops working for nobody, and a plan of several searches starts no
   * further one. Closing the point in time never takes it: a PIT opened for an abandoned request must
   * still be released, not left holding segments until its keep-alive.
   */
  forDomain(domainId: string, signal?: AbortSignal): DomainSearchPort {
    const index = this.config.elasticsearch.alias;
    const transport = signal === undefined ? {} : { signal };
    return {
      search: (body) => this.guard(signal, () => this.search(index, domainId, body, transport)),
      count: (query) =>
        this.guard(signal, async () => {
          const res = await this.client.count(
            { index, query: scopeToDomain(domainId, query) },
            transport,
          );
          assertCompleteAnswer(res);
          return res.count;
        }),
      openPointInTime: (keepAlive) =>
        this.guard(signal, async () => {
          const res = await this.client.openPointInTime(
            { index, keep_alive: keepAlive, allow_partial_search_results: false },
            transport,
          );
          assertCompleteAnswer(res);
          return res.id;
        }),
      closePointInTime: (id) =>
        this.guard(undefined, async () => {
          await this.client.closePointInTime({ id });
        }),
    };
  }

  private async search(
    index: string,
    domainId: string,
    body: SearchRequestBody,
    transport: { signal?: AbortSignal },
  ): Promise<SearchResponseBody> {
    const { query, pit, ...rest } = body;
    assertOnlyScopedFields(rest);
    assertAggregationsInScope(rest.aggs);
    const request = {
      ...rest,
      ...(pit ? { pit } : { index }),
      query: scopeToDomain(domainId, query),
      allow_partial_search_results: false,
      // A search that reads hits gets only what it reads; aggregation searches stay whole.
      ...(body.aggs === undefined && { filter_path: HITS_FILTER_PATH }),
    };
    const response = await this.client.search(request, transport);
    assertCompleteAnswer(response);
    return withHitsArray(response as unknown as Partial<SearchResponseBody>);
  }

  /**
   * "Elasticsearch did not answer" becomes a 503, and the few limits only Elasticsearch can judge (a
   * regex too costly to run, too many clauses) a 400; anything else is our bug and stays a 500. A
   * caller who has gone is neither: whatever the aborted request failed with, it is a 499.
   */
  private async guard<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    // The client would refuse an aborted signal too, but only after serialising the body.
    if (signal?.aborted) throw new ClientClosedRequestError();
    try {
      return await work();
    } catch (error) {
      // Checked on the signal, not the error class: the client also raises RequestAbortedError for an
      // answer over its size limit (our problem, still a 500), and whatever else an aborted request
      // failed with, nobody is waiting for it.
      if (signal?.aborted) throw new ClientClosedRequestError(error);
      if (isUnavailable(error)) throw new DependencyUnavailableError('Elasticsearch', error);
      // Before the projector's first start there is no read model yet: retry later, not a bug. The
      // alias is left out of the answer (an internal name); /ready names it to operators.
      if (isIndexMissing(error)) throw new DependencyUnavailableError('The read model', error);
      throw queryErrorForRejection(error) ?? error;
    }
  }
}

/**
 * The fields of a search the tenant filter bounds. Anything else is refused, not forwarded: Elasticsearch
 * has fields that answer beside the query (`knn`, `retriever`, `rank`, `sub_searches`), and a planner
 * object carrying one past the type would reach other domains.
 */
const SCOPED_FIELDS = new Set<string>([
  'sort',
  'size',
  'from',
  '_source',
  'track_total_hits',
  'aggs',
  'search_after',
] satisfies (keyof SearchRequestBody)[]);

function assertOnlyScopedFields(body: object): void {
  const unknown = Object.keys(body).filter((field) => !SCOPED_FIELDS.has(field));
  if (unknown.length > 0) {
    throw new DomainScopeEscapeError(
      `search field(s) ${unknown.join(', ')} are not bounded by the domain scope`,
    );
  }
}

function isIndexMissing(error: unknown): boolean {
  if (!(error instanceof esErrors.ResponseError) || error.statusCode !== 404) return false;
  const type = (error.body as { error?: { type?: unknown } } | undefined)?.error?.type;
  return type === 'index_not_found_exception';
}

function isUnavailable(error: unknown): boolean {
  if (error instanceof esErrors.ConnectionError || error instanceof esErrors.TimeoutError)
    return true;
  if (error instanceof esErrors.NoLivingConnectionsError) return true;
  if (error instanceof esErrors.ResponseError) {
    const status = error.statusCode ?? 0;
    return status === 429 || status >= 500;
  }
  return false;
}

export type { JsonObject };
