import { planRebuildTarget, rebuildGroupId } from './rebuild-target.plan';

const ready = (name: string) => ({ name, bulkLoading: false });
const loading = (name: string) => ({ name, bulkLoading: true });

describe(planRebuildTarget.name, () => {
  it('should take the next free version when only the live index exists', () => {
    expect(planRebuildTarget('tasks', 'tasks-v2', [ready('tasks-v1'), ready('tasks-v2')])).toEqual({
      index: 'tasks-v3',
      unswapped: [],
      newer: [],
    });
  });

  it('should name a newer index that is still bulk-loading as unswapped', () => {
    const sut = planRebuildTarget('tasks', 'tasks-v2', [
      ready('tasks-v2'),
      loading('tasks-v4'),
      loading('tasks-v3'),
    ]);

    expect(sut).toEqual({
      index: 'tasks-v5',
      unswapped: ['tasks-v3', 'tasks-v4'],
      newer: ['tasks-v3', 'tasks-v4'],
    });
  });

  it('should not count an index a rollback left behind as unswapped, only as newer (its group is checked)', () => {
    expect(planRebuildTarget('tasks', 'tasks-v1', [ready('tasks-v1'), ready('tasks-v2')])).toEqual({
      index: 'tasks-v3',
      unswapped: [],
      newer: ['tasks-v2'],
    });
  });

  it('should not count an older index, nor the live one, whatever its refresh interval', () => {
    const sut = planRebuildTarget('tasks', 'tasks-v3', [loading('tasks-v2'), loading('tasks-v3')]);

    expect([sut.unswapped, sut.newer]).toEqual([[], []]);
  });

  it('should count every bulk-loading version when there is no alias yet', () => {
    expect(planRebuildTarget('tasks', null, [loading('tasks-v1')])).toEqual({
      index: 'tasks-v2',
      unswapped: ['tasks-v1'],
      newer: ['tasks-v1'],
    });
  });

  it('should start at v1 on an empty cluster', () => {
    expect(planRebuildTarget('tasks', null, [])).toEqual({
      index: 'tasks-v1',
      unswapped: [],
      newer: [],
    });
  });
});

describe(rebuildGroupId.name, () => {
  it('should derive the group from the live group and the index it fills', () => {
    expect(rebuildGroupId('jobtask-projector', 'tasks-v3')).toBe(
      'jobtask-projector.rebuild.tasks-v3',
    );
  });
});
