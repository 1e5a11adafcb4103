import { status } from '@grpc/grpc-js';
import { postJson } from './differential/http-call';
import { grpcFailure } from './grpc/job-task-grpc.client';
import { DOMAIN, OTHER_DOMAIN } from './grpc/job-task.fixture';
import { type GrpcSuite, startGrpcSuite, stopGrpcSuite } from './grpc/grpc-suite.setup';

const LIST = '/power_scheduler/v1/job-tasks/search';
const STAT = '/power_scheduler/v1/job-tasks/stat';
const GET = '/power_scheduler/v1/job-tasks';

/**
 * `__proto__`, `constructor` and `prototype` keys are unknown fields on every transport. The bodies
 * are sent as raw JSON text, so the server sees them exactly as a client would send them.
 */
describe('reserved object keys', () => {
  let suite: GrpcSuite;
  beforeAll(async () => {
    suite = await startGrpcSuite();
  });
  afterAll(() => stopGrpcSuite(suite));

  const raw = (route: string, text: string) => postJson(`${suite.api.url}${route}`, text);

  it.each<[string, string, string, string]>([
    [
      'a __proto__ carrying another domain',
      LIST,
      `{"__proto__": {"domain_id": "${OTHER_DOMAIN}"}, "domain_id": "${DOMAIN}"}`,
      '__proto__',
    ],
    [
      'a __proto__ carrying count_only',
      LIST,
      `{"domain_id": "${DOMAIN}", "query": {"__proto__": {"count_only": true}}}`,
      'query.__proto__',
    ],
    [
      'constructor inside a filter',
      LIST,
      `{"domain_id": "${DOMAIN}", "query": {"filter": [{"key": "job_id", "value": "x", "operator": "eq", "constructor": 1}]}}`,
      'query.filter[0].constructor',
    ],
    [
      'prototype inside a match value',
      LIST,
      `{"domain_id": "${DOMAIN}", "query": {"filter": [{"key": "errors", "value": {"prototype": "E"}, "operator": "match"}]}}`,
      'query.filter[0].value.prototype',
    ],
    [
      '__proto__ inside a sort',
      LIST,
      `{"domain_id": "${DOMAIN}", "query": {"sort": {"__proto__": {"key": "job_id"}}}}`,
      'query.sort.__proto__',
    ],
    [
      '__proto__ at the top of a stat',
      STAT,
      `{"__proto__": {"domain_id": "${OTHER_DOMAIN}"}, "domain_id": "${DOMAIN}", "query": {"distinct": "job_id"}}`,
      '__proto__',
    ],
    [
      '__proto__ inside a group stage',
      STAT,
      `{"domain_id": "${DOMAIN}", "query": {"aggregate": [{"group": {"keys": [{"key": "job_id", "name": "j", "__proto__": {}}]}}]}}`,
      'query.aggregate[0].group.keys[0].__proto__',
    ],
    [
      '__proto__ as a column name',
      STAT,
      `{"domain_id": "${DOMAIN}", "query": {"aggregate": [{"group": {"keys": [{"key": "job_id", "name": "__proto__"}]}}]}}`,
      'reserved name',
    ],
  ])('should answer %s over REST with a 400 naming it', async (_name, route, text, fragment) => {
    const answer = await raw(route, text);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 'ERROR_INVALID_PARAMETER' } });
    expect((answer.body as { error: { message: string } }).error.message).toContain(fragment);
  });

  it.each([
    ['a __proto__ URL parameter', `__proto__=x&domain_id=${DOMAIN}`, '__proto__'],
    [
      'a bracketed __proto__ URL parameter',
      `__proto__[domain_id]=${OTHER_DOMAIN}&domain_id=${DOMAIN}`,
      '__proto__',
    ],
    [
      'a __proto__ inside the query parameter',
      `domain_id=${DOMAIN}&query=${encodeURIComponent('{"__proto__": {"count_only": true}}')}`,
      'query.__proto__',
    ],
  ])('should answer %s over GET with a 400', async (_name, search, fragment) => {
    const res = await fetch(`${suite.api.url}${GET}?${search}`);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status).toBe(400);
    expect(body.error.code).toBe('ERROR_INVALID_PARAMETER');
    expect(body.error.message).toContain(fragment);
  });

  it('should answer a __proto__ key in a gRPC Struct with INVALID_ARGUMENT naming it', async () => {
    const error = await grpcFailure(
      suite.client.list({
        domain_id: DOMAIN,
        query: {
          filter: [
            {
              key: 'errors',
              operator: 'match',
              value: {
                structValue: {
                  fields: JSON.parse('{"__proto__": {"stringValue": "E"}}') as Record<
                    string,
                    object
                  >,
                },
              },
            },
          ],
        },
      }),
    );
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toContain('query.filter[0].value.__proto__');
  });

  it('should treat a reserved name given as a value as plain data', async () => {
    const answer = await postJson(`${suite.api.url}${LIST}`, {
      domain_id: DOMAIN,
      query: { filter: [{ key: 'job_id', value: '__proto__', operator: 'eq' }] },
    });
    expect(answer).toEqual({ status: 200, body: { results: [], total_count: 0 } });
  });
});
