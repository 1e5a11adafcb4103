import { Client } from '@elastic/elasticsearch';
import type { JobTaskInfo } from '@app/domain';
import { testStack } from '@app/testing';
// The API serves what the projector writes, so API tests index into exactly the projector's mapping.
import { JOB_TASKS_MAPPINGS, jobTasksIndexSettings } from '@app/platform';

/** Creates `<alias>-v1` behind `alias` and bulk-indexes the given tasks, visible on return. */
export async function seedJobTasks(alias: string, tasks: readonly JobTaskInfo[]): Promise<void> {
  const es = new Client({ node: testStack.elasticsearchUrl });
  try {
    const index = `${alias}-v1`;
    await es.indices.create({
      index,
      mappings: JOB_TASKS_MAPPINGS,
      settings: jobTasksIndexSettings(testStack.readModel),
      aliases: { [alias]: {} },
    });
    for (let i = 0; i < tasks.length; i += 5000) {
      const operations = tasks
        .slice(i, i + 5000)
        .flatMap((t) => [
          { index: { _index: index, _id: `${t.domain_id}:${t.job_task_id}` } },
          { ...t, projection: {} },
        ]);
      const res = await es.bulk({ operations, refresh: false });
      if (res.errors)
        throw new Error(
          `seeding failed: ${JSON.stringify(res.items.find((it) => it.index?.error))}`,
        );
    }
    await es.indices.refresh({ index });
  } finally {
    await es.close();
  }
}

export async function dropJobTasks(alias: string): Promise<void> {
  const es = new Client({ node: testStack.elasticsearchUrl });
  try {
    await es.indices.delete({ index: `${alias}-v1` }, { ignore: [404] });
  } finally {
    await es.close();
  }
}

export function aJobTask(
  overrides: Partial<JobTaskInfo> & Pick<JobTaskInfo, 'domain_id' | 'job_task_id'>,
): JobTaskInfo {
  return {
    status: 'SUCCESS',
    success_count: 1,
    failure_count: 0,
    errors: [],
    job_id: 'job-1',
    secret_id: null,
    provider: 'aws',
    service_account_id: null,
    project_id: null,
    created_at: '2026-11-01T00:00:00.000Z',
    started_at: null,
    finished_at: null,
    ...overrides,
  };
}

/**
 * Rewrites one seeded task in `<alias>-v1` as a projector would, searchable on return but without a generation
 * bump: what a cached answer must not hide once the cache learns of the write.
 */
export async function overwriteJobTask(
  es: Client,
  alias: string,
  task: JobTaskInfo,
): Promise<void> {
  await es.index({
    index: `${alias}-v1`,
    id: `${task.domain_id}:${task.job_task_id}`,
    document: { ...task, projection: {} },
    refresh: 'wait_for',
  });
}
