import { jobTaskStatQueryToBody } from './statistics-query.converter';

describe(jobTaskStatQueryToBody.name, () => {
  it('should convert a Format A query with its aliases to long names', () => {
    const body = jobTaskStatQueryToBody({
      domain_id: 'd',
      query: {
        filter: [{ k: 'provider', v: { stringValue: 'aws' }, o: 'eq' }],
        filter_or: [{ k: 'status', v: { stringValue: 'SUCCESS' }, o: 'eq' }],
        keyword: 'job',
        aggregate: {
          unwind: [{ path: 'errors' }],
          group: {
            keys: [{ k: 'created_at', n: 'day', date_format: '%Y-%m-%d' }],
            fields: [
              { k: 'success_count', n: 'total', o: 'sum' },
              { n: 'n', o: 'count' },
            ],
          },
          count: { name: 'groups' },
        },
        sort: { name: 'total', desc: true },
        limit: 5,
      },
    });
    expect(body).toEqual({
      domain_id: 'd',
      query: {
        filter: [{ key: 'provider', value: 'aws', operator: 'eq' }],
        filter_or: [{ key: 'status', value: 'SUCCESS', operator: 'eq' }],
        keyword: 'job',
        aggregate: {
          unwind: [{ path: 'errors' }],
          group: {
            keys: [{ key: 'created_at', name: 'day', date_format: '%Y-%m-%d' }],
            fields: [
              { key: 'success_count', name: 'total', operator: 'sum' },
              { name: 'n', operator: 'count' },
            ],
          },
          count: { name: 'groups' },
        },
        sort: { name: 'total', desc: true },
        limit: 5,
      },
    });
  });

  it('should convert distinct with page and drop unset scalars', () => {
    const body = jobTaskStatQueryToBody({
      domain_id: 'd',
      query: { distinct: 'job_id', page: { start: 0, limit: 2 }, limit: 0, keyword: '' },
    });
    expect(body).toEqual({ domain_id: 'd', query: { distinct: 'job_id', page: { limit: 2 } } });
  });

  it("should pass a group field's value and date_format on, for the parser to reject by name", () => {
    const body = jobTaskStatQueryToBody({
      domain_id: 'd',
      query: {
        aggregate: { group: { fields: [{ n: 'x', o: 'max', v: 'v', date_format: '%Y' }] } },
      },
    });
    expect(body.query).toEqual({
      aggregate: {
        group: { fields: [{ name: 'x', operator: 'max', value: 'v', date_format: '%Y' }] },
      },
    });
  });

  it('should leave out a missing query and an empty domain_id', () => {
    expect(jobTaskStatQueryToBody({ domain_id: '' })).toEqual({});
  });

  it('should pass both spellings of a oneof on when a message carries both, for the parser to refuse', () => {
    const body = jobTaskStatQueryToBody({
      domain_id: 'd',
      query: {
        aggregate: {
          group: {
            keys: [{ key: 'provider', k: 'job_id', name: 'p', n: 'q' }],
            fields: [{ name: 'x', n: 'y', operator: 'count', o: 'sum', value: 'a', v: 'b' }],
          },
        },
      },
    });
    expect(body.query).toEqual({
      aggregate: {
        group: {
          keys: [{ key: 'provider', k: 'job_id', name: 'p', n: 'q' }],
          fields: [{ name: 'x', n: 'y', operator: 'count', o: 'sum', value: 'a', v: 'b' }],
        },
      },
    });
  });
});
