import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testStack, uniqueName } from '@app/testing';
import { Kafka, logLevel } from 'kafkajs';

const REPO_ROOT = join(__dirname, '../..');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `npm run emit -- …` as a newcomer runs it: npm's command line, only PATH, HOME and `env` set. */
function runEmit(args: string[], env: Record<string, string>): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['scripts/run-entry.sh', 'scripts/emit-event.ts', ...args],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr, ms: Date.now() - started });
      },
    );
  });
}

const started = (id: string, task: string) =>
  JSON.stringify({
    event_id: id,
    event_type: 'job_task.started',
    occurred_at: '2026-11-28T10:00:01Z',
    domain_id: 'domain-newuser',
    job_task_id: task,
  });

describe('npm run emit, as the README and docs/emitting.md use it', () => {
  const kafka = new Kafka({ brokers: testStack.kafkaBrokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const topic = uniqueName('newuser-emit');
  const otherTopic = uniqueName('newuser-emit-other');
  const dir = mkdtempSync(join(tmpdir(), 'newuser-emit-'));
  const emptyEnvFile = join(dir, 'empty.env');
  const brokers = testStack.kafkaBrokers.join(',');

  beforeAll(async () => {
    writeFileSync(emptyEnvFile, '');
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic, numPartitions: 1 },
        { topic: otherTopic, numPartitions: 1 },
      ],
    });
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic, otherTopic] }).catch(() => undefined);
    await admin.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  const highWater = async (name: string) =>
    (await admin.fetchTopicOffsets(name)).reduce((sum, p) => sum + Number(p.high), 0);

  it('should say at once that the events topic does not exist, naming EVENTS_TOPIC and what creates it', async () => {
    const missing = uniqueName('newuser-emit-missing');
    const result = await runEmit([started('m1', 't1')], {
      KAFKA_BROKERS: brokers,
      EVENTS_TOPIC: missing,
      JOBTASK_ENV_FILE: emptyEnvFile,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `EMIT.TOPIC_NOT_FOUND: the events topic ${missing} does not exist on ${brokers} (EVENTS_TOPIC)`,
    );
    expect(result.stderr).toContain('the projector creates it when it starts (npm start)');
    // kafkajs would otherwise retry the metadata request for ~20 s and end with "does not host this topic-partition".
    expect(result.stderr).not.toContain('does not host this topic-partition');
  }, 60_000);

  it('should name KAFKA_BROKERS when nothing answers there', async () => {
    const result = await runEmit([started('u1', 't1')], {
      KAFKA_BROKERS: '127.0.0.1:1',
      EVENTS_TOPIC: topic,
      JOBTASK_ENV_FILE: emptyEnvFile,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^EMIT\.KAFKA_UNREACHABLE: cannot reach Kafka at 127\.0\.0\.1:1 \(KAFKA_BROKERS\)/m,
    );
    expect(result.stdout).toBe('');
  }, 90_000);

  it('should refuse an option it does not know as an option, with exit 2 and nothing sent', async () => {
    const before = await highWater(topic);
    const result = await runEmit(['--topic', otherTopic, started('o1', 't1')], {
      KAFKA_BROKERS: brokers,
      EVENTS_TOPIC: topic,
      JOBTASK_ENV_FILE: emptyEnvFile,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'EMIT.BAD_ARGUMENTS: unknown option --topic: events are JSON objects; the topic and brokers come from EVENTS_TOPIC and KAFKA_BROKERS',
    );
    expect(await highWater(topic)).toBe(before);
    expect(await highWater(otherTopic)).toBe(0);
  }, 60_000);

  it('should read the .env that npm start reads, the environment winning over it', async () => {
    const envFile = join(dir, 'dotenv');
    writeFileSync(
      envFile,
      [
        '# copied from .env.example and edited',
        `EVENTS_TOPIC=${otherTopic}                 # the topic the projector of npm start reads`,
        `KAFKA_BROKERS=${brokers}`,
        'API_KEYS=k1=domain-a|domain-b,k2=*',
        'LOG_LEVEL=info',
        '',
      ].join('\n'),
    );
    const fromFile = await runEmit([started('f1', 't1')], { JOBTASK_ENV_FILE: envFile });
    expect(fromFile.stderr).toContain(`sent 1 event(s) to ${otherTopic}`);
    expect(fromFile.code).toBe(0);
    expect(await highWater(otherTopic)).toBe(1);

    const overridden = await runEmit([started('f2', 't1')], {
      JOBTASK_ENV_FILE: envFile,
      EVENTS_TOPIC: topic,
    });
    expect(overridden.stderr).toContain(`sent 1 event(s) to ${topic}`);
    expect(await highWater(otherTopic)).toBe(1);
  }, 90_000);

  it('should refuse a JOBTASK_ENV_FILE that does not exist rather than run without it', async () => {
    const missing = join(dir, 'nope.env');
    const result = await runEmit([started('n1', 't1')], {
      KAFKA_BROKERS: brokers,
      EVENTS_TOPIC: topic,
      JOBTASK_ENV_FILE: missing,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`JOBTASK_ENV_FILE names ${missing}, which does not exist`);
  }, 60_000);
});
