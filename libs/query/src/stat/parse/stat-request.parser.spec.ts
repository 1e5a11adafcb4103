import { parseStatRequest } from './stat-request.parser';
import type { Stage, StatRequest } from '../stat.types';

const limits = { maxGroups: 10000 };
const parse = (query: unknown, extra: Record<string, unknown> = {}): StatRequest =>
  parseStatRequest({ domain_id: 'domain-1', query, ...extra }, limits);
const stagesOf = (req: StatRequest): Stage[] => {
  if (req.body.kind !== 'aggregate') throw new Error('not an aggregate');
  return req.body.stages;
};

describe(parseStatRequest.name, () => {
  it('should parse the Format A example (group, result sort, page)', () => {
    const sut = parse({
      filter: [{ k: 'job_id', v: 'job-0123456789ab', o: 'eq' }],
      aggregate: {
        group: {
          keys: [{ key: 'status', name: 'status' }],
          fields: [
            { operator: 'count', name: 'count' },
            { key: 'success_count', operator: 'sum', name: 'success' },
          ],
        },
      },
      sort: { name: 'count', desc: true },
      page: { start: 1, limit: 10 },
    });
    expect(sut.domainId).toBe('domain-1');
    expect(sut.scope.filter).toHaveLength(1);
    expect(sut.page).toEqual({ start: 1, limit: 10 });
    expect(sut.body).toMatchObject({ kind: 'aggregate', format: 'A' });
    expect(stagesOf(sut)).toEqual([
      {
        stage: 'group',
        keys: [{ key: 'status', name: 'status', dateFormat: null }],
        fields: [
          { operator: 'count', name: 'count', conditions: [] },
          { operator: 'sum', name: 'success', key: 'success_count', conditions: [] },
        ],
      },
      { stage: 'sort', keys: [{ key: 'count', desc: true }] },
    ]);
  });

  it('should parse the Format B example in list order', () => {
    const sut = parse({
      aggregate: [
        {
          group: {
            keys: [{ key: 'status', name: 'status' }],
            fields: [{ name: 'count', operator: 'count' }],
          },
        },
        { sort: { key: 'count', desc: true } },
      ],
    });
    expect(sut.body).toMatchObject({ kind: 'aggregate', format: 'B' });
    expect(stagesOf(sut).map((s) => s.stage)).toEqual(['group', 'sort']);
    expect(sut.page).toBeNull();
  });

  it('should apply Format A stages in the fixed order unwind, group, count', () => {
    const sut = parse({
      aggregate: {
        count: { name: 'n' },
        unwind: [{ path: 'errors' }],
        group: { keys: [{ k: 'errors.error_code', n: 'code' }] },
      },
    });
    expect(stagesOf(sut).map((s) => s.stage)).toEqual(['unwind', 'group', 'count']);
  });

  it('should accept the k/n/o aliases and lowerCamelCase names', () => {
    const sut = parseStatRequest(
      {
        domainId: 'domain-1',
        query: {
          filterOr: [{ k: 'status', v: 'SUCCESS', o: 'eq' }],
          aggregate: [
            {
              group: {
                keys: [{ k: 'created_at', n: 'day', dateFormat: '%Y-%m-%d' }],
                fields: [{ n: 'c', o: 'count' }],
              },
            },
            { project: { fields: [{ k: 'c', n: 'total' }], excludeKeys: true } },
          ],
        },
      },
      limits,
    );
    expect(sut.scope.filterOr).toHaveLength(1);
    expect(stagesOf(sut)).toEqual([
      {
        stage: 'group',
        keys: [
          { key: 'created_at', name: 'day', dateFormat: { kind: 'pattern', pattern: '%Y-%m-%d' } },
        ],
        fields: [{ operator: 'count', name: 'c', conditions: [] }],
      },
      {
        stage: 'project',
        fields: [{ key: 'c', name: 'total', operator: null }],
        excludeKeys: true,
      },
    ]);
  });

  it('should parse distinct with a page and report no aggregate', () => {
    const sut = parse({ distinct: 'status', page: { start: 2, limit: 3 } });
    expect(sut.body).toEqual({ kind: 'distinct', field: 'status', desc: false, limit: null });
    expect(sut.page).toEqual({ start: 2, limit: 3 });
  });

  it('should treat an empty aggregate as absent, as SpaceONE did', () => {
    expect(parse({ aggregate: {}, distinct: 'status' }).body.kind).toBe('distinct');
    expect(parse({ aggregate: [], distinct: 'status' }).body.kind).toBe('distinct');
  });

  it('should let aggregate win over distinct', () => {
    const sut = parse({ distinct: 'status', aggregate: [{ count: { name: 'n' } }] });
    expect(sut.body.kind).toBe('aggregate');
  });

  it('should clamp page.start below 1 and ignore a zero limit', () => {
    expect(parse({ distinct: 'status', page: { start: -4, limit: 2 } }).page).toEqual({
      start: 1,
      limit: 2,
    });
    expect(parse({ distinct: 'status', page: { start: 3, limit: 0 } }).page).toBeNull();
  });

  it('should turn Format A sort and limit into trailing stages', () => {
    const sut = parse({
      aggregate: { group: { keys: [{ key: 'status', name: 'status' }] } },
      sort: { name: 'status' },
      limit: 2,
    });
    expect(stagesOf(sut).slice(1)).toEqual([
      { stage: 'sort', keys: [{ key: 'status', desc: false }] },
      { stage: 'limit', count: 2 },
    ]);
  });

  it('should type a date condition value as a Date', () => {
    const sut = parse({
      aggregate: [
        {
          group: {
            fields: [
              {
                name: 'late',
                operator: 'count',
                conditions: [
                  { key: 'finished_at', value: '2026-11-28T10:00:00Z', operator: 'gte' },
                ],
              },
            ],
          },
        },
      ],
    });
    const [group] = stagesOf(sut);
    expect(group).toMatchObject({
      fields: [{ conditions: [{ value: new Date('2026-11-28T10:00:00.000Z') }] }],
    });
  });

  it('should accept year/month/day date formats and push with sub-fields', () => {
    const sut = parse({
      aggregate: [
        {
          group: {
            keys: [{ key: 'created_at', name: 'y', date_format: 'year' }],
            fields: [{ name: 'p', operator: 'push', fields: [{ key: 'job_task_id', name: 'id' }] }],
          },
        },
      ],
    });
    expect(stagesOf(sut)[0]).toMatchObject({
      keys: [{ dateFormat: { kind: 'part', part: 'year' } }],
      fields: [{ operator: 'push', key: null, fields: [{ key: 'job_task_id', name: 'id' }] }],
    });
  });
});
