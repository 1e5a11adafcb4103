import { MalformedRequestError } from '../errors/api-error';
import { listParamsFromUrl, MAX_URL_PARAMETERS } from './list-params-from-url';

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

  it('should refuse more parameters than the URL parser keeps, instead of losing the rest', () => {
    const search = Array.from({ length: MAX_URL_PARAMETERS + 1 }, () => 'job_id=j').join('&');
    expect(() => listParamsFromUrl({ job_id: [] }, search)).toThrow(/1001 URL parameters/);
    expect(() => listParamsFromUrl({}, search.slice(0, -'&job_id=j'.length))).not.toThrow();
  });
});
