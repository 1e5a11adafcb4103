import { ErrorInfo, JobTaskInfo } from '@app/domain';
import fc from 'fast-check';
import {
  COUNT_VALUES,
  DATE_VALUES,
  ERROR_CODES,
  ERROR_MESSAGES,
  REFERENCE_DOMAIN,
  STATUS_VALUES,
  TASK_IDS,
  TEXT_VALUES,
} from './reference-pools';

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });

const arbitraryError: fc.Arbitrary<ErrorInfo> = fc.record({
  error_code: fc.constantFrom(...ERROR_CODES),
  message: fc.constantFrom(...ERROR_MESSAGES),
  additional: fc.constantFrom<Record<string, unknown>>({}, { retry: 1 }, { nested: { a: 'b' } }),
});

/**
 * The projector always writes counts, but JobTaskInfo answers an unset one as null and the contract
 * sorts it lowest; on Elasticsearch that needs an int sentinel (an integer field sorts as a Java int).
 */
const count = fc
  .option(fc.constantFrom(...COUNT_VALUES), { nil: null, freq: 6 })
  .map((v) => v as number);

function arbitraryDoc(jobTaskId: string, domainId: string): fc.Arbitrary<JobTaskInfo> {
  const text = nullable(fc.constantFrom(...TEXT_VALUES));
  const date = nullable(fc.constantFrom(...DATE_VALUES));
  return fc.record({
    job_task_id: fc.constant(jobTaskId),
    domain_id: fc.constant(domainId),
    status: fc.constantFrom(...STATUS_VALUES),
    success_count: count,
    failure_count: count,
    errors: fc.oneof(
      { arbitrary: fc.constant<ErrorInfo[]>([]), weight: 2 },
      { arbitrary: fc.array(arbitraryError, { minLength: 1, maxLength: 5 }), weight: 3 },
    ),
    job_id: text,
    secret_id: text,
    provider: nullable(fc.constantFrom('aws', 'AWS', 'gcp', 'azure')),
    service_account_id: text,
    project_id: text,
    created_at: date,
    started_at: date,
    finished_at: date,
  });
}

export interface DocsOptions {
  domainId?: string;
  maxDocs?: number;
}

/** Documents of one domain with unique job_task_ids, many shared values and null/missing fields. */
export function arbitraryJobTaskDocs(options: DocsOptions = {}): fc.Arbitrary<JobTaskInfo[]> {
  const domainId = options.domainId ?? REFERENCE_DOMAIN;
  const maxLength = Math.min(options.maxDocs ?? 12, TASK_IDS.length);
  return fc
    .uniqueArray(fc.constantFrom(...TASK_IDS), { maxLength })
    .chain((ids) =>
      ids.length === 0 ? fc.constant([]) : fc.tuple(...ids.map((id) => arbitraryDoc(id, domainId))),
    );
}
