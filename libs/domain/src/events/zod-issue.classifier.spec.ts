import { formatPath, reasonForIssue, valueAtPath } from './zod-issue.classifier';

describe(reasonForIssue.name, () => {
  it.each([
    [['event_id'], undefined, 'MISSING_FIELD'],
    [['event_id'], null, 'MISSING_FIELD'],
    [['data', 'errors', 0, 'message'], null, 'MISSING_FIELD'],
    [['data', 'errors', 0], null, 'INVALID_FIELD'],
    [['event_id'], '', 'INVALID_FIELD'],
    [['event_id'], 7, 'INVALID_FIELD'],
    [['count'], '3', 'INVALID_FIELD'],
    [['count'], 2.5, 'INVALID_COUNT'],
    [['count'], 0, 'INVALID_COUNT'],
    [['success_count'], -1, 'INVALID_COUNT'],
    [['failure_count'], 1e300, 'INVALID_COUNT'],
    [['sequence'], -1, 'INVALID_FIELD'],
    [['sequence'], 1.5, 'INVALID_FIELD'],
  ] as const)('should classify %j holding %j as %s', (path, value, reason) => {
    expect(reasonForIssue(path, value)).toBe(reason);
  });
});

describe(valueAtPath.name, () => {
  it('should follow object keys and array indexes', () => {
    expect(valueAtPath({ a: [{ b: 1 }] }, ['a', 0, 'b'])).toBe(1);
  });

  it('should return undefined past a primitive', () => {
    expect(valueAtPath({ a: 'text' }, ['a', 'b', 'c'])).toBeUndefined();
  });
});

describe(formatPath.name, () => {
  it('should render a path as dotted members and indexes', () => {
    expect(formatPath(['data', 'errors', 2, 'message'])).toBe('data.errors[2].message');
  });
});
