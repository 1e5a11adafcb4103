import { indexVersionOf, nextIndexVersion, versionedIndexName } from './index-version.naming';

describe(nextIndexVersion.name, () => {
  it('should start at 1 and follow the highest existing version', () => {
    expect(nextIndexVersion('tasks', [])).toBe(1);
    expect(nextIndexVersion('tasks', ['tasks-v1', 'tasks-v3', 'tasks-v2'])).toBe(4);
  });

  it('should ignore indices that only look alike', () => {
    expect(
      nextIndexVersion('tasks', ['tasks-v01', 'tasks-vx', 'tasks-old-v9', 'tasks-v2-copy']),
    ).toBe(1);
  });
});

describe(indexVersionOf.name, () => {
  it('should read back the version of a versioned name', () => {
    expect(indexVersionOf('job-tasks', versionedIndexName('job-tasks', 12))).toBe(12);
    expect(indexVersionOf('job-tasks', 'job-tasks')).toBeNull();
  });
});
