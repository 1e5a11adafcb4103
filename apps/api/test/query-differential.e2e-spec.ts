import type { JobTaskInfo } from '@app/domain';
import { parseJobTaskListRequest, parseStatRequest } from '@app/query';
import {
  arbitraryFilterCondition,
  arbitraryJobTaskDocs,
  arbitraryListRequest,
  evaluateJobTaskList,
  evaluateStat,
  matchesScope,
  REFERENCE_NOW,
  statDocsArbitrary,
  statRequestArbitrary,
} from '@app/query-reference';
import fc from 'fast-check';
import { type RunningApi, startApi } from './api-test-app';
import { type Answer, expectedAnswer, postJson, sameAnswer } from './differential/http-call';
import { listRequestToBody } from './differential/wire-body';
import { dropJobTasks, seedJobTasks } from './seed-index';

/*
 * The API against the reference evaluators, on random documents and random queries of every kind,
 * through HTTP and the real Elasticsearch. All worlds share one index (each is its own domain), so
 * any tenancy leak shows up as a difference too. A failure prints the whole case and the seed.
 */
const WORLDS = 12;
const LIST_CASES_PER_WORLD = 50;
const STAT_CASES_PER_WORLD = 45;
const SEED = Number(process.env.DIFFERENTIAL_SEED ?? Date.now() % 2_147_483_647);

interface World {
  domainId: string;
  listDocs: JobTaskInfo[];
  statDomainId: string;
  statDocs: JobTaskInfo[];
}

function buildWorlds(): World[] {
  return Array.from({ length: WORLDS }, (_, i) => {
    const domainId = `diff-list-${i}`;
    const statDomainId = `diff-stat-${i}`;
    const [listDocs] = fc.sample(arbitraryJobTaskDocs({ domainId, maxDocs: 25 }), {
      seed: SEED + i,
      numRuns: 1,
    });
    const [statDocs] = fc.sample(statDocsArbitrary(14), { seed: SEED + 1000 + i, numRuns: 1 });
    return {
      domainId,
      listDocs: listDocs ?? [],
      statDomainId,
      statDocs: (statDocs ?? []).map((d) => ({ ...d, domain_id: statDomainId })),
    };
  });
}

describe('API answers equal the reference evaluators (randomized differential test)', () => {
  let api: RunningApi;
  const worlds = buildWorlds();
  const failures: string[] = [];
  let cases = 0;

  beforeAll(async () => {
    api = await startApi({ CACHE_ENABLED: 'false' }, () => REFERENCE_NOW);
    await seedJobTasks(
      api.config.elasticsearch.alias,
      worlds.flatMap((w) => [...w.listDocs, ...w.statDocs]),
    );
  });
  afterAll(async () => {
    await api.close();
    await dropJobTasks(api.config.elasticsearch.alias);
  });

  function record(
    kind: string,
    docs: JobTaskInfo[],
    body: unknown,
    actual: Answer,
    expected: Answer,
  ): void {
    cases += 1;
    if (sameAnswer(actual, expected)) return;
    failures.push(
      JSON.stringify({ kind, seed: SEED, body, expected, actual, documents: docs }, null, 1),
    );
  }

  it(`should give the reference answer to ${WORLDS * LIST_CASES_PER_WORLD} random list requests`, async () => {
    const limits = api.config.api.limits;
    for (const [i, world] of worlds.entries()) {
      const requests = fc.sample(arbitraryListRequest({ domainId: world.domainId, maxStart: 30 }), {
        seed: SEED + 2000 + i,
        numRuns: LIST_CASES_PER_WORLD,
      });
      for (const request of requests) {
        const body = listRequestToBody(request, world.domainId);
        const expected = expectedAnswer(() =>
          evaluateJobTaskList(
            world.listDocs,
            parseJobTaskListRequest(body, limits),
            limits,
            REFERENCE_NOW,
          ),
        );
        record(
          'list',
          world.listDocs,
          body,
          await postJson(`${api.url}/power_scheduler/v1/job-tasks/search`, body),
          expected,
        );
      }
    }
    if (failures.length > 0)
      throw new Error(`${failures.length} of ${cases} cases differ; first:\n${failures[0]}`);
  });

  it(`should give the reference answer to ${WORLDS * STAT_CASES_PER_WORLD} random stat requests`, async () => {
    const limits = api.config.api.limits;
    const scope = fc.record({
      filter: fc.array(
        arbitraryFilterCondition().map(({ source }) => ({
          key: source.key,
          value: source.value,
          operator: source.operator,
        })),
        { maxLength: 2 },
      ),
    });
    for (const [i, world] of worlds.entries()) {
      const bodies = fc.sample(statRequestArbitrary({ scope }), {
        seed: SEED + 3000 + i,
        numRuns: STAT_CASES_PER_WORLD,
      });
      for (const generated of bodies) {
        const body = { ...generated, domain_id: world.statDomainId };
        const expected = expectedAnswer(() => {
          const parsed = parseStatRequest(body, limits);
          const inScope = world.statDocs.filter((d) =>
            matchesScope(d, parsed.scope, REFERENCE_NOW),
          );
          return evaluateStat(inScope, parsed, limits);
        });
        record(
          'stat',
          world.statDocs,
          body,
          await postJson(`${api.url}/power_scheduler/v1/job-tasks/stat`, body),
          expected,
        );
      }
    }
    if (failures.length > 0)
      throw new Error(`${failures.length} of ${cases} cases differ; first:\n${failures[0]}`);
  });

  it('should have compared at least 1,000 cases in this run', () => {
    expect(cases).toBeGreaterThanOrEqual(1000);
    expect(failures).toEqual([]);
  });
});
