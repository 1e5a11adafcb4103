import { JobTaskEmitter, JobTaskEvents } from '@app/emitter';
import { jobTaskDocumentId } from '@app/domain';
import { readDeadLetters } from '../../apps/projector/test/support/dead-letters';
import {
  isolatedConfig,
  isolatedEnv,
} from '../../apps/projector/test/support/projector-test.config';
import { ProjectorProcess } from '../../apps/projector/test/support/projector.process';
import { StackClients } from '../../apps/projector/test/support/stack.clients';
import { runDlqCli } from './dlq-cli';

/*
 * The operator's loop on the real Kafka, Elasticsearch and projector process: a record dead-lettered because the
 * limit was too low is replayed after the limit is raised and applied; replaying it again changes nothing; a record
 * that is still bad goes back to the DLQ with its reason.
 */
describe('npm run dlq: summary, show and replay against the real projector', () => {
  const env = isolatedEnv({ MAX_EVENT_BYTES: '2000' });
  const config = isolatedConfig(env);
  const stack = new StackClients(config);
  const processes: ProjectorProcess[] = [];
  const docId = jobTaskDocumentId('domain-dlq', 'task-big');
  const task = new JobTaskEvents({ domainId: 'domain-dlq', jobTaskId: 'task-big' });
  const big = { ...task.resourceSucceeded({ count: 5 }), notes: 'x'.repeat(5_000) };
  const cli = (...args: string[]) => runDlqCli(args, env);
  const projector = async (name: string, overrides: Record<string, string> = {}) => {
    const p = await ProjectorProcess.start(name, { ...env, ...overrides });
    processes.push(p);
    await p.waitUntilReady();
    return p;
  };
  const endOffsets = async (topic: string) =>
    (await (await stack.kafkaAdmin()).fetchTopicOffsets(topic)).map((o) => o.high);

  beforeAll(async () => {
    await stack.createTopics();
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await stack.cleanUp();
  });

  it('should dead-letter the oversized and the mis-keyed record, and summarise and show them', async () => {
    await projector('small-limit');
    // The emitter checks against the default 1 MiB, the projector runs with 2,000 bytes: the misconfiguration to undo.
    const emitter = new JobTaskEmitter({ kafka: stack.kafka, topic: config.kafka.topic });
    await emitter.emitAll([task.created({ job_id: 'job-1' }), task.started(), big]);
    await emitter.close();
    const misKeyed = new JobTaskEvents({
      domainId: 'domain-dlq',
      jobTaskId: 'task-keyed',
    }).started();
    await stack.produce([{ key: 'someone-else', value: JSON.stringify(misKeyed) }]);
    await stack.waitForGroupCaughtUp();
    expect(await readDeadLetters(stack.kafka, config.kafka.dlqTopic, 2)).toHaveLength(2);

    const summary = await cli('summary');
    expect(summary).toMatchObject({ code: 0 });
    expect(summary.stdout).toContain(`${config.kafka.dlqTopic}: 2 dead letter(s), oldest `);
    expect(summary.stdout).toMatch(/KEY_MISMATCH\s+1/);
    expect(summary.stdout).toMatch(/TOO_LARGE\s+1/);
    expect(summary.stdout).toMatch(new RegExp(`${config.kafka.topic}\\[\\d\\]\\s+\\d`));

    const shown = await cli('show', '--reason', 'TOO_LARGE', '--limit', '5');
    expect(shown.stdout).toContain('dlq.reason: TOO_LARGE');
    expect(shown.stdout).toContain('key (utf8): task-big');
    expect(shown.stdout).toContain(`"event_id": "${big.event_id}"`);
    expect(shown.stdout).toContain('shown 1 of 1 matching dead letter(s)');
    expect((await stack.documents()).get(docId)).toMatchObject({ success_count: 0 });
  });

  it('should list but not send on a dry run', async () => {
    const before = await endOffsets(config.kafka.topic);
    const dry = await cli('replay', '--reason', 'TOO_LARGE', '--dry-run');
    expect(dry.stdout).toContain('dry run: 1 record(s) would be replayed');
    expect(await endOffsets(config.kafka.topic)).toEqual(before);
  });

  it('should apply the replayed record once the limit is raised, and change nothing when replayed again', async () => {
    const first = processes[0]!;
    first.kill('SIGTERM');
    await first.exited;
    await projector('raised-limit', { MAX_EVENT_BYTES: '1048576' });

    const replay = await cli('replay', '--reason', 'TOO_LARGE');
    expect(replay).toMatchObject({ code: 0 });
    expect(replay.stdout).toContain(
      `replayed 1 record(s) from ${config.kafka.dlqTopic} to ${config.kafka.topic}`,
    );
    expect(replay.stderr).toContain('1/1 records');
    await stack.waitForGroupCaughtUp();
    const applied = (await stack.documents()).get(docId);
    expect(applied).toMatchObject({ status: 'IN_PROGRESS', success_count: 5 });

    const again = await cli('replay', '--reason', 'TOO_LARGE');
    expect(again.stdout).toContain('replayed 1 record(s)');
    await stack.waitForGroupCaughtUp();
    expect((await stack.documents()).get(docId)).toEqual(applied);
    expect(await readDeadLetters(stack.kafka, config.kafka.dlqTopic, 2)).toHaveLength(2);
  });

  it('should send a record that is still bad back to the DLQ with its reason and where it came from', async () => {
    const letters = await readDeadLetters(stack.kafka, config.kafka.dlqTopic, 2);
    const misKeyed = letters.find((l) => l.headers['dlq.reason'] === 'KEY_MISMATCH')!;
    const shown = await cli('show', '--reason', 'KEY_MISMATCH');
    const coordinates = /--- (\d+):(\d+) /.exec(shown.stdout)!;
    const at = `${coordinates[1]}:${coordinates[2]}`;

    const replay = await cli('replay', '--offsets', at);
    expect(replay.stdout).toContain('replayed 1 record(s)');
    await stack.waitForGroupCaughtUp();

    const after = await readDeadLetters(stack.kafka, config.kafka.dlqTopic, 3);
    expect(after).toHaveLength(3);
    const back = after.filter((l) => l.headers['replayed-from'] !== undefined);
    expect(back).toHaveLength(1);
    expect(back[0]!.headers).toMatchObject({
      'dlq.reason': 'KEY_MISMATCH',
      'replayed-from': `${config.kafka.dlqTopic}/${coordinates[1]}/${coordinates[2]}`,
    });
    expect(back[0]!.key).toEqual(misKeyed.key);
    expect(back[0]!.value).toEqual(misKeyed.value);
    const summary = await cli('summary');
    expect(summary.stdout).toMatch(/KEY_MISMATCH\s+2/);
  });
});
