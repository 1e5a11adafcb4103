import { stackDown, stackUp } from '@app/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { simulatedMessages } from './support/event-streams';
import { expectedDocuments } from './support/expected-documents';
import { committedTotal, eventually, producePaced } from './support/paced.producer';
import { isolatedConfig, isolatedEnv } from './support/projector-test.config';
import { ProjectorProcess, type ReadyReport } from './support/projector.process';
import { StackClients } from './support/stack.clients';

const OUTAGE_MS = 20_000;

describe('projector through an Elasticsearch outage (real servers, Elasticsearch stopped and restarted)', () => {
  const env = isolatedEnv({
    PROJECTOR_RETRY_MAX_MS: '2000',
    ELASTICSEARCH_REQUEST_TIMEOUT_MS: '3000',
    LOG_LEVEL: 'info',
  });
  const config = isolatedConfig(env);
  const stack = new StackClients(config);
  let projector: ProjectorProcess | null = null;

  afterAll(async () => {
    await projector?.stop();
    await stack.cleanUp();
  });

  it('should pause, report unready naming elasticsearch, recover by itself and reach the exact state', async () => {
    const messages = simulatedMessages(3_000, 303);
    projector = await ProjectorProcess.start('outage', env);
    await projector.waitUntilReady();
    const producing = producePaced(stack, messages, 25_000);
    await eventually(
      async () => (await committedTotal(stack, config.projector.groupId, config.kafka.topic)) > 0,
      60_000,
      () => projector?.tail() ?? '',
    );

    const samples: { ready: ReadyReport; committed: number }[] = [];
    try {
      await stackDown('elasticsearch');
      const downAt = Date.now();
      while (Date.now() - downAt < OUTAGE_MS) {
        const ready = await projector.ready();
        samples.push({
          ready,
          committed: await committedTotal(stack, config.projector.groupId, config.kafka.topic),
        });
        await sleep(1_000);
      }
    } finally {
      await stackUp('elasticsearch');
    }
    await producing;
    await stack.waitForGroupCaughtUp(config.projector.groupId, 180_000);

    // Other suites sharing the stack may bring Elasticsearch back early (their set-up runs `stack.sh up`), so the
    // checks look only at the samples taken while it really refused connections. Nothing may be committed then,
    // beyond what was already in flight when it went away.
    const refused = samples.filter((s) =>
      s.ready.body.checks?.elasticsearch?.error?.includes('ECONNREFUSED'),
    );
    expect(refused.length).toBeGreaterThan(3);
    expect(
      refused.every(
        (s) => s.ready.status === 503 && s.ready.body.failing?.includes('elasticsearch'),
      ),
    ).toBe(true);
    expect(new Set(refused.slice(2).map((s) => s.committed)).size).toBe(1);
    expect(await stack.documents()).toEqual(expectedDocuments(messages));
    expect(await projector.metrics()).toMatch(/projector_retries_total\{kind="transient"\} [1-9]/);
    expect(projector.tail(500)).toContain('partition paused after a transient failure');
    await projector.waitUntilReady();
  }, 300_000);
});
