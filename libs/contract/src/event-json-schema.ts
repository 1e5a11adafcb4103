import { JOB_TASK_EVENT_TYPES, type JobTaskEventType } from '@app/domain';
import { dataSchemas, envelopeSchema } from '@app/domain/events/event-payload.schema';
import { z } from 'zod';

/*
 * The JSON Schema of one event value, generated from the zod schemas the projector decodes with (their input
 * side: what an emitter may send), so the published contract cannot drift from the decoder. Two things are added
 * here because the zod schemas leave them to dedicated checks: `event_type` selects the variant, and
 * `occurred_at` gets the RFC 3339 shape the projector's parser accepts.
 */

type JsonSchema = Record<string, unknown>;

export const EVENT_SCHEMA_ID =
  'https://jobtask-read-model.local/contract/job-task-event.schema.json';

/**
 * The projector's date-time grammar (see `normaliseOccurredAt`) with the field ranges written out, so that hour 24,
 * minute 60 and leap seconds fail the pattern; `format: date-time` adds the calendar (31 April, 29 February).
 */
export const OCCURRED_AT_PATTERN =
  '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])[Tt]([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?([Zz]|[+-]([01]\\d|2[0-3]):[0-5]\\d)$';

const DESCRIPTIONS: Record<JobTaskEventType, string> = {
  'job_task.created': 'Status at least PENDING; sets created_at and the descriptive fields.',
  'job_task.started': 'Status at least IN_PROGRESS; started_at is the earliest started event.',
  'job_task.resource_succeeded': 'success_count += count (default 1); status at least IN_PROGRESS.',
  'job_task.resource_failed':
    'failure_count += count (default 1), appends error; status at least IN_PROGRESS.',
  'job_task.succeeded':
    'Status SUCCESS; finished_at = occurred_at; optional totals replace the sums.',
  'job_task.failed':
    'Status FAILURE; finished_at = occurred_at; optional totals; appends every ErrorInfo in errors.',
};

const toJson = (schema: z.ZodType): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-7' });
  return rest;
};

function envelope(): { properties: Record<string, JsonSchema>; required: string[] } {
  const json = toJson(envelopeSchema) as {
    properties: Record<string, JsonSchema>;
    required: string[];
  };
  return {
    properties: {
      ...json.properties,
      occurred_at: {
        ...json.properties.occurred_at,
        format: 'date-time',
        pattern: OCCURRED_AT_PATTERN,
        description:
          'RFC 3339 with a zone (Z or ±hh:mm), seconds required; normalised to UTC milliseconds, sub-millisecond digits truncated.',
      },
    },
    required: json.required,
  };
}

function variant(type: JobTaskEventType): JsonSchema {
  const { properties, required } = envelope();
  const data = toJson(dataSchemas[type]);
  // An omitted or null `data` is read as `{}`; only `created` needs it, for data.job_id.
  const dataRequired = type === 'job_task.created';
  return {
    title: type,
    description: DESCRIPTIONS[type],
    type: 'object',
    properties: {
      ...properties,
      event_type: { const: type },
      data: dataRequired ? data : { anyOf: [data, { type: 'null' }] },
    },
    required: dataRequired ? [...required, 'data'] : required,
  };
}

/** The whole schema, draft-07 (the base of AsyncAPI's own schema format); unknown members are allowed everywhere. */
export function jobTaskEventJsonSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: EVENT_SCHEMA_ID,
    title: 'JobTaskEvent',
    description:
      "The value of one record on the job-task events topic (UTF-8 JSON). Generated from the projector's zod schemas by `npm run contract`; do not edit. Validate with format assertion on (e.g. ajv + ajv-formats). Rules a JSON Schema cannot carry are listed under x-rules-outside-the-schema in contract/asyncapi.yaml.",
    oneOf: JOB_TASK_EVENT_TYPES.map(variant),
  };
}
