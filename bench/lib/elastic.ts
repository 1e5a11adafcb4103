import { errors, type Client, type estypes } from '@elastic/elasticsearch';
// The read model's own index definition (shared by the projector and the API), so every figure sees the same index.
import {
  createElasticsearchClient,
  JOB_TASKS_MAPPINGS,
  JOB_TASKS_SETTINGS,
  jobTasksIndexSettings,
} from '@app/platform';
import type { JobTaskDocument } from '@app/domain';
import { ES_URL, waitForElasticsearch } from './stack';

export { JOB_TASKS_MAPPINGS, JOB_TASKS_SETTINGS };

/** The same client factory and settings the apps use. */
export function benchElasticsearch(requestTimeoutMs = 120_000): Client {
  return createElasticsearchClient({ url: ES_URL, alias: 'unused', requestTimeoutMs });
}

/** `<alias>-v1` with the projector's mapping and settings, behind `alias`, like the projector's first start. */
export async function createReadModelIndex(
  es: Client,
  alias: string,
  settings: estypes.IndicesIndexSettings = {},
): Promise<string> {
  const index = `${alias}-v1`;
  await es.indices.create({
    index,
    mappings: JOB_TASKS_MAPPINGS,
    // The apps' defaults (one shard, no replica): every figure is measured on that layout.
    settings: { ...jobTasksIndexSettings({ shards: 1, replicas: 0 }), ...settings },
    aliases: { [alias]: {} },
  });
  return index;
}

/** Deletes every index of this run by explicit name (wildcard deletes are refused by default in 8.x). */
export async function deleteIndicesWithPrefix(es: Client, prefix: string): Promise<string[]> {
  const found = await es.indices.get({ index: `${prefix}*`, allow_no_indices: true });
  const names = Object.keys(found);
  if (names.length > 0) await es.indices.delete({ index: names });
  return names;
}

/** A cheap summary of what is searchable: equal to the expected one only when every final document is. */
export interface Fingerprint {
  docs: number;
  success: number;
  failure: number;
  finished: number;
  errors: number;
}

export function fingerprintOf(documents: Iterable<JobTaskDocument>): Fingerprint {
  const f: Fingerprint = { docs: 0, success: 0, failure: 0, finished: 0, errors: 0 };
  for (const d of documents) {
    f.docs += 1;
    f.success += d.success_count;
    f.failure += d.failure_count;
    if (d.finished_at !== null) f.finished += 1;
    f.errors += d.errors.length;
  }
  return f;
}

export async function searchableFingerprint(es: Client, index: string): Promise<Fingerprint> {
  const res = await es.search({
    index,
    size: 0,
    track_total_hits: true,
    aggs: {
      success: { sum: { field: 'success_count' } },
      failure: { sum: { field: 'failure_count' } },
      finished: { value_count: { field: 'finished_at' } },
      errors: { nested: { path: 'errors' } },
    },
  });
  const aggs = (res.aggregations ?? {}) as Record<string, { value?: number; doc_count?: number }>;
  const total = res.hits.total;
  return {
    docs: typeof total === 'number' ? total : (total?.value ?? 0),
    success: aggs.success?.value ?? 0,
    failure: aggs.failure?.value ?? 0,
    finished: aggs.finished?.value ?? 0,
    errors: aggs.errors?.doc_count ?? 0,
  };
}

export const sameFingerprint = (a: Fingerprint, b: Fingerprint): boolean =>
  a.docs === b.docs &&
  a.success === b.success &&
  a.failure === b.failure &&
  a.finished === b.finished &&
  a.errors === b.errors;

export interface Verification {
  checked: number;
  missing: number;
  unexpected: number;
  different: number;
  example: string | null;
}

/**
 * Reads every document of the index (point in time + search_after) and compares it, byte for byte as canonical
 * JSON, with the expected projection. The projection is canonical, so equal event sets give equal bytes.
 */
export async function verifyDocuments(
  es: Client,
  index: string,
  expected: ReadonlyMap<string, JobTaskDocument>,
): Promise<Verification> {
  const v: Verification = { checked: 0, missing: 0, unexpected: 0, different: 0, example: null };
  const seen = new Set<string>();
  const pit = await es.openPointInTime({ index, keep_alive: '2m' });
  try {
    let after: estypes.SortResults | undefined;
    for (let page = 0; page < 10_000; page += 1) {
      const res = await es.search<JobTaskDocument>({
        pit: { id: pit.id, keep_alive: '2m' },
        size: 5_000,
        sort: [{ _shard_doc: 'asc' }],
        ...(after && { search_after: after }),
      });
      const hits = res.hits.hits;
      if (hits.length === 0) break;
      for (const hit of hits) {
        const id = hit._id ?? '';
        seen.add(id);
        v.checked += 1;
        const want = expected.get(id);
        if (want === undefined) v.unexpected += 1;
        else if (JSON.stringify(hit._source) !== JSON.stringify(want)) {
          v.different += 1;
          v.example ??= id;
        }
      }
      after = hits[hits.length - 1]?.sort;
    }
  } finally {
    await es.closePointInTime({ id: pit.id }).catch(() => undefined);
  }
  for (const id of expected.keys()) if (!seen.has(id)) v.missing += 1;
  return v;
}

export const verified = (v: Verification): boolean =>
  v.missing === 0 && v.unexpected === 0 && v.different === 0;

const RETRIES = 5;

/**
 * Runs an idempotent Elasticsearch call, waiting out an outage (another engineer's fault test stops the node for
 * up to a minute) and trying again a bounded number of times.
 */
export async function retryingOutages<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const transient =
        error instanceof errors.ConnectionError ||
        error instanceof errors.TimeoutError ||
        (error instanceof errors.ResponseError && (error.statusCode ?? 0) >= 429);
      if (!transient || attempt >= RETRIES) throw error;
      await waitForElasticsearch();
    }
  }
}

/** What Elasticsearch did to one index: index operations, realtime gets and refreshes since it was created. */
export interface IndexActivity {
  indexOps: number;
  gets: number;
  refreshes: number;
}

export async function indexActivity(es: Client, index: string): Promise<IndexActivity> {
  const stats = await es.indices.stats({ index, metric: ['indexing', 'get', 'refresh'] });
  const total = stats._all.primaries;
  return {
    indexOps: total?.indexing?.index_total ?? 0,
    gets: total?.get?.total ?? 0,
    refreshes: total?.refresh?.total ?? 0,
  };
}
