import type {
  DomainSearchPort,
  JsonObject,
  SearchRequestBody,
  SearchResponseBody,
} from '@app/query';

/** A DomainSearchPort answering with canned Elasticsearch responses, recording what it was asked. */
export type Responder = (body: SearchRequestBody, i: number) => SearchResponseBody;

export class CannedSearchPort implements DomainSearchPort {
  readonly requests: SearchRequestBody[] = [];
  readonly closed: string[] = [];
  counted = 0;
  constructor(
    private readonly respond: Responder,
    private readonly total = 0,
  ) {}
  search(body: SearchRequestBody): Promise<SearchResponseBody> {
    this.requests.push(body);
    return Promise.resolve(this.respond(body, this.requests.length - 1));
  }
  count(): Promise<number> {
    this.counted++;
    return Promise.resolve(this.total);
  }
  openPointInTime(): Promise<string> {
    return Promise.resolve('pit-1');
  }
  closePointInTime(id: string): Promise<void> {
    this.closed.push(id);
    return Promise.resolve();
  }
}

export const aggs = (aggregations: JsonObject): SearchResponseBody => ({
  hits: { hits: [] },
  aggregations,
});
export const hits = (sources: JsonObject[], total: number): SearchResponseBody => ({
  hits: {
    total: { value: total, relation: 'eq' },
    hits: sources.map((s, i) => ({ _source: s, sort: [i] })),
  },
});
