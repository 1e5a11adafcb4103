import type { JobTaskInfo } from '@app/domain';
import type {
  DomainSearchPort,
  JsonObject,
  SearchRequestBody,
  SearchResponseBody,
} from '@app/query';
import { JOB_TASKS_MAPPINGS, jobTasksIndexSettings } from '@app/platform';
import { testStack } from '@app/testing';

async function call(method: string, path: string, body?: unknown): Promise<JsonObject> {
  const bulk = path.includes('_bulk');
  const res = await fetch(testStack.elasticsearchUrl + path, {
    method,
    headers: { 'content-type': bulk ? 'application/x-ndjson' : 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as JsonObject;
  if (res.status >= 400)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * A throw-away job-task index on the test stack's Elasticsearch, and a DomainSearchPort over it that
 * confines every request to one domain the way the API's repository does, with the read model's
 * real index definition.
 */
export class StatTestIndex {
  constructor(readonly name: string) {}

  async create(): Promise<void> {
    await call('PUT', `/${this.name}`, {
      mappings: JOB_TASKS_MAPPINGS,
      settings: jobTasksIndexSettings(testStack.readModel),
    });
  }

  async drop(): Promise<void> {
    await call('DELETE', `/${this.name}`);
  }

  async index(docs: readonly JobTaskInfo[]): Promise<void> {
    for (let i = 0; i < docs.length; i += 1000) {
      const lines = docs
        .slice(i, i + 1000)
        .flatMap((d) => [
          JSON.stringify({ index: { _id: `${d.domain_id}/${d.job_task_id}` } }),
          JSON.stringify(d),
        ]);
      await call('POST', `/${this.name}/_bulk?refresh=true`, `${lines.join('\n')}\n`);
    }
  }

  port(domainId: string): DomainSearchPort {
    const scoped = (q?: JsonObject): JsonObject => ({
      bool: { filter: [{ term: { domain_id: domainId } }, ...(q ? [q] : [])] },
    });
    const index = this.name;
    return {
      async search(body: SearchRequestBody): Promise<SearchResponseBody> {
        const path = body.pit ? '/_search' : `/${index}/_search`;
        return (await call('POST', path, {
          ...body,
          query: scoped(body.query),
        })) as unknown as SearchResponseBody;
      },
      async count(query) {
        return Number((await call('POST', `/${index}/_count`, { query: scoped(query) })).count);
      },
      async openPointInTime(keepAlive) {
        return String((await call('POST', `/${index}/_pit?keep_alive=${keepAlive}`)).id);
      },
      async closePointInTime(id) {
        await call('DELETE', '/_pit', { id });
      },
    };
  }
}
