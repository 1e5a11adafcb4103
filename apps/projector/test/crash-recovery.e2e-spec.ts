import { setTimeout as sleep } from 'node:timers/promises';
import { simulatedMessages } from './support/event-streams';
import { expectedDocuments } from './support/expected-documents';
import { committedTotal, eventually, producePaced } from './support/paced.producer';
import { isolatedConfig, isolatedEnv } from './support/projector-test.config';
import { ProjectorProcess } from './support/projector.process';
import { StackClients } from './support/stack.clients';

describe('projector process: crashes, signals and bad configuration', () => {
  const env = isolatedEnv({ LOG_LEVEL: 'info' });
  const config = isolatedConfig(env);
  const stack = new StackClients(config);
  const processes: ProjectorProcess[] = [];
  const spawnProjector = async (name: string) => {
    const p = await ProjectorProcess.start(name, env);
    processes.push(p);
    return p;
  };

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await stack.cleanUp();
  });

  it('should reach the exact state after a SIGKILL mid-stream and a restart, losing and double-counting nothing', async () => {
    const messages = simulatedMessages(3_000, 101);
    const first = await spawnProjector('first');
    await first.waitUntilReady();

    const producing = producePaced(stack, messages, 8_000);
    await eventually(
      async () =>
        (await committedTotal(stack, config.projector.groupId, config.kafka.topic)) >
        messages.length / 5,
      60_000,
      () => first.tail(),
    );
    first.kill('SIGKILL');
    await first.exited;
    const committedAtKill = await committedTotal(
      stack,
      config.projector.groupId,
      config.kafka.topic,
    );
    await producing;
    expect(committedAtKill).toBeLessThan(messages.length);

    const second = await spawnProjector('second');
    await stack.waitForGroupCaughtUp(config.projector.groupId, 120_000);

    expect(await stack.documents()).toEqual(expectedDocuments(messages));
    await second.waitUntilReady();
  });

  it('should finish the batch in flight and stop cleanly on SIGTERM, committing only what is durable', async () => {
    const running = processes.at(-1)!;
    const more = simulatedMessages(1_000, 102);
    const producing = producePaced(stack, more, 2_000);
    await sleep(1_000);

    running.kill('SIGTERM');
    // Nest re-raises the signal once its shutdown hooks have run, so the process ends "by SIGTERM" after a clean stop.
    await expect(running.exited).resolves.toBe('SIGTERM');
    expect(running.tail()).toContain('projector stopped');
    await producing;
    const third = await spawnProjector('third');
    await stack.waitForGroupCaughtUp(config.projector.groupId, 120_000);

    expect(await stack.documents()).toEqual(
      expectedDocuments([...simulatedMessages(3_000, 101), ...more]),
    );
    await third.waitUntilReady();
  });

  it('should print the configuration error and exit 1 on a bad environment variable', async () => {
    const broken = await ProjectorProcess.start('broken', {
      ...env,
      PROJECTOR_MAX_BATCH_EVENTS: 'lots',
    });

    await expect(broken.exited).resolves.toBe(1);
    expect(broken.tail()).toContain('Invalid configuration');
    expect(broken.tail()).toContain(
      'PROJECTOR_MAX_BATCH_EVENTS: must be a whole number of 1 or more (got "lots")',
    );
  });
});
