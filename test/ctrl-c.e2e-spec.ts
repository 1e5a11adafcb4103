import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Client } from '@elastic/elasticsearch';
import { freePorts, processAlive, testStack, uniqueName } from '@app/testing';
import { Kafka, logLevel } from 'kafkajs';
import { TmuxSession } from './support/tmux';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');

/** Polls `check`; on a timeout the error carries the end of the terminal's screen. */
async function until(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
  terminal: TmuxSession,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(1_000);
  }
  const screen = (await terminal.screen()).trimEnd().split('\n').slice(-40).join('\n');
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}; the terminal shows:\n${screen}`,
  );
}

const answers = async (url: string) => (await fetch(url)).ok;

/**
 * `npm start` as a person runs it, in a real terminal, on a stack of its own (its own STACK_HOME and
 * ports next to the suite's, so pressing Ctrl-C here can never take the suite's servers down).
 */
describe('npm start in a terminal', () => {
  const major = testStack.esMajor;
  const home = `${testStack.home}-ctrl-c-es${major}`;
  let env: Record<string, string> = {};
  let terminal: TmuxSession | undefined;

  beforeAll(async () => {
    const [kafka, controller, es, transport, api, grpc, projector] = await freePorts(7);
    env = {
      STACK_HOME: home,
      STACK_ES_VERSION: major,
      STACK_ES_HEAP: '512m',
      STACK_KAFKA_PORT: String(kafka),
      STACK_KAFKA_CONTROLLER_PORT: String(controller),
      STACK_ES_PORT: String(es),
      STACK_ES_TRANSPORT_PORT: String(transport),
      KAFKA_BROKERS: `127.0.0.1:${kafka}`,
      ELASTICSEARCH_URL: `http://127.0.0.1:${es}`,
      API_PORT: String(api),
      API_GRPC_PORT: String(grpc),
      PROJECTOR_PORT: String(projector),
      REDIS_KEY_PREFIX: `${uniqueName('ctrl-c')}:`,
    };
  });

  afterAll(async () => {
    await terminal?.kill();
    await run('bash', [join(ROOT, 'scripts/stack.sh'), 'down', 'kafka', 'elasticsearch'], {
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
  });

  it('should stop both apps on Ctrl-C and leave Kafka and Elasticsearch answering', async () => {
    // The terminal's PATH as a person's shell has it: without the Node that npm test put first, so
    // npm start has to find (or install) a Node >= 22 by itself.
    const path = (process.env.PATH ?? '')
      .split(':')
      .filter((dir) => !dir.includes('/.tools/') && !dir.includes('node_modules'))
      .join(':');
    const shell = await TmuxSession.start(uniqueName('jobtask-ctrl-c'), ROOT, {
      ...env,
      PATH: path,
      HOME: process.env.HOME ?? '/root',
      TERM: 'xterm-256color',
    });
    terminal = shell;
    await shell.type('npm start');

    const api = `http://127.0.0.1:${env.API_PORT}/ready`;
    const projector = `http://127.0.0.1:${env.PROJECTOR_PORT}/ready`;
    await until(
      'both apps to be ready',
      420_000,
      async () => (await answers(api)) && answers(projector),
      shell,
    );
    const screen = await shell.screen();
    expect(screen).toMatch(/\[node\] using v(2[2-9]|[3-9]\d)\./);
    // kafkajs's harmless negative timer must not print a warning between the JSON log lines (docs/stack.md).
    expect(screen).toMatch(/"msg":"joined consumer group"/);
    expect(screen).not.toMatch(/TimeoutNegativeWarning/);
    const pids = /projector pid (\d+).*api pid (\d+)/.exec(screen)?.slice(1).map(Number) ?? [];
    expect(pids).toHaveLength(2);

    await shell.pressCtrlC();
    await until(
      'npm start to return to the prompt',
      60_000,
      async () => (await shell.foreground()) === 'bash',
      shell,
    );

    expect(pids.filter(processAlive)).toEqual([]);
    await expect(answers(api)).rejects.toThrow();
    await expect(answers(projector)).rejects.toThrow();

    const es = new Client({ node: env.ELASTICSEARCH_URL });
    const kafka = new Kafka({
      brokers: [`127.0.0.1:${env.STACK_KAFKA_PORT}`],
      logLevel: logLevel.NOTHING,
    }).admin();
    try {
      const health = await es.cluster.health();
      expect(['green', 'yellow']).toContain(health.status);
      await kafka.connect();
      const cluster = await kafka.describeCluster();
      expect(cluster.brokers.map((b) => b.port)).toEqual([Number(env.STACK_KAFKA_PORT)]);
    } finally {
      await kafka.disconnect();
      await es.close();
    }
    const { stdout } = await run('bash', [join(ROOT, 'scripts/stack.sh'), 'status'], {
      env: { ...process.env, ...env },
    });
    expect(stdout).toMatch(/^kafka\s+ready/m);
    expect(stdout).toMatch(/^elasticsearch\s+ready/m);
  }, 600_000);
});
