import { eventTypeProblems, keyProblems, timestampProblems } from './event-field.checks';

const reasons = (problems: { reason: string }[]) => problems.map((problem) => problem.reason);

describe(eventTypeProblems.name, () => {
  it('should accept the six known types and leave other JSON types to the schema', () => {
    expect(reasons(eventTypeProblems('job_task.failed'))).toEqual([]);
    expect(reasons(eventTypeProblems(42))).toEqual([]);
  });

  it.each(['job_task.cancelled', 'JOB_TASK.CREATED', ''])('should reject %j', (type) => {
    expect(reasons(eventTypeProblems(type))).toEqual(['UNKNOWN_EVENT_TYPE']);
  });
});

describe(timestampProblems.name, () => {
  it('should reject a zoneless time and ignore non-strings', () => {
    expect(reasons(timestampProblems('2026-11-28T10:00:00'))).toEqual(['INVALID_TIMESTAMP']);
    expect(reasons(timestampProblems(1764324000000))).toEqual([]);
  });
});

describe(keyProblems.name, () => {
  it('should accept a key equal to job_task_id', () => {
    expect(reasons(keyProblems('task-é', Buffer.from('task-é')))).toEqual([]);
  });

  it.each([
    ['a missing key', null],
    ['a different key', Buffer.from('task-2')],
    ['a key that is not UTF-8', Buffer.from([0xff])],
  ])('should report %s as KEY_MISMATCH', (_case, key) => {
    expect(reasons(keyProblems('task-1', key))).toEqual(['KEY_MISMATCH']);
  });

  it('should not match an id holding a lone surrogate against its U+FFFD encoding', () => {
    expect(reasons(keyProblems('task-\ud800', Buffer.from('task-\ud800')))).toEqual([
      'KEY_MISMATCH',
    ]);
  });

  it('should leave a missing or empty job_task_id to the schema', () => {
    expect(reasons(keyProblems(undefined, null))).toEqual([]);
    expect(reasons(keyProblems('', null))).toEqual([]);
  });
});
