import { spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePorts, processAlive, testStack, uniqueName } from '@app/testing';
import { Client } from '@elastic/elasticsearch';
import { Kafka, logLevel } from 'kafkajs';

const ROOT = join(__dirname, '../..');

/*
 * `npm start` (scripts/dev.sh) in a root of its own: the scripts copied, the built dist/, node_modules, .tools and
 * infra/ linked, and no sources, so dev.sh reuses the suite's build instead of rebuilding a checkout that other
 * people may be editing, and a .env written here is nobody else's.
 */
function sandboxRoot(): string {
  if (!existsSync(join(ROOT, 'dist/.built')))
    throw new Error(
      'dist/ is not built: run `npm run build` first (npm test builds before this tier)',
    );
  const root = mkdtempSync(join(tmpdir(), 'newuser-dev-'));
  cpSync(join(ROOT, 'scripts'), join(root, 'scripts'), { recursive: true });
  for (const linked of ['dist', 'node_modules', '.tools', 'infra', 'package-lock.json', '.nvmrc'])
    if (existsSync(join(ROOT, linked))) symlinkSync(join(ROOT, linked), join(root, linked));
  for (const dir of ['apps', 'libs', 'proto']) mkdirSync(join(root, dir));
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json']) {
    writeFileSync(join(root, file), '{}');
    utimesSync(join(root, file), new Date(0), new Date(0));
  }
  return root;
}

interface DevRun {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startDev(root: string, env: Record<string, string>): DevRun {
  let output = '';
  const child = spawn('bash', ['scripts/dev.sh'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>, run: DevRun) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && run.child.exitCode === null) {
    if (await check().catch(() => false)) return;
    await sleep(500);
  }
  throw new Error(
    `no ${what} (dev.sh exited or timed out); dev.sh printed:\n${run.output().slice(-4000)}`,
  );
}

/** Whether something accepts connections on the port: a pid can name a wrapper while the app lives on. */
const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const appPids = (output: string) =>
  /projector pid (\d+).*api pid (\d+)/.exec(output)?.slice(1).map(Number) ?? [];

describe('npm start (scripts/dev.sh) for a newcomer', () => {
  const name = uniqueName('newuser-dev');
  const roots: string[] = [];
  const runs: DevRun[] = [];
  let blocker: Server | undefined;

  const stackEnv = (): Record<string, string> => ({
    STACK_HOME: testStack.home,
    STACK_ES_VERSION: testStack.esMajor,
    KAFKA_BROKERS: testStack.kafkaBrokers.join(','),
    ELASTICSEARCH_URL: testStack.elasticsearchUrl,
    REDIS_URL: testStack.redisUrl,
    EVENTS_TOPIC: `${name}.events`,
    JOB_TASKS_ALIAS: `${name}-job-tasks`,
    PROJECTOR_GROUP_ID: `${name}-projector`,
    REDIS_KEY_PREFIX: `${name}:`,
    LOG_LEVEL: 'warn',
  });

  afterAll(async () => {
    for (const run of runs)
      for (const pid of appPids(run.output())) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
    for (const run of runs) {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
      run.child.stdout?.destroy();
      run.child.stderr?.destroy();
    }
    blocker?.close();
    for (const root of roots) rmSync(root, { recursive: true, force: true });
    // What the projectors created on the shared stack: their topics and read-model index.
    const admin = new Kafka({
      brokers: testStack.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: [`${name}.events`, `${name}.events.dlq`] })
      .catch(() => undefined);
    await admin.disconnect();
    const es = new Client({ node: testStack.elasticsearchUrl });
    await es.indices
      .delete({ index: `${name}-job-tasks-v*`, ignore_unavailable: true })
      .catch(() => undefined);
    await es.close();
  }, 60_000);

  it('should stop the other app and exit non-zero when one app cannot start (its port is taken)', async () => {
    const root = sandboxRoot();
    roots.push(root);
    const [apiPort, grpcPort, projectorPort] = await freePorts(3);
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(apiPort, '0.0.0.0', resolve));
    const run = startDev(root, {
      ...stackEnv(),
      API_PORT: String(apiPort),
      API_GRPC_PORT: String(grpcPort),
      PROJECTOR_PORT: String(projectorPort),
    });
    runs.push(run);
    const code = await run.exited;
    expect(code).not.toBe(0);
    const [projector, api] = appPids(run.output());
    expect(projector).toBeDefined();
    expect(run.output()).toContain(
      `[dev] the api (pid ${api}) exited with status 1; stopping the projector`,
    );
    // Left running, the projector would hold its port and consumer group and make the next `npm start` fail.
    // Long enough for an orphaned projector to have bound its port.
    await sleep(5_000);
    expect(processAlive(projector!)).toBe(false);
    expect(await portOpen(projectorPort!)).toBe(false);
    blocker.close();
  }, 300_000);

  it('should read .env literally (API_KEYS with |) and let the environment override it', async () => {
    const root = sandboxRoot();
    roots.push(root);
    const [apiPort, grpcPort, projectorPort, unusedPort] = await freePorts(4);
    // As a newcomer writes it after copying .env.example: the documented API_KEYS format, an inline comment.
    writeFileSync(
      join(root, '.env'),
      [
        `API_KEYS=newuser-key-0123456789=domain-a|domain-b   # key=domain-a|domain-b,key2=*`,
        `API_PORT=${unusedPort}`,
        `API_GRPC_PORT=${grpcPort}`,
        `PROJECTOR_PORT=${projectorPort}`,
        '',
      ].join('\n'),
    );
    const run = startDev(root, { ...stackEnv(), API_PORT: String(apiPort) });
    runs.push(run);
    const api = `http://127.0.0.1:${apiPort}`;
    await until(
      'both apps to be ready',
      240_000,
      async () =>
        (await fetch(`${api}/ready`)).ok &&
        (await fetch(`http://127.0.0.1:${projectorPort}/ready`)).ok,
      run,
    );
    expect(run.output()).toContain(`(http://127.0.0.1:${projectorPort}), api pid`);
    expect(run.output()).toContain(`(http://127.0.0.1:${apiPort}/docs, gRPC ${grpcPort})`);
    const search = (key?: string) =>
      fetch(`${api}/power_scheduler/v1/job-tasks/search`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(key !== undefined && { authorization: `Bearer ${key}` }),
        },
        body: JSON.stringify({ domain_id: 'domain-b' }),
      });
    expect((await search()).status).toBe(401);
    expect((await search('newuser-key-0123456789')).status).toBe(200);

    run.child.kill('SIGTERM');
    expect(await run.exited).not.toBe(0);
    await sleep(1_000);
    expect(appPids(run.output()).filter(processAlive)).toEqual([]);
    expect(await portOpen(apiPort!)).toBe(false);
    expect(await portOpen(projectorPort!)).toBe(false);
  }, 300_000);
});
