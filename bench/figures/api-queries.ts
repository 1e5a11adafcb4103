/**
 * Figure 4's request mix: SpaceONE JobTask `list` and `stat` bodies as a console would send them, anchored on a
 * domain and on days that exist in the API index. Each is designed to need exactly one Elasticsearch request
 * (the capture checks it), so "the same request sent directly" is well defined.
 */
export interface BenchQuery {
  name: string;
  kind: 'list' | 'stat';
  body: Record<string, unknown>;
}

const DAY_MS = 86_400_000;
const day = (base: number, n: number): string => new Date(base + n * DAY_MS).toISOString();

/** `firstDay`: midnight UTC of the earliest created_at in the index; `days`: how many days it covers. */
export function benchQueries(domainId: string, firstDay: number, days: number): BenchQuery[] {
  const mid = Math.floor(days / 2);
  const list = (name: string, query: Record<string, unknown>): BenchQuery => ({
    name,
    kind: 'list',
    body: { domain_id: domainId, query },
  });
  const stat = (name: string, query: Record<string, unknown>): BenchQuery => ({
    name,
    kind: 'stat',
    body: { domain_id: domainId, query },
  });
  return [
    list('filters + default sort', {
      filter: [
        { k: 'status', v: 'FAILURE', o: 'eq' },
        { k: 'provider', v: ['aws', 'azure'], o: 'in' },
      ],
      page: { start: 1, limit: 20 },
    }),
    list('keyword', { keyword: 'a1b', page: { start: 1, limit: 20 } }),
    list('range + sort finished_at, only', {
      filter: [
        { k: 'created_at', v: day(firstDay, mid), o: 'datetime_gte' },
        { k: 'created_at', v: day(firstDay, mid + 1), o: 'datetime_lt' },
        { k: 'failure_count', v: 0, o: 'gt' },
      ],
      sort: { keys: [{ key: 'finished_at', desc: true }] },
      only: ['job_task_id', 'status', 'failure_count', 'errors', 'finished_at'],
      page: { start: 1, limit: 100 },
    }),
    list('deep page (from 9,900)', {
      sort: { keys: [{ key: 'success_count', desc: true }] },
      page: { start: 9_901, limit: 100 },
    }),
    stat('group by status', {
      aggregate: [
        {
          group: {
            keys: [{ key: 'status', name: 'status' }],
            fields: [
              { operator: 'count', name: 'tasks' },
              { key: 'success_count', operator: 'sum', name: 'ok' },
            ],
          },
        },
      ],
    }),
    stat('group by job (40 min), top 10', {
      filter: [
        { k: 'created_at', v: day(firstDay, mid), o: 'datetime_gte' },
        {
          k: 'created_at',
          v: new Date(firstDay + mid * DAY_MS + 40 * 60_000).toISOString(),
          o: 'datetime_lt',
        },
      ],
      aggregate: [
        {
          group: {
            keys: [{ key: 'job_id', name: 'job' }],
            fields: [
              { operator: 'count', name: 'tasks' },
              { key: 'failure_count', operator: 'sum', name: 'failed' },
            ],
          },
        },
        { sort: { key: 'tasks', desc: true } },
        { limit: 10 },
      ],
    }),
    stat('group by day', {
      aggregate: [
        {
          group: {
            keys: [{ key: 'created_at', name: 'day', date_format: '%Y-%m-%d' }],
            fields: [
              { operator: 'count', name: 'tasks' },
              { key: 'success_count', operator: 'sum', name: 'ok' },
              {
                operator: 'count',
                name: 'failed',
                conditions: [{ key: 'status', value: 'FAILURE', operator: 'eq' }],
              },
            ],
          },
        },
      ],
    }),
    stat('unwind errors by code', {
      aggregate: [
        { unwind: { path: 'errors' } },
        {
          group: {
            keys: [{ key: 'errors.error_code', name: 'code' }],
            fields: [{ operator: 'count', name: 'n' }],
          },
        },
        { sort: { key: 'n', desc: true } },
      ],
    }),
  ];
}
