/**
 * The protobuf messages of proto/ as JS objects under PROTO_LOADER_OPTIONS. Every field is optional
 * because proto3 leaves unset fields off the wire; `null` is tolerated for loaders run with defaults.
 */
type Opt<T> = T | null | undefined;

/**
 * protobufjs always serves google/protobuf/*.proto from its bundled definitions, whose field names
 * are lowerCamelCase whatever keepCase says; the wire format (field numbers) is the standard one.
 */
export interface ValueMessage {
  nullValue?: Opt<string | number>;
  numberValue?: Opt<number>;
  stringValue?: Opt<string>;
  boolValue?: Opt<boolean>;
  structValue?: Opt<StructMessage>;
  listValue?: Opt<ListValueMessage>;
}

export interface StructMessage {
  fields?: Opt<Record<string, ValueMessage>>;
}

export interface ListValueMessage {
  values?: Opt<ValueMessage[]>;
}

export interface TimestampMessage {
  seconds?: Opt<string | number>;
  nanos?: Opt<number>;
}

export interface FilterMessage {
  key?: Opt<string>;
  k?: Opt<string>;
  value?: Opt<ValueMessage>;
  v?: Opt<ValueMessage>;
  operator?: Opt<string>;
  o?: Opt<string>;
}

export interface SortKeyMessage {
  key?: Opt<string>;
  desc?: Opt<boolean>;
}

export interface SortMessage extends SortKeyMessage {
  keys?: Opt<SortKeyMessage[]>;
}

export interface PageMessage {
  start?: Opt<number>;
  limit?: Opt<number>;
}

export interface QueryMessage {
  filter?: Opt<FilterMessage[]>;
  filter_or?: Opt<FilterMessage[]>;
  sort?: Opt<SortMessage>;
  page?: Opt<PageMessage>;
  minimal?: Opt<boolean>;
  count_only?: Opt<boolean>;
  only?: Opt<string[]>;
  keyword?: Opt<string>;
}

export interface JobTaskQueryMessage {
  query?: Opt<QueryMessage>;
  job_task_id?: Opt<string>;
  status?: Opt<string | number>;
  job_id?: Opt<string>;
  secret_id?: Opt<string>;
  provider?: Opt<string>;
  service_account_id?: Opt<string>;
  project_id?: Opt<string>;
  domain_id?: Opt<string>;
}

export interface AggregateGroupKeyMessage {
  key?: Opt<string>;
  k?: Opt<string>;
  name?: Opt<string>;
  n?: Opt<string>;
  date_format?: Opt<string>;
}

export interface AggregateGroupFieldMessage {
  key?: Opt<string>;
  k?: Opt<string>;
  name?: Opt<string>;
  n?: Opt<string>;
  operator?: Opt<string>;
  o?: Opt<string>;
  value?: Opt<string>;
  v?: Opt<string>;
  date_format?: Opt<string>;
}

export interface StatisticsAggregateMessage {
  unwind?: Opt<{ path?: Opt<string> }[]>;
  group?: Opt<{
    keys?: Opt<AggregateGroupKeyMessage[]>;
    fields?: Opt<AggregateGroupFieldMessage[]>;
  }>;
  count?: Opt<{ name?: Opt<string> }>;
}

export interface StatisticsQueryMessage {
  filter?: Opt<FilterMessage[]>;
  filter_or?: Opt<FilterMessage[]>;
  aggregate?: Opt<StatisticsAggregateMessage>;
  sort?: Opt<{ name?: Opt<string>; desc?: Opt<boolean> }>;
  page?: Opt<PageMessage>;
  limit?: Opt<number>;
  distinct?: Opt<string>;
  keyword?: Opt<string>;
}

export interface JobTaskStatQueryMessage {
  query?: Opt<StatisticsQueryMessage>;
  domain_id?: Opt<string>;
}

export interface ErrorInfoMessage {
  error_code?: string;
  message?: string;
  additional?: StructMessage;
}

export interface JobTaskInfoMessage {
  job_task_id?: string;
  status?: string;
  success_count?: number;
  failure_count?: number;
  errors?: ErrorInfoMessage[];
  job_id?: string;
  secret_id?: string;
  provider?: string;
  service_account_id?: string;
  project_id?: string;
  domain_id?: string;
  created_at?: TimestampMessage;
  started_at?: TimestampMessage;
  finished_at?: TimestampMessage;
}

/** Always complete when sent; a decoder leaves an empty list or a zero count off. */
export interface JobTasksInfoMessage {
  results?: JobTaskInfoMessage[];
  total_count?: number;
}
