import { simulatedMessages } from './support/event-streams';
import { expectedDocuments } from './support/expected-documents';
import { committedTotal, eventually, producePaced } from './support/paced.producer';
import { isolatedConfig, isolatedEnv } from './support/projector-test.config';
import { ProjectorProcess } from './support/projector.process';
import { StackClients } from './support/stack.clients';

describe('projector group membership changing mid-stream (real Kafka and Elasticsearch)', () => {
  const env = isolatedEnv({ EVENTS_TOPIC_PARTITIONS: '6', LOG_LEVEL: 'info' });
  const config = isolatedConfig(env);
  const stack = new StackClients(config);
  const processes: ProjectorProcess[] = [];
  const spawnProjector = async (name: string) => {
    const p = await ProjectorProcess.start(name, env);
    processes.push(p);
    return p;
  };
  const committed = () => committedTotal(stack, config.projector.groupId, config.kafka.topic);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await stack.cleanUp();
  });

  it('should reach the exact state when a member joins and another leaves while events flow', async () => {
    const messages = simulatedMessages(4_000, 202);
    const [a, b] = await Promise.all([spawnProjector('a'), spawnProjector('b')]);
    await Promise.all([a.waitUntilReady(), b.waitUntilReady()]);

    const producing = producePaced(stack, messages, 12_000);
    await eventually(
      async () => (await committed()) > messages.length / 6,
      60_000,
      () => a.tail(),
    );
    const c = await spawnProjector('c');
    await c.waitUntilReady();
    await eventually(
      async () => (await committed()) > messages.length / 2,
      60_000,
      () => c.tail(),
    );
    a.kill('SIGTERM');
    await expect(a.exited).resolves.toBe('SIGTERM');
    await producing;
    await stack.waitForGroupCaughtUp(config.projector.groupId, 120_000);

    expect(await stack.documents()).toEqual(expectedDocuments(messages));
    expect(c.tail(200)).toContain('joined consumer group');
    expect((await b.ready()).status).toBe(200);
  });
});
