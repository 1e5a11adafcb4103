import { jobTaskQueryToBody } from './job-task-query.converter';

describe(jobTaskQueryToBody.name, () => {
  it('should treat every proto3 default of a shortcut field as not given', () => {
    const body = jobTaskQueryToBody({
      domain_id: 'd',
      job_task_id: '',
      status: 'JOB_TASK_STATE_NONE',
      job_id: '',
      secret_id: '',
      provider: '',
      service_account_id: '',
      project_id: '',
    });
    expect(body).toEqual({ domain_id: 'd' });
  });

  it('should treat the zero enum number as not given too', () => {
    expect(jobTaskQueryToBody({ domain_id: 'd', status: 0 })).toEqual({ domain_id: 'd' });
  });

  it('should pass given shortcut fields on by name', () => {
    const body = jobTaskQueryToBody({
      domain_id: 'd',
      job_task_id: 't',
      status: 'FAILURE',
      job_id: 'j',
      secret_id: 's',
      provider: 'aws',
      service_account_id: 'sa',
      project_id: 'p',
    });
    expect(body).toEqual({
      domain_id: 'd',
      job_task_id: 't',
      status: 'FAILURE',
      job_id: 'j',
      secret_id: 's',
      provider: 'aws',
      service_account_id: 'sa',
      project_id: 'p',
    });
  });

  it('should pass an enum number unknown to this proto on, for the parser to reject', () => {
    expect(jobTaskQueryToBody({ domain_id: 'd', status: 9 })).toEqual({
      domain_id: 'd',
      status: 9,
    });
  });

  it('should leave out an empty domain_id so that it is reported as missing', () => {
    expect(jobTaskQueryToBody({ domain_id: '' })).toEqual({});
  });

  it('should convert every Query option', () => {
    const body = jobTaskQueryToBody({
      domain_id: 'd',
      query: {
        filter: [{ k: 'status', v: { stringValue: 'SUCCESS' }, o: 'eq' }],
        filter_or: [{ key: 'provider', value: { nullValue: 'NULL_VALUE' }, operator: 'eq' }],
        sort: { keys: [{ key: 'job_id', desc: true }, { key: 'created_at' }] },
        page: { start: 2, limit: 10 },
        only: ['job_task_id'],
        minimal: true,
        count_only: true,
        keyword: 'abc',
      },
    });
    expect(body).toEqual({
      domain_id: 'd',
      query: {
        filter: [{ key: 'status', value: 'SUCCESS', operator: 'eq' }],
        filter_or: [{ key: 'provider', value: null, operator: 'eq' }],
        sort: { keys: [{ key: 'job_id', desc: true }, { key: 'created_at' }] },
        page: { start: 2, limit: 10 },
        only: ['job_task_id'],
        minimal: true,
        count_only: true,
        keyword: 'abc',
      },
    });
  });

  it('should drop the proto3 defaults inside Query', () => {
    const body = jobTaskQueryToBody({
      domain_id: 'd',
      query: {
        filter: [],
        sort: { key: '', desc: false, keys: [] },
        page: { start: 0, limit: 0 },
        only: [],
        minimal: false,
        count_only: false,
        keyword: '',
      },
    });
    expect(body).toEqual({ domain_id: 'd', query: { sort: {}, page: {} } });
  });

  it('should convert structured filter values and leave a kind-less one out', () => {
    const body = jobTaskQueryToBody({
      domain_id: 'd',
      query: {
        filter: [
          {
            key: 'errors',
            operator: 'match',
            value: { structValue: { fields: { error_code: { stringValue: 'E1' } } } },
          },
          {
            key: 'job_id',
            operator: 'in',
            value: { listValue: { values: [{ stringValue: 'a' }] } },
          },
          { key: 'job_id', operator: 'eq', value: {} },
        ],
      },
    });
    expect(body.query).toEqual({
      filter: [
        { key: 'errors', operator: 'match', value: { error_code: 'E1' } },
        { key: 'job_id', operator: 'in', value: ['a'] },
        { key: 'job_id', operator: 'eq' },
      ],
    });
  });

  it('should pass both spellings of a oneof on when a message carries both, for the parser to refuse', () => {
    const body = jobTaskQueryToBody({
      domain_id: 'd',
      query: {
        filter: [
          {
            key: 'job_id',
            k: 'provider',
            value: { stringValue: 'a' },
            v: { numberValue: 1 },
            operator: 'eq',
            o: 'in',
          },
        ],
      },
    });
    expect(body.query).toEqual({
      filter: [{ key: 'job_id', k: 'provider', value: 'a', v: 1, operator: 'eq', o: 'in' }],
    });
  });

  it('should keep a null value given under the v alias (eq null)', () => {
    const body = jobTaskQueryToBody({
      domain_id: 'd',
      query: { filter: [{ k: 'project_id', v: { nullValue: 'NULL_VALUE' }, o: 'eq' }] },
    });
    expect(body.query).toEqual({ filter: [{ key: 'project_id', value: null, operator: 'eq' }] });
  });
});
