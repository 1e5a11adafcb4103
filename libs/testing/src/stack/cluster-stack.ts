import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const STACK_SCRIPT = join(__dirname, '../../../../scripts/stack.sh');

const fromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name} must be a port number, not "${process.env[name]}"`);
  }
  return value;
};

export const CLUSTER_NODES = 3;

/**
 * The `cluster` test tier's own stack: a 3-node Elasticsearch and a Kafka on ports of their own, so it
 * can run next to the main test stack (9092/9200) and be started and stopped by its own set-up.
 * Every value can be moved by a CLUSTER_* variable.
 */
export const clusterStack = (() => {
  const home = process.env.CLUSTER_STACK_HOME ?? '/var/tmp/jobtask-cluster-stack';
  const kafkaPort = fromEnv('CLUSTER_KAFKA_PORT', 29592);
  const esPort = fromEnv('CLUSTER_ES_PORT', 29600);
  const esTransportPort = fromEnv('CLUSTER_ES_TRANSPORT_PORT', 29700);
  return {
    home,
    kafkaBrokers: [`127.0.0.1:${kafkaPort}`],
    /** HTTP of node i (1-based). */
    nodeUrl: (i: number) => `http://127.0.0.1:${esPort + i - 1}`,
    /** What scripts/stack.sh reads; nothing of the caller's STACK_* settings leaks in. */
    launcherEnv: {
      STACK_HOME: home,
      STACK_KAFKA_PORT: String(kafkaPort),
      STACK_KAFKA_CONTROLLER_PORT: String(fromEnv('CLUSTER_KAFKA_CONTROLLER_PORT', kafkaPort + 1)),
      STACK_ES_PORT: String(esPort),
      STACK_ES_TRANSPORT_PORT: String(esTransportPort),
    },
  };
})();

async function launcher(args: string[], timeoutMs: number): Promise<void> {
  const env = { ...withoutStackSettings(process.env), ...clusterStack.launcherEnv };
  await run('bash', [STACK_SCRIPT, ...args], { env, timeout: timeoutMs });
}

function withoutStackSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('STACK_')));
}

export const clusterUp = () =>
  launcher(['up', '--es-nodes', String(CLUSTER_NODES), 'kafka', 'elasticsearch', 'redis'], 600_000);
export const clusterDown = () => launcher(['down', 'kafka', 'elasticsearch'], 180_000);
/** SIGKILL one Elasticsearch node by its pid file: a crashed host, no goodbye to the cluster. */
export const killClusterNode = (i: number) => launcher(['kill', `elasticsearch-${i}`], 30_000);
/** Starts one node again; resolves once it has rejoined and the cluster is at least yellow. */
export const startClusterNode = (i: number) => launcher(['up', `elasticsearch-${i}`], 300_000);
