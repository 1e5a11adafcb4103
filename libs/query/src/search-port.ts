/**
 * The query language is planned here but executed by the API's repository. Planning code sees only
 * this port, already scoped to one domain: the repository AND-s the tenant filter into every request
 * it sends, so no query path in this library can forget it (or undo it).
 */
export type JsonObject = { [key: string]: unknown };

export interface SearchRequestBody {
  query?: JsonObject;
  sort?: unknown[];
  size?: number;
  from?: number;
  _source?: boolean | string[];
  track_total_hits?: boolean;
  aggs?: JsonObject;
  search_after?: unknown[];
  /** Set by planning code for deep paging; the repository then omits the index name. */
  pit?: { id: string; keep_alive: string };
}

export interface SearchHit {
  _id?: string;
  _source?: JsonObject;
  sort?: unknown[];
  inner_hits?: JsonObject;
}

export interface SearchResponseBody {
  hits: { total?: { value: number; relation: string }; hits: SearchHit[] };
  aggregations?: JsonObject;
  pit_id?: string;
  /** The shards the request ran on (see answeredByOneShard). */
  _shards?: { total: number };
}

export interface DomainSearchPort {
  search(body: SearchRequestBody): Promise<SearchResponseBody>;
  count(query: JsonObject | undefined): Promise<number>;
  openPointInTime(keepAlive: string): Promise<string>;
  closePointInTime(id: string): Promise<void>;
}
