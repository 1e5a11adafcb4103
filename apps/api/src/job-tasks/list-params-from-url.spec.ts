import { MalformedRequestError } from '../errors/api-error';
import { listParamsFromUrl } from './list-params-from-url';

describe(listParamsFromUrl.name, () => {
  it('should decode the JSON query and keep the other parameters', () => {
    expect(
      listParamsFromUrl({
        domain_id: 'd1',
        query: '{"page":{"limit":5}}',
        status: ['SUCCESS', 'FAILURE'],
      }),
    ).toEqual({ domain_id: 'd1', query: { page: { limit: 5 } }, status: ['SUCCESS', 'FAILURE'] });
  });

  it('should refuse a query that is not JSON', () => {
    expect(() => listParamsFromUrl({ query: '{nope' })).toThrow(MalformedRequestError);
  });

  it('should refuse a repeated query parameter', () => {
    expect(() => listParamsFromUrl({ query: ['{}', '{}'] })).toThrow(/once/);
  });
});
