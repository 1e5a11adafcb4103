import { JobTaskEmitter } from '@app/emitter';
import { RECENT_WRITE_WINDOW_MS } from '@app/platform';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import {
  isolatedConfig,
  isolatedEnv,
} from '../../apps/projector/test/support/projector-test.config';
import { freePort, ProjectorProcess } from '../../apps/projector/test/support/projector.process';
import { StackClients } from '../../apps/projector/test/support/stack.clients';
import { simulateScheduler } from '../../apps/projector/src/simulator/scheduler.simulator';
import { ChildServer } from './node-app.process';
import {
  ALERT_RULES,
  alertRules,
  asSignal,
  dashboardExpressions,
  ensurePrometheus,
} from './observability.files';
import { namedButNotExposed, scrapeAll } from './metric-checks';

interface QueryAnswer {
  status: string;
  error?: string;
  data?: { result: unknown[] };
}

/*
 * A real Prometheus (Debian's package, its own port and data directory) scraping the real projector process and
 * two real API processes, one of them pointed at an Elasticsearch that is not there. Every dashboard expression
 * and every alert expression must return data, so none names a metric or label that does not exist.
 */
describe('dashboard and alerts against a real Prometheus scraping both apps', () => {
  const env = isolatedEnv();
  const config = isolatedConfig(env);
  const stack = new StackClients(config);
  const servers: ChildServer[] = [];
  let projector: ProjectorProcess | undefined;
  let dir = '';
  let prometheusUrl = '';
  let apiUrl = '';
  let brokenApiUrl = '';

  const query = async (expr: string): Promise<QueryAnswer> => {
    const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
    return (await response.json()) as QueryAnswer;
  };
  const waitForScrapes = async (ask: typeof query, targets: number): Promise<void> => {
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      if (((await ask('up')).data?.result.length ?? 0) >= targets) return;
      await sleep(250);
    }
    throw new Error(`Prometheus did not scrape ${targets} targets within 30 s`);
  };
  const search = (url: string, body: unknown) =>
    fetch(`${url}/power_scheduler/v1/job-tasks/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    ensurePrometheus();
    await stack.createTopics();
    projector = await ProjectorProcess.start('projector', env);
    await projector.waitUntilReady();

    const apiEnv = (overrides: Record<string, string>) => ({
      ...env,
      LOG_LEVEL: 'error',
      ...overrides,
    });
    const apiPort = await freePort();
    const apiGrpc = await freePort();
    const brokenPort = await freePort();
    const brokenGrpc = await freePort();
    const deadEs = await freePort();
    const promPort = await freePort();
    const api = ChildServer.api(
      'api',
      apiEnv({ API_PORT: String(apiPort), API_GRPC_PORT: String(apiGrpc) }),
    );
    const broken = ChildServer.api(
      'api-without-es',
      apiEnv({
        API_PORT: String(brokenPort),
        API_GRPC_PORT: String(brokenGrpc),
        ELASTICSEARCH_URL: `http://127.0.0.1:${deadEs}`,
        ELASTICSEARCH_REQUEST_TIMEOUT_MS: '1000',
      }),
    );
    servers.push(api, broken);
    apiUrl = `http://127.0.0.1:${apiPort}`;
    brokenApiUrl = `http://127.0.0.1:${brokenPort}`;
    await api.waitFor(`${apiUrl}/ready`);
    await broken.waitFor(`${brokenApiUrl}/health`);

    dir = await mkdtemp(join(tmpdir(), 'prometheus-'));
    const target = (port: number) => `127.0.0.1:${port}`;
    await writeFile(
      join(dir, 'prometheus.yml'),
      stringify({
        global: { scrape_interval: '1s', evaluation_interval: '1s', scrape_timeout: '900ms' },
        rule_files: [ALERT_RULES],
        scrape_configs: [
          {
            job_name: 'jobtask-projector',
            static_configs: [{ targets: [target(projector.port)] }],
          },
          {
            job_name: 'jobtask-api',
            static_configs: [{ targets: [target(apiPort), target(brokenPort)] }],
          },
        ],
      }),
    );
    prometheusUrl = `http://127.0.0.1:${promPort}`;
    const prometheus = new ChildServer(
      'prometheus',
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ],
      {},
    );
    servers.push(prometheus);
    await prometheus.waitFor(`${prometheusUrl}/-/ready`);
    // Ready is not scraping: target discovery reaches the scrapers up to 5 s later, and traffic sent before the
    // first scrape of a target is invisible to rate() and increase().
    await waitForScrapes(query, 3);

    // Traffic while Prometheus watches: events (one of them dead-lettered), cache misses and hits, refusals, 503s.
    const emitter = new JobTaskEmitter({ kafka: stack.kafka, topic: config.kafka.topic });
    const { messages } = simulateScheduler({ tasks: 300, seed: 5, domains: 1 });
    const domain = String(messages[0]!.value.domain_id);
    for (let round = 0; round < 8; round += 1) {
      await emitter.emitAll(messages.slice(round * 300, (round + 1) * 300).map((m) => m.value));
      if (round === 2)
        await stack.produce([{ key: 'not-the-task', value: JSON.stringify(messages[0]!.value) }]);
      await search(apiUrl, { domain_id: domain });
      await search(apiUrl, { domain_id: domain });
      await search(apiUrl, {
        domain_id: domain,
        query: { filter: [{ k: 'nope', v: 1, o: 'eq' }] },
      });
      await search(brokenApiUrl, { domain_id: domain });
      await fetch(`${brokenApiUrl}/ready`);
      await sleep(1_000);
    }
    await emitter.close();
    await stack.waitForGroupCaughtUp();
    // While the projector writes the domain, the API bypasses the cache; once it is quiet, a repeat is a hit.
    await sleep(RECENT_WRITE_WINDOW_MS + 500);
    await search(apiUrl, { domain_id: domain });
    await search(apiUrl, { domain_id: domain });
    await sleep(3_000);
  }, 600_000);

  afterAll(async () => {
    for (const server of servers.reverse()) await server.stop();
    await projector?.stop();
    await stack.cleanUp();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('should scrape all three app instances and load every alerting rule', async () => {
    const up = await query('up');
    expect(up.data?.result).toHaveLength(3);
    expect(await query('min(up)')).toMatchObject({
      data: { result: [{ value: [expect.anything(), '1'] }] },
    });
    const rules = (await (await fetch(`${prometheusUrl}/api/v1/rules`)).json()) as {
      data: { groups: { rules: { name: string; health: string }[] }[] };
    };
    const loaded = rules.data.groups.flatMap((g) => g.rules);
    expect(loaded.map((r) => [r.name, r.health]).sort()).toEqual(
      alertRules()
        .map((r) => [r.alert, 'ok'])
        .sort(),
    );
  });

  it.each(dashboardExpressions().map((e) => [e.panel, e.expr] as const))(
    'should return data for the dashboard panel "%s": %s',
    async (_panel, expr) => {
      const answer = await query(expr);
      expect(answer.status).toBe('success');
      expect(answer.data?.result.length).toBeGreaterThan(0);
    },
  );

  it.each(alertRules().map((r) => [r.alert, asSignal(r.expr)] as const))(
    'should return data for the alert %s: %s',
    async (_alert, expr) => {
      const answer = await query(expr);
      expect(answer.status).toBe('success');
      expect(answer.data?.result.length).toBeGreaterThan(0);
    },
  );

  // A query grouped by a label no series has still answers (one group, the label empty): names are checked here.
  it('should expose every metric, label and label value the alerts, the dashboard and the docs name', async () => {
    const exposed = {
      projector: await scrapeAll([`http://127.0.0.1:${projector!.port}`]),
      api: await scrapeAll([apiUrl, brokenApiUrl]),
    };
    expect(namedButNotExposed(exposed)).toEqual([]);
  });

  it('should see Elasticsearch down for the API without it, up for the other, a cache hit and the dead letter', async () => {
    const answer = await query('api_dependency_up{dependency="elasticsearch"}');
    const values = (answer.data?.result as { value: [number, string] }[])
      .map((r) => r.value[1])
      .sort();
    expect(values).toEqual(['0', '1']);
    const hits = await query('sum(api_cache_requests_total{result="hit"})');
    expect(
      Number((hits.data?.result as { value: [number, string] }[])[0]!.value[1]),
    ).toBeGreaterThan(0);
    const deadLettered = await query(
      'sum by (reason) (projector_messages_dead_lettered_total) > 0',
    );
    expect(deadLettered.data?.result).toMatchObject([
      { metric: { reason: 'KEY_MISMATCH' }, value: [expect.anything(), '1'] },
    ]);
  });

  // The alert's rate() needs a sample before the first dead letter: a series born at 1 shows no increase at all.
  it('should see the first dead letter of a reason as an increase, as the ProjectorDeadLettering alert needs', async () => {
    const answer = await query(
      'sum(increase(projector_messages_dead_lettered_total{reason="KEY_MISMATCH"}[10m]))',
    );
    const [sample] = (answer.data?.result ?? []) as { value: [number, string] }[];
    expect(Number(sample?.value[1])).toBeGreaterThan(0);
  });
});
