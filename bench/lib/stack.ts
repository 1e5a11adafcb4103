import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO = join(__dirname, '../..');
const STACK_SCRIPT = join(REPO, 'scripts/stack.sh');
// The stack's default ports unless the same variables the apps read say otherwise (a smoke run on
// another stack, started with scripts/stack.sh's STACK_* ports).
export const ES_URL = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';
export const KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const REDIS_URL = 'redis://127.0.0.1:6379';

export async function stackUp(): Promise<void> {
  await run('bash', [STACK_SCRIPT, 'up'], { timeout: 600_000 });
}

export interface StackPids {
  kafka?: number;
  elasticsearch?: number;
}

/**
 * The JVMs' pids, found by their main class in /proc (read only). Not from the launcher's pid files: a fault
 * test may restart a service by other means, and the pids change when it does.
 */
export function stackPids(): Promise<StackPids> {
  const found: StackPids = {};
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    if (!cmdline.includes('java')) continue;
    if (cmdline.includes('org.elasticsearch.bootstrap.Elasticsearch'))
      found.elasticsearch = Number(entry);
    else if (cmdline.includes('\0kafka.Kafka\0')) found.kafka = Number(entry);
  }
  return Promise.resolve(found);
}

/** Waits (bounded) until Elasticsearch answers green/yellow: another engineer's fault test may have stopped it. */
export async function waitForElasticsearch(timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`${ES_URL}/_cluster/health?wait_for_status=yellow&timeout=2s`, {
        signal: AbortSignal.timeout(5_000),
      });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await sleep(1_000);
  }
  throw new Error(`Elasticsearch did not come back within ${timeoutMs / 1000}s`);
}

export interface MachineInfo {
  cores: number;
  cpu_model: string;
  memory_gib: number;
  node: string;
  kernel: string;
  elasticsearch: string;
  kafka: string;
  es_heap: string;
}

async function elasticsearchFacts(): Promise<{ version: string; heap: string }> {
  const res = await fetch(
    `${ES_URL}/_nodes/_local/jvm?filter_path=nodes.*.version,nodes.*.jvm.mem.heap_max_in_bytes`,
  );
  const body = (await res.json()) as {
    nodes?: Record<string, { version?: string; jvm?: { mem?: { heap_max_in_bytes?: number } } }>;
  };
  const node = Object.values(body.nodes ?? {})[0];
  const heap = node?.jvm?.mem?.heap_max_in_bytes ?? 0;
  return { version: node?.version ?? 'unknown', heap: `${Math.round(heap / 2 ** 20)} MiB` };
}

/** Kafka has no version endpoint that kafkajs exposes; the launcher's jars carry it in their names. */
function kafkaVersion(): string {
  const lib = join(process.env.STACK_HOME ?? '/var/tmp/jobtask-stack', 'kafka/lib');
  try {
    const jar = readdirSync(lib).find((name) => /^kafka-server-\d/.test(name));
    return jar?.replace(/^kafka-server-(.*)\.jar$/, '$1') ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function machineInfo(): Promise<MachineInfo> {
  const es = await elasticsearchFacts();
  return {
    cores: cpus().length,
    cpu_model: cpus()[0]?.model ?? 'unknown',
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kernel: release(),
    elasticsearch: es.version,
    kafka: kafkaVersion(),
    es_heap: es.heap,
  };
}
