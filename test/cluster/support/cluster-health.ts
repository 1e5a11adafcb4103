import type { Client } from '@elastic/elasticsearch';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ShardCopy {
  shard: string;
  primary: boolean;
  state: string;
  node: string | null;
  docs: number;
}

export async function shardCopies(es: Client, index: string): Promise<ShardCopy[]> {
  const rows = await es.cat.shards({ index, format: 'json', h: 'shard,prirep,state,node,docs' });
  return rows.map((r) => ({
    shard: String(r.shard),
    primary: r.prirep === 'p',
    state: String(r.state),
    node: r.node ?? null,
    docs: Number(r.docs ?? 0),
  }));
}

export async function masterNode(es: Client): Promise<string> {
  const [row] = await es.cat.master({ format: 'json', h: 'node' });
  return String(row?.node);
}

/** Polls until `condition` holds and returns how long that took; errors count as "not yet". */
export async function timeUntil(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await condition().catch(() => false)) return Date.now() - started;
    await sleep(100);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

/** The node has left the cluster state and every primary of the index is active again. */
export async function primariesPromoted(
  es: Client,
  index: string,
  nodes: number,
): Promise<boolean> {
  const health = await es.cluster.health({ index, timeout: '1s' }, { requestTimeout: 3_000 });
  return health.number_of_nodes === nodes && health.status !== 'red';
}

export async function isGreen(es: Client, index: string, nodes: number): Promise<boolean> {
  const health = await es.cluster.health({ index, timeout: '1s' }, { requestTimeout: 3_000 });
  return health.number_of_nodes === nodes && health.status === 'green';
}
