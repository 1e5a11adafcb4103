import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Transport = 'rest' | 'grpc';
const CACHE_RESULTS = ['hit', 'miss', 'bypass'] as const;
export type CacheResult = (typeof CACHE_RESULTS)[number];

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/*
 * Every metric of the API, in its own registry (as the projector's), so several apps can live in one test process.
 * Label values come only from finite sets the code defines: route templates, HTTP methods and statuses, gRPC code
 * names, error codes, Elasticsearch endpoint names. Never a domain id, a raw URL or anything else a client sent.
 */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();

  readonly requestSeconds = new Histogram({
    name: 'api_request_duration_seconds',
    help: 'Request latency, by route template (or "unmatched"), method, status (HTTP status or gRPC code name) and transport',
    labelNames: ['route', 'method', 'status', 'transport'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly elasticsearchSeconds = new Histogram({
    name: 'api_elasticsearch_request_duration_seconds',
    help: 'Latency of one Elasticsearch request made by the API, by endpoint (_search, _pit, …) and outcome',
    labelNames: ['endpoint', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly cacheRequests = new Counter({
    name: 'api_cache_requests_total',
    help: 'Answer-cache lookups: hit, miss, or bypass (cache disabled, domain just written, Redis unavailable)',
    labelNames: ['result'],
    registers: [this.registry],
  });
  readonly rejected = new Counter({
    name: 'api_requests_rejected_total',
    help: 'Requests answered with an error, by the stable error code of the body (or gRPC details) and transport',
    labelNames: ['code', 'transport'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'api_' });
    // Every result exists from the first scrape, so the hit-ratio panel reads 0 rather than "no data".
    for (const result of CACHE_RESULTS) this.cacheRequests.inc({ result }, 0);
  }

  recordCache(result: CacheResult): void {
    this.cacheRequests.inc({ result });
  }

  recordRejected(code: string, transport: Transport): void {
    this.rejected.inc({ code, transport });
  }
}
