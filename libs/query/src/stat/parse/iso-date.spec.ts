import { parseIsoInstant } from '../../filter';
import { parseStatRequest } from './stat-request.parser';

/** A group field with one date condition, the only place a stat request carries a date value. */
function withCondition(value: string): unknown {
  return {
    domain_id: 'd',
    query: {
      aggregate: [
        {
          group: {
            fields: [
              {
                name: 'n',
                operator: 'count',
                conditions: [{ key: 'created_at', operator: 'lt', value }],
              },
            ],
          },
        },
      ],
    },
  };
}

function conditionValue(value: string): unknown {
  const req = parseStatRequest(withCondition(value), { maxGroups: 10 });
  if (req.body.kind !== 'aggregate') throw new Error('not an aggregate');
  const group = req.body.stages[0];
  if (group?.stage !== 'group') throw new Error('not a group');
  const field = group.fields[0];
  return field !== undefined && 'conditions' in field ? field.conditions[0]?.value : undefined;
}

describe('stat condition dates', () => {
  it.each([
    '2026-02-30T00:00:00+09:00',
    '2026-02-29T10:00:00+09:00',
    '2026-04-31T00:00:00-05:00',
    '2026-01-01T24:00:00+09:00',
    '2026-01-01T10:60:00+01:00',
  ])('should refuse %s, which is no calendar instant, as the filter does', (value) => {
    expect(parseIsoInstant(value)).toBeUndefined();
    expect(() => conditionValue(value)).toThrow(
      expect.objectContaining({ code: 'ERROR_INVALID_PARAMETER' }) as Error,
    );
  });

  it.each([
    ['2026-11-28T19:30:00+09:00', '2026-11-28T10:30:00.000Z'],
    ['2024-02-29T23:00:00-01:00', '2024-03-01T00:00:00.000Z'],
    ['2026-11-28', '2026-11-28T00:00:00.000Z'],
    ['2026-11', '2026-11-01T00:00:00.000Z'],
    ['2026-11-28t10:30:00,25z', '2026-11-28T10:30:00.250Z'],
    ['2026-11-28T10:30:00.0009Z', '2026-11-28T10:30:00.000Z'],
  ])('should read %s as the filter does (%s)', (value, iso) => {
    expect(new Date(parseIsoInstant(value)?.epochMs ?? NaN).toISOString()).toBe(iso);
    expect(conditionValue(value)).toEqual(new Date(iso));
  });
});
