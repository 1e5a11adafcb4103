import { FieldSpec, lookupField } from '../../fields';
import { ConditionSource, FilterCondition } from '../condition.types';
import { conditionQuery } from './condition-query.builder';

function fieldOf(key: string): FieldSpec {
  const field = lookupField(key);
  if (!field) throw new Error(`no field ${key}`);
  return field;
}

/** Builders read only the typed members; the source is there for evaluators, not for them. */
const source: ConditionSource = { key: 'ignored', operator: 'eq', value: 'ignored' };
const NOW = new Date('2026-11-25T10:30:00.000Z'); // a Wednesday

describe(conditionQuery.name, () => {
  const sut = conditionQuery;

  it('should resolve a timediff against the now it is built with', () => {
    const condition: FilterCondition = {
      kind: 'timediff',
      field: fieldOf('created_at'),
      source,
      comparison: 'gte',
      timediff: { base: 'week', amount: -1, unit: 'd' },
    };
    const later = new Date(NOW.getTime() + 7 * 86_400_000);
    const monday = Date.parse('2026-11-23T00:00:00Z');
    expect(sut(condition, NOW)).toEqual({
      range: { created_at: { gte: monday - 86_400_000, format: 'epoch_millis' } },
    });
    expect(sut(condition, later)).toEqual({
      range: { created_at: { gte: monday + 6 * 86_400_000, format: 'epoch_millis' } },
    });
  });

  it('should send a literal in the form the parser chose for it', () => {
    const condition: FilterCondition = {
      kind: 'substring',
      field: fieldOf('errors.message'),
      source,
      negated: true,
      literals: [
        { text: 'a', pattern: { kind: 'regexp', value: '.*[Aa].*', maxDeterminizedStates: 7 } },
      ],
    };
    expect(sut(condition, NOW)).toEqual({
      bool: {
        must_not: [
          {
            nested: {
              path: 'errors',
              query: {
                regexp: {
                  'errors.message': {
                    value: '.*[Aa].*',
                    flags: 'NONE',
                    max_determinized_states: 7,
                  },
                },
              },
            },
          },
        ],
      },
    });
  });

  it('should send a regex as its compiled Lucene form', () => {
    const condition: FilterCondition = {
      kind: 'regex',
      field: fieldOf('job_id'),
      source,
      patterns: [
        { pattern: 'a', lucene: '.*[Aa].*' },
        { pattern: 'b', lucene: '.*[Bb].*' },
      ],
    };
    expect(sut(condition, NOW)).toEqual({
      bool: {
        should: [
          { regexp: { job_id: { value: '.*[Aa].*', flags: 'NONE' } } },
          { regexp: { job_id: { value: '.*[Bb].*', flags: 'NONE' } } },
        ],
        minimum_should_match: 1,
      },
    });
  });

  it('should compare an instant operand without parsing anything', () => {
    const condition: FilterCondition = {
      kind: 'compare',
      field: fieldOf('finished_at'),
      source,
      comparison: 'lt',
      operand: { type: 'instant', instant: { epochMs: 1000, subMs: true } },
    };
    expect(sut(condition, NOW)).toEqual({
      range: { finished_at: { lte: 1000, format: 'epoch_millis' } },
    });
  });

  it('should turn one-of over counts into terms of the int32 values and null into absence', () => {
    const condition: FilterCondition = {
      kind: 'one-of',
      field: fieldOf('success_count'),
      source,
      negated: false,
      includesNull: true,
      operands: [
        { type: 'number', number: 1 },
        { type: 'number', number: 1.5 },
        { type: 'number', number: 2 ** 40 },
      ],
    };
    expect(sut(condition, NOW)).toEqual({
      bool: {
        should: [
          { terms: { success_count: [1] } },
          { bool: { must_not: [{ exists: { field: 'success_count' } }] } },
        ],
        minimum_should_match: 1,
      },
    });
  });
});
