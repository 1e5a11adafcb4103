import type { Client, estypes } from '@elastic/elasticsearch';
import { jobTaskDocumentId, type JobTaskDocument } from '@app/domain';
import { createReadModelIndex, JOB_TASKS_SETTINGS, retryingOutages } from '../lib/elastic';
import { log } from '../lib/log';

const BULK_DOCS = 5_000;
const LANES = 2;
const DAY_MS = 86_400_000;

export interface ApiIndex {
  alias: string;
  index: string;
  documents: number;
  copies: number;
  loadMs: number;
  storeMb: number;
}

const shift = (iso: string | null, ms: number): string | null =>
  iso === null ? null : new Date(Date.parse(iso) + ms).toISOString();

/**
 * Copy `copy` of a projected document: new task and job ids, timestamps moved by whole days, so the copies tile
 * the calendar like further days of the same scheduler. Domains, statuses, counts and errors keep the
 * simulator's mix. The bookkeeping (unindexed, never returned by the API) is left as it was.
 */
function copyOf(d: JobTaskDocument, copy: number): JobTaskDocument {
  if (copy === 0) return d;
  const ms = copy * DAY_MS;
  return {
    ...d,
    job_task_id: `${d.job_task_id}-c${copy}`,
    job_id: d.job_id === null ? null : `${d.job_id}-c${copy}`,
    created_at: shift(d.created_at, ms),
    started_at: shift(d.started_at, ms),
    finished_at: shift(d.finished_at, ms),
  };
}

/**
 * Figure 4's index: at least `target` documents bulk-loaded directly with the projector's mapping (refresh off
 * while loading, like the projector's rebuild), built from the figure-1 projection so documents are realistic.
 * The shard request cache is off: the API's figures must measure the aggregations, not a cache that any refresh
 * (every second while the projector writes) would empty anyway.
 */
export async function buildApiIndex(
  es: Client,
  alias: string,
  source: readonly JobTaskDocument[],
  target: number,
): Promise<ApiIndex> {
  const index = await createReadModelIndex(es, alias, {
    refresh_interval: '-1',
    'index.requests.cache.enable': false,
  });
  const copies = Math.max(1, Math.ceil(target / source.length));
  const total = copies * source.length;
  const startedAt = performance.now();
  let next = 0;
  let loaded = 0;
  const lane = async (): Promise<void> => {
    while (next < total) {
      const from = next;
      const to = Math.min(total, from + BULK_DOCS);
      next = to; // claimed before the await below, so the other lane takes the following range
      const operations: estypes.BulkRequest['operations'] = [];
      for (let n = from; n < to; n += 1) {
        const doc = copyOf(
          source[n % source.length] as JobTaskDocument,
          Math.floor(n / source.length),
        );
        operations.push(
          { index: { _index: index, _id: jobTaskDocumentId(doc.domain_id, doc.job_task_id) } },
          doc,
        );
      }
      // Index ops with explicit ids: a bulk repeated after an outage writes the same documents again.
      const res = await retryingOutages(() =>
        es.bulk({ operations, filter_path: ['errors', 'items.*.error.reason'] }),
      );
      if (res.errors)
        throw new Error(`bulk load of the API index failed: ${JSON.stringify(res.items?.[0])}`);
      loaded += to - from;
      if (loaded % 100_000 < BULK_DOCS) log(`API index: ${loaded}/${total} documents`);
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  await retryingOutages(() =>
    es.indices.putSettings({
      index,
      settings: { refresh_interval: JOB_TASKS_SETTINGS.refresh_interval },
    }),
  );
  await retryingOutages(() => es.indices.refresh({ index }));
  const loadMs = performance.now() - startedAt;
  const stats = await es.indices.stats({ index, metric: 'store' });
  const bytes = stats._all.primaries?.store?.size_in_bytes ?? 0;
  return { alias, index, documents: total, copies, loadMs, storeMb: bytes / 2 ** 20 };
}
