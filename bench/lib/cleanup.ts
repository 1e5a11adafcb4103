import type { Client } from '@elastic/elasticsearch';
import Redis from 'ioredis';
import type { Kafka } from 'kafkajs';
import { rmSync } from 'node:fs';
import { deleteIndicesWithPrefix } from './elastic';
import { deleteGroupsWithPrefix, deleteTopicsWithPrefix } from './kafka';
import { log } from './log';
import { REDIS_URL, waitForElasticsearch } from './stack';

const MAX_SCAN_ROUNDS = 10_000;

async function deleteRedisKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  });
  try {
    await redis.connect();
    let cursor = '0';
    let deleted = 0;
    for (let round = 0; round < MAX_SCAN_ROUNDS; round += 1) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
      if (keys.length > 0) deleted += await redis.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
    return deleted;
  } finally {
    redis.disconnect();
  }
}

/** Deletes everything the run created; each step is attempted even when another fails. */
export async function cleanupRun(
  es: Client,
  kafka: Kafka,
  prefix: string,
  workDir: string | null,
): Promise<void> {
  const steps: [string, () => Promise<unknown>][] = [
    ['topics', () => deleteTopicsWithPrefix(kafka, prefix)],
    ['consumer groups', () => deleteGroupsWithPrefix(kafka, prefix)],
    [
      'indices',
      async () => {
        await waitForElasticsearch(120_000); // a fault test may have it stopped right now
        return deleteIndicesWithPrefix(es, prefix);
      },
    ],
    ['redis keys', () => deleteRedisKeys(`${prefix}:`)],
  ];
  for (const [what, step] of steps) {
    try {
      await step();
    } catch (error) {
      log(`cleanup of ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (workDir !== null) rmSync(workDir, { recursive: true, force: true });
}
