import {
  ERROR_INFO_FIELDS,
  type ErrorInfoFieldDef,
  JOB_TASK_BOOKKEEPING_FIELD,
  JOB_TASK_FIELDS,
  type JobTaskFieldDef,
  type JobTaskFieldType,
} from '@app/domain';
import type { estypes } from '@elastic/elasticsearch';

/*
 * The read model's index definition, built from libs/domain's field table (JOB_TASK_FIELDS,
 * ERROR_INFO_FIELDS), from which the query language's key table derives too: the API builds its
 * queries against exactly these types (keyword → term/terms aggs, date → ranges/histograms, nested
 * errors → nested queries). Changing a type needs a new index version and a rebuild
 * (`npm run projector -- rebuild`).
 */

type Property = estypes.MappingProperty;

const TOP_LEVEL: Readonly<Record<Exclude<JobTaskFieldType, 'nested'>, Property>> = {
  keyword: { type: 'keyword' },
  integer: { type: 'integer' },
  date: { type: 'date', format: 'strict_date_optional_time' },
};

// Stored for the next merge or for the answer, never searched.
const UNINDEXED_OBJECT: Property = { type: 'object', enabled: false };

function errorProperty(field: ErrorInfoFieldDef): Property {
  if (field.type === 'object') return UNINDEXED_OBJECT;
  // a longer value is kept in _source but not indexed
  return field.maxIndexedLength === undefined
    ? { type: 'keyword' }
    : { type: 'keyword', ignore_above: field.maxIndexedLength };
}

function fieldProperty(field: JobTaskFieldDef): Property {
  if (field.type !== 'nested') return TOP_LEVEL[field.type];
  return {
    type: 'nested',
    properties: Object.fromEntries(ERROR_INFO_FIELDS.map((e) => [e.key, errorProperty(e)])),
  };
}

export const JOB_TASKS_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    ...Object.fromEntries(JOB_TASK_FIELDS.map((field) => [field.key, fieldProperty(field)])),
    // The projector's bookkeeping (event ids, fold state).
    [JOB_TASK_BOOKKEEPING_FIELD]: UNINDEXED_OBJECT,
  },
};

/** The settings that do not depend on the deployment; `jobTasksIndexSettings` adds shards and replicas. */
export const JOB_TASKS_SETTINGS: estypes.IndicesIndexSettings = {
  // The stat API pages group members with top_hits, whose from + size is capped by this setting.
  max_inner_result_window: 10_000,
  // A literal substring search may go out as a case-expanded regexp of up to ~60,000 characters
  // (libs/query READ_MODEL_MAX_REGEX_LENGTH, tied to this value by a test). Dynamic: no rebuild needed.
  max_regex_length: 65_536,
  // READ_MODEL_REFRESH_MS says the same to the tests that wait for the answer cache; the cache itself
  // waits for an observed refresh, not for this interval (cache-coherence.ts).
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
