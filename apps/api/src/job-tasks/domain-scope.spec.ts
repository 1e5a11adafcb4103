import { assertNoGlobalAggregation, scopeToDomain } from './domain-scope';

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

describe(assertNoGlobalAggregation.name, () => {
  it('should accept ordinary nested aggregations', () => {
    expect(() =>
      assertNoGlobalAggregation({
        g: { composite: { sources: [] }, aggs: { n: { nested: { path: 'errors' } } } },
      }),
    ).not.toThrow();
  });

  it('should refuse a global aggregation at any depth', () => {
    expect(() =>
      assertNoGlobalAggregation({ a: { terms: { field: 'x' }, aggs: { all: { global: {} } } } }),
    ).toThrow(/global/);
  });
});
