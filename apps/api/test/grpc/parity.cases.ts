import { DOMAIN } from './job-task.fixture';

export interface ParityCase {
  name: string;
  rpc: 'list' | 'stat';
  /** The REST JSON body; the gRPC request is the same message in protobuf form. */
  body: Record<string, unknown>;
  /** Whether the request is a client mistake (answered with an error on both transports). */
  fails?: true;
}

const list = (name: string, query: unknown, more: object = {}): ParityCase => ({
  name,
  rpc: 'list',
  body: { domain_id: DOMAIN, ...(query === undefined ? {} : { query }), ...more },
});
const stat = (name: string, query: unknown): ParityCase => ({
  name,
  rpc: 'stat',
  body: { domain_id: DOMAIN, query },
});
const failing = (c: ParityCase): ParityCase => ({ ...c, fails: true });

const byProvider = {
  group: {
    keys: [{ key: 'provider', name: 'provider' }],
    fields: [
      { operator: 'count', name: 'n' },
      { key: 'failure_count', operator: 'average', name: 'avg_failures' },
      { key: 'job_id', operator: 'add_to_set', name: 'jobs' },
    ],
  },
};

/** One table, run over REST and gRPC against the same app: the answers must be the same. */
export const PARITY_CASES: readonly ParityCase[] = [
  list('list everything', undefined),
  list('filter eq on an enum', { filter: [{ key: 'status', value: 'FAILURE', operator: 'eq' }] }),
  list('filter eq null', { filter: [{ key: 'project_id', value: null, operator: 'eq' }] }),
  list('filter aliases k/v/o', { filter: [{ k: 'provider', v: ['aws', 'gcp'], o: 'in' }] }),
  list('filter match on errors', {
    filter: [{ key: 'errors', value: { error_code: 'E_TIMEOUT' }, operator: 'match' }],
  }),
  list('filter regex and timediff', {
    filter: [
      { key: 'job_id', value: '^job-(alpha|beta)$', operator: 'regex' },
      { key: 'created_at', value: 'now/d - 8d', operator: 'timediff_gte' },
    ],
  }),
  list('filter_or with keyword', {
    filter_or: [{ key: 'provider', value: 'azure', operator: 'eq' }],
    keyword: 'gamma',
  }),
  list('sort keys with nulls', { sort: { keys: [{ key: 'finished_at', desc: true }] } }),
  list('page', { page: { start: 3, limit: 2 } }),
  list('only', { only: ['job_task_id', 'errors', 'started_at', 'project_id'] }),
  list('minimal', { minimal: true }),
  list('count_only', {
    count_only: true,
    filter: [{ key: 'job_id', value: 'job', operator: 'contain' }],
  }),
  list('shortcut fields', undefined, { status: 'FAILURE', provider: 'aws' }),
  list('shortcut field with query', { sort: { key: 'job_task_id' } }, { job_id: 'job-beta' }),
  stat('group, sort on a column, limit', {
    aggregate: byProvider,
    sort: { name: 'n', desc: true },
    limit: 2,
  }),
  stat('group, sort on a key, page', {
    aggregate: byProvider,
    sort: { name: 'provider' },
    page: { start: 1, limit: 3 },
  }),
  stat('unwind, group, count', {
    aggregate: {
      unwind: [{ path: 'errors' }],
      group: { keys: [{ key: 'errors.error_code', name: 'code' }] },
      count: { name: 'codes' },
    },
  }),
  stat('date_format group key with filter', {
    filter: [{ key: 'created_at', value: true, operator: 'exists' }],
    aggregate: {
      group: {
        keys: [{ k: 'created_at', n: 'month', date_format: '%Y-%m' }],
        fields: [
          { k: 'success_count', n: 'ok', o: 'sum' },
          { k: 'job_task_id', n: 'first', o: 'first' },
        ],
      },
    },
  }),
  stat('distinct', { distinct: 'job_id' }),
  stat('distinct desc paged with keyword', {
    distinct: 'secret_id',
    sort: { desc: true },
    page: { limit: 1 },
    keyword: 'alpha',
  }),
  failing(list('missing domain_id', { only: ['job_id'] }, { domain_id: '' })),
  failing(list('unknown filter key', { filter: [{ key: 'nope', value: 1, operator: 'eq' }] })),
  failing(list('unknown operator', { filter: [{ key: 'job_id', value: 1, operator: 'like' }] })),
  failing(
    list('list for a scalar operator', { filter: [{ key: 'job_id', value: [1], operator: 'eq' }] }),
  ),
  failing(
    list('scalar for a list operator', { filter: [{ key: 'job_id', value: 'a', operator: 'in' }] }),
  ),
  failing(
    list('non-boolean exists', { filter: [{ key: 'job_id', value: 1, operator: 'exists' }] }),
  ),
  failing(list('non-object match', { filter: [{ key: 'errors', value: 'x', operator: 'match' }] })),
  failing(list('empty regex_in', { filter: [{ key: 'job_id', value: [], operator: 'regex_in' }] })),
  failing(list('unknown sort key', { sort: { key: 'nope' } })),
  failing(list('page limit over the maximum', { page: { limit: 5000 } })),
  failing(list('unknown only field', { only: ['nope'] })),
  failing(stat('stat without aggregate or distinct', { keyword: 'x' })),
  failing(
    stat('stat with an unknown group operator', {
      aggregate: { group: { fields: [{ name: 'x', operator: 'median' }] } },
    }),
  ),
  failing(stat('stat sort without a name', { aggregate: byProvider, sort: { desc: true } })),
];
