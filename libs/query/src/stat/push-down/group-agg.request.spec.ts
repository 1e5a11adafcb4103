import { conditionQuery } from './condition-query';
import { groupAggs } from './group-agg.request';
import type { GroupStage } from '../plan/plan.selector';
import { parseStatRequest } from '../parse/stat-request.parser';

function groupOf(group: unknown): GroupStage {
  const req = parseStatRequest(
    { domain_id: 'd', query: { aggregate: [{ unwind: { path: 'errors' } }, { group }] } },
    { maxGroups: 10 },
  );
  const stage = req.body.kind === 'aggregate' ? req.body.stages[1] : undefined;
  if (stage?.stage !== 'group') throw new Error('group expected');
  return stage;
}

const STREAM_ASC = [
  { created_at: { order: 'asc', missing: '_first' } },
  { job_task_id: { order: 'asc' } },
];
const STREAM_DESC = [
  { created_at: { order: 'desc', missing: '_last' } },
  { job_task_id: { order: 'desc' } },
];

describe(groupAggs.name, () => {
  it('should plan a composite with one sub-aggregation per field', () => {
    const g = groupOf({
      keys: [
        { key: 'status', name: 'status' },
        { key: 'created_at', name: 'month', date_format: '%Y-%m' },
        { key: 'finished_at', name: 'f' },
      ],
      fields: [
        { name: 'n', operator: 'count' },
        {
          name: 'ok',
          operator: 'count',
          conditions: [{ key: 'status', operator: 'eq', value: 'SUCCESS' }],
        },
        { name: 's', operator: 'sum', key: 'success_count' },
        {
          name: 'a',
          operator: 'average',
          key: 'failure_count',
          conditions: [{ key: 'provider', operator: 'not', value: 'aws' }],
        },
        { name: 'lo', operator: 'min', key: 'job_id' },
        { name: 'hi', operator: 'max', key: 'started_at' },
        { name: 'first', operator: 'first', key: 'errors.error_code' },
        { name: 'last', operator: 'last', key: 'provider' },
        { name: 'set', operator: 'add_to_set', key: 'project_id' },
      ],
    });
    expect(groupAggs(g, false, undefined)).toEqual({
      groups: {
        composite: {
          size: 49,
          sources: [
            { k0: { terms: { field: 'status', missing_bucket: true } } },
            {
              k1: {
                date_histogram: {
                  field: 'created_at',
                  calendar_interval: '1M',
                  missing_bucket: true,
                },
              },
            },
            { k2: { terms: { field: 'finished_at', missing_bucket: true } } },
          ],
        },
        aggs: {
          f1: { filter: { bool: { filter: [{ term: { status: 'SUCCESS' } }] } } },
          f2: {
            filter: { match_all: {} },
            aggs: {
              s: { sum: { field: 'success_count' } },
              n: { value_count: { field: 'success_count' } },
            },
          },
          f3: {
            filter: { bool: { filter: [{ bool: { must_not: [{ term: { provider: 'aws' } }] } }] } },
            aggs: {
              s: { sum: { field: 'failure_count' } },
              n: { value_count: { field: 'failure_count' } },
            },
          },
          f4: { terms: { field: 'job_id', size: 1, order: { _key: 'asc' } } },
          f5: { max: { field: 'started_at' } },
          f6: {
            top_hits: {
              size: 1,
              sort: STREAM_ASC,
              _source: { includes: ['errors', 'created_at', 'job_task_id'] },
            },
          },
          f7: {
            top_hits: {
              size: 1,
              sort: STREAM_DESC,
              _source: { includes: ['provider', 'created_at', 'job_task_id'] },
            },
          },
          f8: { terms: { field: 'project_id', size: 1000 } },
        },
      },
    });
  });

  it('should page with after and put unwound groups inside a nested aggregation', () => {
    const g = groupOf({
      keys: [{ key: 'errors.error_code', name: 'code' }],
      fields: [{ name: 'msgs', operator: 'size', key: 'errors.message' }],
    });
    expect(groupAggs(g, true, { k0: 'E1' })).toEqual({
      rows: {
        nested: { path: 'errors' },
        aggs: {
          groups: {
            composite: {
              size: 49,
              sources: [{ k0: { terms: { field: 'errors.error_code', missing_bucket: true } } }],
              after: { k0: 'E1' },
            },
            aggs: { f0: { terms: { field: 'errors.message', size: 1000 } } },
          },
        },
      },
    });
  });

  it('should use one filter bucket when there are no keys', () => {
    const g = groupOf({ fields: [{ name: 'n', operator: 'count' }] });
    expect(groupAggs(g, false, undefined)).toEqual({ groups: { filter: { match_all: {} } } });
  });

  it('should pick fixed or calendar intervals from the finest specifier', () => {
    const interval = (date_format: string): unknown => {
      const g = groupOf({ keys: [{ key: 'created_at', name: 'd', date_format }] });
      const sources = (
        groupAggs(g, false, undefined).groups as { composite: { sources: object[] } }
      ).composite.sources;
      return (sources[0] as { k0: { date_histogram: object } }).k0.date_histogram;
    };
    expect(interval('%Y')).toMatchObject({ calendar_interval: '1y' });
    expect(interval('month')).toMatchObject({ calendar_interval: '1M' });
    expect(interval('day')).toMatchObject({ fixed_interval: '1d' });
    expect(interval('%H')).toMatchObject({ fixed_interval: '1h' });
    expect(interval('%Y-%m-%dT%H:%M')).toMatchObject({ fixed_interval: '1m' });
    expect(interval('%S')).toMatchObject({ fixed_interval: '1s' });
  });
});

describe(conditionQuery.name, () => {
  const missing = { bool: { must_not: [{ exists: { field: 'k' } }] } };
  it.each([
    ['eq', 'a', false, { term: { k: 'a' } }],
    ['not', 'a', false, { bool: { must_not: [{ term: { k: 'a' } }] } }],
    ['gt', 'a', false, { range: { k: { gt: 'a' } } }],
    ['gte', 3, true, { range: { k: { gte: 3 } } }],
    [
      'lt',
      'a',
      false,
      { bool: { should: [{ range: { k: { lt: 'a' } } }, missing], minimum_should_match: 1 } },
    ],
    [
      'lte',
      2.5,
      true,
      { bool: { should: [{ range: { k: { lte: 2 } } }, missing], minimum_should_match: 1 } },
    ],
    ['gt', 2.5, true, { range: { k: { gte: 3 } } }],
    ['gte', 2.5, true, { range: { k: { gte: 3 } } }],
    [
      'lt',
      3,
      true,
      { bool: { should: [{ range: { k: { lte: 2 } } }, missing], minimum_should_match: 1 } },
    ],
    ['eq', 2.5, true, { match_none: {} }],
    ['not', 2.5, true, { match_all: {} }],
    ['eq', 2 ** 31, true, { match_none: {} }],
    ['not', 2 ** 31, true, { match_all: {} }],
    ['gt', 2 ** 31, true, { match_none: {} }],
    ['gte', -(2 ** 40), true, { exists: { field: 'k' } }],
    ['lt', 2 ** 40, true, { match_all: {} }],
    ['lte', -(2 ** 31) - 0.5, true, missing],
    [
      'gte',
      new Date('2026-01-02T03:04:05.006Z'),
      false,
      { range: { k: { gte: '2026-01-02T03:04:05.006Z' } } },
    ],
  ] as const)(
    'should translate %s %p (integer field: %p)',
    (operator, value, integer, expected) => {
      expect(conditionQuery({ key: 'k', operator, value }, integer)).toEqual(expected);
    },
  );
});
