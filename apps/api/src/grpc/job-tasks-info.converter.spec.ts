import {
  toJobTaskInfoMessage,
  toJobTasksInfoMessage,
  toStatStruct,
} from './job-tasks-info.converter';

describe(toJobTaskInfoMessage.name, () => {
  it('should convert timestamps, errors and leave nulls unset', () => {
    const message = toJobTaskInfoMessage({
      job_task_id: 't',
      status: 'SUCCESS',
      success_count: 0,
      failure_count: 2,
      errors: [{ error_code: 'E', message: 'm', additional: { n: 1 } }],
      job_id: null,
      domain_id: 'd',
      created_at: '1970-01-01T00:00:01.500Z',
      started_at: null,
      finished_at: null,
    });
    expect(message).toEqual({
      job_task_id: 't',
      status: 'SUCCESS',
      success_count: 0,
      failure_count: 2,
      errors: [
        {
          error_code: 'E',
          message: 'm',
          additional: { fields: { n: { numberValue: 1 } } },
        },
      ],
      domain_id: 'd',
      created_at: { seconds: 1, nanos: 500_000_000 },
    });
  });

  it('should carry exactly the fields of an `only` answer', () => {
    expect(toJobTaskInfoMessage({ job_id: 'j', finished_at: null })).toEqual({ job_id: 'j' });
  });

  it('should give an error without additional an empty Struct', () => {
    const message = toJobTaskInfoMessage({ errors: [{ error_code: 'E', message: 'm' }] });
    expect(message.errors).toEqual([{ error_code: 'E', message: 'm', additional: { fields: {} } }]);
  });
});

describe(toJobTasksInfoMessage.name, () => {
  it('should keep total_count and an empty result list', () => {
    expect(toJobTasksInfoMessage({ results: [], total_count: 42 })).toEqual({
      results: [],
      total_count: 42,
    });
  });
});

describe(toStatStruct.name, () => {
  it('should carry results and total_count as Struct fields', () => {
    expect(toStatStruct({ results: [{ n: 1, day: null }], total_count: 3 })).toEqual({
      fields: {
        results: {
          listValue: {
            values: [
              {
                structValue: {
                  fields: { n: { numberValue: 1 }, day: { nullValue: 'NULL_VALUE' } },
                },
              },
            ],
          },
        },
        total_count: { numberValue: 3 },
      },
    });
  });

  it('should leave total_count out when the answer has none', () => {
    expect(toStatStruct({ results: ['a'] }).fields).not.toHaveProperty('total_count');
  });
});
