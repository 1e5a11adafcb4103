import { assertAggregationsInScope, DomainScopeEscapeError, scopeToDomain } from './domain-scope';

describe(scopeToDomain.name, () => {
  it('should filter by the domain when nothing else is asked', () => {
    expect(scopeToDomain('d1', undefined)).toEqual({
      bool: { filter: [{ term: { domain_id: 'd1' } }] },
    });
  });

  it('should AND the planned query inside the domain filter', () => {
    const planned = { bool: { should: [{ term: { status: 'SUCCESS' } }, { match_all: {} }] } };
    expect(scopeToDomain('d1', planned)).toEqual({
      bool: { filter: [{ term: { domain_id: 'd1' } }], must: [planned] },
    });
  });
});

describe(assertAggregationsInScope.name, () => {
  it('should accept ordinary nested aggregations', () => {
    expect(() =>
      assertAggregationsInScope({
        g: { composite: { sources: [] }, aggs: { n: { nested: { path: 'errors' } } } },
      }),
    ).not.toThrow();
  });

  it('should refuse a global aggregation at any depth', () => {
    expect(() =>
      assertAggregationsInScope({ a: { terms: { field: 'x' }, aggs: { all: { global: {} } } } }),
    ).toThrow(/global/);
  });

  it('should accept buckets that need at least one matching document', () => {
    expect(() =>
      assertAggregationsInScope({
        t: { terms: { field: 'job_id', min_doc_count: 1 } },
        h: { date_histogram: { field: 'created_at', calendar_interval: 'day' } },
      }),
    ).not.toThrow();
  });

  it.each<[string, unknown]>([
    ['zero-count terms buckets', { t: { terms: { field: 'job_id', min_doc_count: 0 } } }],
    [
      'zero-count buckets nested under aggregations',
      {
        g: {
          composite: { sources: [] },
          aggregations: { t: { terms: { field: 'provider', min_doc_count: '0' } } },
        },
      },
    ],
    ['significant terms', { s: { significant_terms: { field: 'errors.error_code' } } }],
    ['significant text', { s: { significant_text: { field: 'errors.message' } } }],
  ])('should refuse %s, which answer from other domains too', (_name, aggs) => {
    expect(() => assertAggregationsInScope(aggs)).toThrow(DomainScopeEscapeError);
  });
});
