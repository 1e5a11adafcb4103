import type { FilterMessage } from '../../src/grpc/job-task.messages';
import { jsonToValue } from '../../src/grpc/struct-value.converter';

/** A filter condition as a client builds it: the value wrapped in google.protobuf.Value. */
export function condition(key: string, operator: string, value: unknown): FilterMessage {
  return { key, operator, value: jsonToValue(value) };
}

type Json = Record<string, unknown>;

function conditionMessage(raw: Json): FilterMessage {
  const { value, v, ...rest } = raw;
  const given = value !== undefined ? { value: jsonToValue(value) } : {};
  return { ...rest, ...(v !== undefined ? { v: jsonToValue(v) } : given) };
}

/**
 * A REST JSON body (JobTaskQuery or JobTaskStatQuery) as the equivalent protobuf request: only the
 * filter values need wrapping, every other field already has its proto name and JS type.
 */
export function protoRequestOf<T extends object>(body: Json): T {
  const query = body.query as Json | undefined;
  if (!query) return body as T;
  const wrap = (list: unknown) => (list as Json[] | undefined)?.map(conditionMessage);
  const converted: Json = { ...query };
  if (query.filter) converted.filter = wrap(query.filter);
  if (query.filter_or) converted.filter_or = wrap(query.filter_or);
  return { ...body, query: converted } as T;
}
