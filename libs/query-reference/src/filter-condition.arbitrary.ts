import { FilterCondition, parseFilterCondition } from '@app/query';
import fc from 'fast-check';
import {
  COUNT_BOUNDS,
  DATE_FILTER_VALUES,
  ERROR_CODES,
  ERROR_MESSAGES,
  REFERENCE_DOMAIN,
  STATUS_VALUES,
  TASK_IDS,
  TEXT_FRAGMENTS,
  TEXT_VALUES,
  TIMEDIFF_VALUES,
} from './reference-pools';
import { arbitraryRegex } from './regex.arbitrary';

const TEXT_KEYS = [
  'job_task_id',
  'status',
  'job_id',
  'secret_id',
  'provider',
  'service_account_id',
  'project_id',
  'domain_id',
  'errors.error_code',
  'errors.message',
] as const;
const NUMBER_KEYS = ['success_count', 'failure_count'] as const;
const DATE_KEYS = ['created_at', 'started_at', 'finished_at'] as const;
const SCALAR_KEYS = [...TEXT_KEYS, ...NUMBER_KEYS, ...DATE_KEYS];

const textValue = fc.constantFrom<string>(
  ...TEXT_VALUES,
  ...TASK_IDS,
  ...STATUS_VALUES,
  'success',
  REFERENCE_DOMAIN,
  ...ERROR_CODES,
  ...ERROR_MESSAGES,
  'aws',
);

function valueFor(key: string): fc.Arbitrary<unknown> {
  if ((NUMBER_KEYS as readonly string[]).includes(key)) return fc.constantFrom(...COUNT_BOUNDS);
  if ((DATE_KEYS as readonly string[]).includes(key)) return fc.constantFrom(...DATE_FILTER_VALUES);
  return textValue;
}

const withValue = (keys: readonly string[], value: (key: string) => fc.Arbitrary<unknown>) =>
  fc.constantFrom(...keys).chain((key) => value(key).map((v) => ({ key, v })));

const op = (...ops: string[]) => fc.constantFrom(...ops);
const fragments = fc.constantFrom(...TEXT_FRAGMENTS);

/** One raw condition for each operator family, with keys and values that fit together. */
const rawCondition: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc
    .tuple(
      op('eq', 'not'),
      withValue(SCALAR_KEYS, (k) => fc.option(valueFor(k), { nil: null, freq: 4 })),
    )
    .map(([o, { key, v }]) => ({ k: key, v, o })),
  op('eq', 'not').map((o) => ({ k: 'errors', v: null, o })),
  fc
    .tuple(op('lt', 'lte', 'gt', 'gte'), withValue(SCALAR_KEYS, valueFor))
    .map(([o, { key, v }]) => ({ k: key, v, o })),
  fc
    .tuple(
      op('in', 'not_in'),
      withValue(SCALAR_KEYS, (k) =>
        fc.array(fc.option(valueFor(k), { nil: null, freq: 5 }), { maxLength: 3 }),
      ),
    )
    .map(([o, { key, v }]) => ({ k: key, v, o })),
  fc
    .tuple(op('exists'), fc.constantFrom<string>(...SCALAR_KEYS, 'errors'), fc.boolean())
    .map(([o, k, v]) => ({ k, v, o })),
  fc
    .tuple(op('contain', 'not_contain'), fc.constantFrom(...TEXT_KEYS), fragments)
    .map(([o, k, v]) => ({ k, v, o })),
  fc
    .tuple(
      op('contain_in', 'not_contain_in'),
      fc.constantFrom(...TEXT_KEYS),
      fc.array(fragments, { minLength: 1, maxLength: 3 }),
    )
    .map(([o, k, v]) => ({ k, v, o })),
  fc.tuple(fc.constantFrom(...TEXT_KEYS), arbitraryRegex()).map(([k, v]) => ({ k, v, o: 'regex' })),
  fc
    .tuple(
      fc.constantFrom(...TEXT_KEYS),
      fc.array(arbitraryRegex(), { minLength: 1, maxLength: 2 }),
    )
    .map(([k, v]) => ({ k, v, o: 'regex_in' })),
  fc
    .record(
      { error_code: fc.constantFrom(...ERROR_CODES), message: fc.constantFrom(...ERROR_MESSAGES) },
      { requiredKeys: [] },
    )
    .map((v) => ({ k: 'errors', v, o: 'match' })),
  fc
    .tuple(
      op('datetime_lt', 'datetime_lte', 'datetime_gt', 'datetime_gte'),
      fc.constantFrom(...DATE_KEYS),
      fc.constantFrom(...DATE_FILTER_VALUES),
    )
    .map(([o, k, v]) => ({ k, v, o })),
  fc
    .tuple(
      op('timediff_lt', 'timediff_lte', 'timediff_gt', 'timediff_gte'),
      fc.constantFrom(...DATE_KEYS),
      fc.constantFrom(...TIMEDIFF_VALUES),
    )
    .map(([o, k, v]) => ({ k, v, o })),
);

/** Random valid conditions covering all 24 operators (validated by the real parser). */
export function arbitraryFilterCondition(): fc.Arbitrary<FilterCondition> {
  return rawCondition.map((raw) => parseFilterCondition(raw, 'generated'));
}
