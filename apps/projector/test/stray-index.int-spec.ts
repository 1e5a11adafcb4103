import type { JobTaskDocument } from '@app/domain';
import {
  JOB_TASKS_MAPPINGS,
  JsonLogger,
  createElasticsearchClient,
  createRedisClient,
} from '@app/platform';
import { StoreWriteRounds } from '../src/batch/store-write.rounds';
import type { ItemOutcome, PlannedWrite, WriteTarget } from '../src/core/projection.types';
import { JobTasksIndexManager } from '../src/elasticsearch/job-tasks-index.manager';
import { JobTasksRepository } from '../src/elasticsearch/job-tasks.repository';
import { ProjectorMetrics } from '../src/metrics/projector.metrics';
import { StartupLock } from '../src/redis/startup.lock';
import { sourceMessage, wireEvent } from './support/event-messages';
import { isolatedConfig } from './support/projector-test.config';
import { StackClients } from './support/stack.clients';
import { groupsOf } from './support/write-windows';

/** The real repository, with something done to the indices between a flush's reads and its first bulk request. */
class RepositoryRacedBeforeBulk extends JobTasksRepository {
  beforeFirstBulk: (() => Promise<void>) | null = null;
  readonly bulkTargets: string[] = [];

  override async writeBulk(
    target: WriteTarget,
    writes: readonly PlannedWrite[],
  ): Promise<ItemOutcome[]> {
    const race = this.beforeFirstBulk;
    this.beforeFirstBulk = null;
    if (race !== null) await race();
    this.bulkTargets.push(...writes.map((w) => w.current?.index ?? target.name));
    return super.writeBulk(target, writes);
  }
}

/**
 * A guarded write goes to the concrete index its version came from (a cached entry, or an mget's `_index`). When that
 * index is deleted in between (an operator drops the old version after a rebuild swapped the alias, or the rebuild's
 * own index is dropped under it), Elasticsearch would auto-create an empty, dynamically mapped index of that name.
 */
describe('writes to a deleted concrete index (real Elasticsearch)', () => {
  const config = isolatedConfig();
  const stack = new StackClients(config);
  const es = createElasticsearchClient(config.elasticsearch);
  const redis = createRedisClient(config.redis);
  const logger = new JsonLogger('error', 'stray-index-test');
  const manager = new JobTasksIndexManager(es, config, new StartupLock(redis, config), logger);
  const repository = new RepositoryRacedBeforeBulk(es, config);
  const rounds = new StoreWriteRounds(repository, new ProjectorMetrics());
  const alias = config.elasticsearch.alias;
  const live: WriteTarget = { name: alias, isAlias: true };
  const event = (type: string, task: string, extra: Record<string, unknown> = {}) =>
    sourceMessage(wireEvent(type, { job_task_id: task, ...extra }));

  afterAll(async () => {
    redis.disconnect();
    await es.close();
    await stack.cleanUp();
  });

  it('should not recreate an old index the alias moved away from, and lose no event of the window', async () => {
    const v1 = await manager.ensureReadModel();
    const first = await rounds.apply(
      groupsOf([event('job_task.created', 'cached'), event('job_task.created', 'read')]),
      live,
    );
    expect(first.failure).toBeNull();
    const cached = first.settled.get(groupsOf([event('job_task.created', 'cached')])[0]!.id);
    expect(cached?.index).toBe(v1);

    const window = groupsOf([
      event('job_task.resource_succeeded', 'cached', { data: { count: 2 } }),
      event('job_task.resource_succeeded', 'read', { data: { count: 3 } }),
    ]);
    const v2 = `${alias}-v2`;
    repository.beforeFirstBulk = async () => {
      // What a rebuild and an operator do: a new version with the same documents, the alias moved, the old dropped.
      await manager.createIndex(v2);
      const copied = await stack.documents(v1);
      await es.bulk({
        refresh: true,
        operations: [...copied].flatMap(([id, doc]) => [{ index: { _index: v2, _id: id } }, doc]),
      });
      await manager.swapAlias(v1, v2);
      await es.indices.delete({ index: v1 });
    };
    // `cached` comes from the cache, `read` from an mget through the alias: both versions name v1.
    const second = await rounds.apply(
      window,
      live,
      new Map(cached ? [[window[0]!.id, cached]] : []),
    );

    // Created through the alias; then written to v1 (now deleted), and after the re-read to v2.
    expect(repository.bulkTargets).toEqual([alias, alias, v1, v1, v2, v2]);
    expect(await es.indices.exists({ index: v1 })).toBe(false);
    expect(Object.keys(await es.indices.getAlias({ name: alias }))).toEqual([v2]);
    expect(second.failure).toBeNull();
    expect(second.notDurable.size).toBe(0);
    expect(second.applied).toBe(2);
    // The 404 counted as a conflict: both were read again through the alias and written into the new version.
    for (const [group, count] of [
      [window[0]!, 2],
      [window[1]!, 3],
    ] as const) {
      const doc = await es.get<JobTaskDocument>({ index: v2, id: group.id });
      expect(doc._source?.success_count).toBe(count);
      expect(second.settled.get(group.id)?.index).toBe(v2);
    }
    const mapping = await es.indices.getMapping({ index: v2 });
    expect(mapping[v2]?.mappings.dynamic).toBe(JOB_TASKS_MAPPINGS.dynamic);
  });

  it("should not auto-create a rebuild's concrete target deleted under it, and leave its events unsettled", async () => {
    const rebuilding = `${alias}-v9`;
    expect(await manager.createIndex(rebuilding, { refreshInterval: '-1' })).toBe(true);
    const message = event('job_task.created', 'rebuilt');
    repository.beforeFirstBulk = async () => {
      await es.indices.delete({ index: rebuilding });
    };

    const outcome = await rounds.apply(groupsOf([message]), { name: rebuilding, isAlias: false });

    expect(await es.indices.exists({ index: rebuilding })).toBe(false);
    // The create got a 404 and the re-read found no index: a transient failure, retried after a backoff.
    expect(outcome.failure?.message).toMatch(/index_not_found_exception/);
    expect(outcome.notDurable.get(message.partition)).toBe(message.offset);
    expect(outcome.applied).toBe(0);
  });
});
