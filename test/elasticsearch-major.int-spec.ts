import { Client, errors } from '@elastic/elasticsearch';
import { JOB_TASKS_MAPPINGS, JOB_TASKS_SETTINGS } from '@app/platform';
import { testStack, uniqueName } from '@app/testing';

/**
 * What the product relies on that could differ between Elasticsearch majors (the suite runs once on
 * 8.19 and once on 9.x, see scripts/test-all.sh). The 8.19 client talks to 9.x through REST
 * compatibility (`compatible-with=8`): this pins the major really under test, that the requests the
 * product makes raise no deprecation warning there, and the error shapes its classifiers read.
 */
const expectedMajor = testStack.esMajor;

describe(`Elasticsearch ${expectedMajor}.x as the product uses it`, () => {
  const warnings: string[] = [];
  const es = new Client({ node: testStack.elasticsearchUrl, maxRetries: 0 });
  es.diagnostic.on('response', (_error, result) => warnings.push(...(result?.warnings ?? [])));
  const index = uniqueName('es-major');
  const alias = `${index}-alias`;

  afterAll(async () => {
    await es.indices.delete({ index }).catch(() => undefined);
    await es.close();
  });

  beforeEach(() => {
    warnings.length = 0;
  });

  it('should be the major the matrix asked for', async () => {
    const info = await es.nodes.info({ filter_path: 'nodes.*.version' });
    const versions = Object.values(info.nodes).map((n) => n.version);
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.every((v) => v.startsWith(`${expectedMajor}.`))).toBe(true);
  });

  it('should accept the read-model index definition and the calls the product makes without a deprecation warning', async () => {
    await es.indices.create({ index, mappings: JOB_TASKS_MAPPINGS, settings: JOB_TASKS_SETTINGS });
    await es.indices.updateAliases({ actions: [{ add: { index, alias } }] });
    const created = await es.indices.getSettings({ index, flat_settings: true });
    expect(created[index]?.settings).toMatchObject({
      'index.number_of_shards': '1',
      'index.refresh_interval': JOB_TASKS_SETTINGS.refresh_interval,
      'index.max_inner_result_window': '10000',
    });

    const doc = {
      job_task_id: 't1',
      domain_id: 'd1',
      status: 'SUCCESS',
      errors: [{ error_code: 'E1', message: 'm', additional: { any: 1 } }],
      created_at: '2026-12-03T08:00:00Z',
      projection: { seen: ['e1'] },
    };
    const bulk = await es.bulk({
      operations: [{ index: { _index: alias, _id: 'd1:t1', op_type: 'create' } }, doc],
      refresh: 'wait_for',
    });
    expect(bulk.errors).toBe(false);
    const found = await es.search({
      index: alias,
      query: {
        bool: {
          filter: [
            { term: { domain_id: 'd1' } },
            { nested: { path: 'errors', query: { term: { 'errors.error_code': 'E1' } } } },
          ],
        },
      },
      aggs: {
        by_status: { terms: { field: 'status' }, aggs: { top: { top_hits: { size: 1 } } } },
        per_day: { date_histogram: { field: 'created_at', calendar_interval: 'day' } },
      },
      track_total_hits: true,
    });
    expect(found.hits.total).toEqual({ value: 1, relation: 'eq' });
    const pit = await es.openPointInTime({ index: alias, keep_alive: '10s' });
    await es.closePointInTime({ id: pit.id });
    await es.count({ index: alias });
    await es.indices.putSettings({
      index,
      settings: { refresh_interval: JOB_TASKS_SETTINGS.refresh_interval },
    });
    await es.cluster.health({ timeout: '1s' });
    expect(warnings).toEqual([]);
  });

  it('should answer the errors the product classifies with the same shapes', async () => {
    const failure = async (work: Promise<unknown>) => {
      const error = await work.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(errors.ResponseError);
      const { statusCode, body } = error as errors.ResponseError;
      return { statusCode, type: (body as { error?: { type?: string } }).error?.type };
    };
    await expect(failure(es.indices.create({ index }))).resolves.toEqual({
      statusCode: 400,
      type: 'resource_already_exists_exception',
    });
    await expect(failure(es.search({ index: uniqueName('missing') }))).resolves.toEqual({
      statusCode: 404,
      type: 'index_not_found_exception',
    });
    await expect(
      failure(es.indices.updateAliases({ actions: [{ add: { index, alias: index } }] })),
    ).resolves.toEqual({
      statusCode: 400,
      type: 'invalid_alias_name_exception',
    });
    await expect(
      failure(es.index({ index, id: 'x', document: { not_mapped: 1 } })),
    ).resolves.toEqual({ statusCode: 400, type: 'strict_dynamic_mapping_exception' });

    // A stale optimistic write is a per-item 409 inside a 200 bulk, not a failed request.
    const doc = { job_task_id: 't2', domain_id: 'd1', status: 'PENDING' };
    await es.index({ index, id: 't2', document: doc });
    const bulk = await es.bulk({
      operations: [{ index: { _index: index, _id: 't2', if_seq_no: 99, if_primary_term: 1 } }, doc],
    });
    expect(bulk.items[0]?.index).toMatchObject({
      status: 409,
      error: { type: 'version_conflict_engine_exception' },
    });
  });
});
