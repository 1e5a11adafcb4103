import type { estypes } from '@elastic/elasticsearch';

/*
 * The read model's index definition: the single source of truth for field types. The API builds its queries
 * against exactly these types (keyword → term/terms aggs, date → ranges/histograms, nested errors → nested queries).
 * Changing a type needs a new index version and a rebuild (`npm run projector -- rebuild`).
 */

const keyword = { type: 'keyword' } as const;
const count = { type: 'integer' } as const;
const timestamp = { type: 'date', format: 'strict_date_optional_time' } as const;

export const JOB_TASKS_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    job_task_id: keyword,
    domain_id: keyword,
    status: keyword,
    success_count: count,
    failure_count: count,
    errors: {
      type: 'nested',
      properties: {
        error_code: keyword,
        // Lucene rejects terms over 32766 bytes; 8191 characters of UTF-8 always fit, longer messages are kept in
        // _source but not indexed.
        message: { type: 'keyword', ignore_above: 8191 },
        additional: { type: 'object', enabled: false },
      },
    },
    job_id: keyword,
    secret_id: keyword,
    provider: keyword,
    service_account_id: keyword,
    project_id: keyword,
    created_at: timestamp,
    started_at: timestamp,
    finished_at: timestamp,
    // The projector's bookkeeping (event ids, fold state): stored for the next merge, never searched.
    projection: { type: 'object', enabled: false },
  },
};

/** The settings that do not depend on the deployment; `jobTasksIndexSettings` adds shards and replicas. */
export const JOB_TASKS_SETTINGS: estypes.IndicesIndexSettings = {
  // The stat API pages group members with top_hits, whose from + size is capped by this setting.
  max_inner_result_window: 10_000,
  // A literal substring search may go out as a case-expanded regexp of up to ~60,000 characters
  // (libs/query READ_MODEL_MAX_REGEX_LENGTH, tied to this value by a test). Dynamic: no rebuild needed.
  max_regex_length: 65_536,
  // Must equal READ_MODEL_REFRESH_MS, which the cache-coherence window is derived from.
  refresh_interval: '1s',
};

/** How many primaries and replicas a read-model index gets (READ_MODEL_SHARDS / READ_MODEL_REPLICAS). */
export interface ReadModelLayout {
  shards: number;
  replicas: number;
}

/**
 * A new read-model index's settings. Shard and replica counts are fixed at creation (a change takes
 * a rebuild into a new index version); no query plan relies on a single shard (docs/cluster.md).
 */
export function jobTasksIndexSettings(layout: ReadModelLayout): estypes.IndicesIndexSettings {
  return {
    number_of_shards: layout.shards,
    number_of_replicas: layout.replicas,
    ...JOB_TASKS_SETTINGS,
  };
}
