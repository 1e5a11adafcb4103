import { lookupField } from '../../fields';
import { QueryError } from '../../errors/query-error';
import { FilterCondition } from '../condition.types';
import { containPattern } from '../regex/contain-pattern';
import { parseFilterCondition } from './condition.parser';

const sut = (raw: unknown): FilterCondition => parseFilterCondition(raw, 'query.filter[0]');
const field = (key: string) => lookupField(key);
const ms = (iso: string) => Date.parse(iso);

describe(parseFilterCondition.name, () => {
  it('should keep the condition as written, aliases resolved and a missing value as null', () => {
    expect(sut({ k: 'status', o: 'eq' }).source).toEqual({
      key: 'status',
      operator: 'eq',
      value: null,
    });
  });

  it.each<[string, Record<string, unknown>, Partial<FilterCondition>]>([
    [
      'eq on a keyword',
      { k: 'status', v: 'SUCCESS', o: 'eq' },
      { kind: 'equals', negated: false, operand: { type: 'text', text: 'SUCCESS' } },
    ],
    [
      'not null',
      { k: 'job_id', v: null, o: 'not' },
      { kind: 'equals', negated: true, operand: null },
    ],
    [
      'eq on a count',
      { k: 'success_count', v: 2.5, o: 'eq' },
      { kind: 'equals', negated: false, operand: { type: 'number', number: 2.5 } },
    ],
    [
      'eq on a date (already an instant)',
      { k: 'created_at', v: '2026-11-28T10:00:00.0005Z', o: 'eq' },
      {
        kind: 'equals',
        operand: { type: 'instant', instant: { epochMs: ms('2026-11-28T10:00:00Z'), subMs: true } },
      },
    ],
    [
      'in, repeats merged and null apart',
      { k: 'job_id', v: ['a', null, 'a', 'b'], o: 'in' },
      {
        kind: 'one-of',
        negated: false,
        includesNull: true,
        operands: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
    ],
    [
      'not_in []',
      { k: 'job_id', v: [], o: 'not_in' },
      { kind: 'one-of', negated: true, operands: [] },
    ],
    [
      'lt on a count',
      { k: 'failure_count', v: 3, o: 'lt' },
      { kind: 'compare', comparison: 'lt', operand: { type: 'number', number: 3 } },
    ],
    [
      'datetime_gte',
      { k: 'finished_at', v: '2026-01-01', o: 'datetime_gte' },
      {
        kind: 'compare',
        comparison: 'gte',
        operand: {
          type: 'instant',
          instant: { epochMs: ms('2026-01-01T00:00:00Z'), subMs: false },
        },
      },
    ],
    [
      'timediff_lt (parsed, not resolved)',
      { k: 'created_at', v: 'now/d - 7d', o: 'timediff_lt' },
      { kind: 'timediff', comparison: 'lt', timediff: { base: 'day', amount: -7, unit: 'd' } },
    ],
    ['exists false', { k: 'errors', v: false, o: 'exists' }, { kind: 'exists', present: false }],
    [
      'not_contain_in (each literal negated)',
      { k: 'job_id', v: ['x', 'é'], o: 'not_contain_in' },
      {
        kind: 'substring',
        negated: true,
        literals: [
          { text: 'x', pattern: containPattern('x') },
          { text: 'é', pattern: containPattern('é') },
        ],
      },
    ],
    [
      'regex (compiled to Lucene with case alternatives)',
      { k: 'job_id', v: '^ab', o: 'regex' },
      { kind: 'regex', patterns: [{ pattern: '^ab', lucene: '[Aa][Bb].*' }] },
    ],
    [
      'match (pairs in the given order)',
      { k: 'errors', v: { message: 'm', error_code: 'E' }, o: 'match' },
      {
        kind: 'match',
        pairs: [
          { key: 'message', value: 'm' },
          { key: 'error_code', value: 'E' },
        ],
      },
    ],
  ])('should parse %s into its typed form', (_name, raw, expected) => {
    const condition = sut(raw);
    expect(condition).toMatchObject(expected);
    expect(condition.field).toBe(field(String(raw.k)));
  });

  it('should give equal conditions for the long and the short spelling', () => {
    expect(sut({ key: 'job_id', value: ['a'], operator: 'contain_in' })).toEqual(
      sut({ k: 'job_id', v: ['a'], o: 'contain_in' }),
    );
  });

  it.each([
    [{ k: 'created_at', v: 'yesterday', o: 'timediff_gt' }, 'is not a timediff'],
    [{ k: 'created_at', v: '2026-02-30', o: 'datetime_lt' }, 'is not a strict ISO 8601 date-time'],
    [{ k: 'success_count', v: '3', o: 'gte' }, 'is not a number'],
    [{ k: 'job_id', v: '(', o: 'regex' }, 'is not supported'],
    [{ k: 'errors', v: { code: 'E' }, o: 'match' }, 'match supports error_code and message'],
  ])('should refuse a value that does not fit: %j', (raw, reason) => {
    expect(() => sut(raw)).toThrow(QueryError);
    expect(() => sut(raw)).toThrow(reason);
  });
});
