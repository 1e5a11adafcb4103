import { ERROR_INFO_FIELDS, JOB_TASK_BOOKKEEPING_FIELD, JOB_TASK_FIELDS } from '@app/domain';
import type { estypes } from '@elastic/elasticsearch';
import { JOB_TASKS_MAPPINGS } from './job-tasks.mapping';

type Properties = Record<string, estypes.MappingProperty>;

const ES_TYPE = { keyword: 'keyword', integer: 'integer', date: 'date', nested: 'nested' } as const;

function propertiesOf(mapping: { properties?: Properties }): Properties {
  if (!mapping.properties) throw new Error('mapping without properties');
  return mapping.properties;
}

describe('JOB_TASKS_MAPPINGS and the field table', () => {
  const sut = JOB_TASKS_MAPPINGS;
  const top = propertiesOf(sut);
  const errors = propertiesOf(top.errors as { properties?: Properties });

  it.each(JOB_TASK_FIELDS.map((f) => [f.key, f.type] as const))(
    'should map %s as %s',
    (key, type) => {
      expect(top[key]?.type).toBe(ES_TYPE[type]);
    },
  );

  it('should map nothing at the top level but the public fields and the bookkeeping', () => {
    expect(Object.keys(top).sort()).toEqual(
      [...JOB_TASK_FIELDS.map((f) => f.key), JOB_TASK_BOOKKEEPING_FIELD].sort(),
    );
    expect(top[JOB_TASK_BOOKKEEPING_FIELD]).toEqual({ type: 'object', enabled: false });
  });

  it('should map every error field with its type and index limit, and nothing else', () => {
    expect(Object.keys(errors).sort()).toEqual(ERROR_INFO_FIELDS.map((f) => f.key).sort());
    for (const field of ERROR_INFO_FIELDS) {
      const expected =
        field.type === 'object'
          ? { type: 'object', enabled: false }
          : {
              type: 'keyword',
              ...('maxIndexedLength' in field ? { ignore_above: field.maxIndexedLength } : {}),
            };
      expect(errors[field.key]).toEqual(expected);
    }
  });

  it('should keep the index definition the read model was created with (no new index version)', () => {
    const keyword = { type: 'keyword' };
    const count = { type: 'integer' };
    const timestamp = { type: 'date', format: 'strict_date_optional_time' };
    expect(sut).toEqual({
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
        projection: { type: 'object', enabled: false },
      },
    });
  });
});
