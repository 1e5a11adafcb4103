import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePorts } from '@app/testing';

const run = promisify(execFile);
const STACK = join(__dirname, '../scripts/stack.sh');

/**
 * The launcher's refusals for Elasticsearch versions (scripts/stack-es-version.sh): each must fail
 * before anything is downloaded or started, and say what is missing. Run on a throw-away STACK_HOME
 * and free ports, beside the suite's stack.
 */
describe('the launcher choosing an Elasticsearch version', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    home = await mkdtemp('/var/tmp/stack-es-version-');
    const [port, transport] = await freePorts(2);
    env = {
      ...process.env,
      STACK_HOME: home,
      STACK_ES_PORT: String(port),
      STACK_ES_TRANSPORT_PORT: String(transport),
    };
  });

  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  const upElasticsearch = async (extra: NodeJS.ProcessEnv) => {
    const failure = await run('bash', [STACK, 'up', 'elasticsearch'], {
      env: { ...env, ...extra },
      timeout: 60_000,
    }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    return failure?.stderr ?? '';
  };

  it('should say which JDK 9.x needs when none on the machine is new enough', async () => {
    const emptyJvmRoot = join(home, 'jvm');
    await mkdir(emptyJvmRoot);
    const stderr = await upElasticsearch({
      STACK_ES_VERSION: '9',
      STACK_JVM_ROOT: emptyJvmRoot,
      STACK_JAVA_HOME: '/usr/lib/jvm/java-17-openjdk-amd64',
    });
    expect(stderr).toMatch(/elasticsearch 9\.\d+\.\d+ needs a JDK >= 21 and none was found/);
    expect(stderr).toMatch(/java-17-openjdk-amd64 \(17\)/);
    expect(stderr).toMatch(/STACK_ES_JAVA_HOME/);
  });

  it('should refuse a JDK given explicitly that is too old for 9.x', async () => {
    const stderr = await upElasticsearch({
      STACK_ES_VERSION: '9',
      STACK_ES_JAVA_HOME: '/usr/lib/jvm/java-17-openjdk-amd64',
    });
    expect(stderr).toMatch(/needs a JDK >= 21, but STACK_ES_JAVA_HOME=.* is 17/);
  });

  it('should refuse a version outside the two supported lines', async () => {
    const stderr = await upElasticsearch({ STACK_ES_VERSION: '7.17.29' });
    expect(stderr).toMatch(/STACK_ES_VERSION=7\.17\.29 is not supported \(8\.19\.x or 9\.x/);
  });

  it('should never open data written by 9.x with 8.19', async () => {
    await mkdir(join(home, 'elasticsearch'), { recursive: true });
    await writeFile(join(home, 'elasticsearch/data.major'), '9\n');
    const stderr = await upElasticsearch({ STACK_ES_VERSION: '8' });
    expect(stderr).toMatch(/was written by Elasticsearch 9\.x; 8\.19\.\d+ must not open it/);
    expect(stderr).toMatch(/Use another STACK_HOME/);
  });
});
