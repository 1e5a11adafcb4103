import { Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';
import { KAFKA_BROKERS } from './stack';
import type { BenchMessage } from './workload';

const PRODUCE_CHUNK = 2_000;
const PRODUCE_IN_FLIGHT = 4;

export function benchKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: KAFKA_BROKERS, logLevel: logLevel.ERROR });
}

async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function createTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  await withAdmin(kafka, (admin) =>
    admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions }] }),
  );
}

/**
 * Fills a topic as fast as the broker takes it, keyed by job_task_id with the Java-compatible partitioner (as
 * the simulator does). A few sends are in flight at once; the projection does not depend on order, and the
 * expected documents are computed from the same set of events.
 */
export async function produceAll(
  kafka: Kafka,
  topic: string,
  messages: readonly BenchMessage[],
): Promise<number> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const startedAt = performance.now();
  try {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < messages.length) {
        const chunk = messages.slice(next, (next += PRODUCE_CHUNK));
        await producer.send({ topic, acks: -1, messages: chunk });
      }
    };
    await Promise.all(Array.from({ length: PRODUCE_IN_FLIGHT }, lane));
  } finally {
    await producer.disconnect();
  }
  return performance.now() - startedAt;
}

/** Sum of the partitions' high watermarks: how many records the topic holds (no compaction, no deletes). */
export async function topicSize(kafka: Kafka, topic: string): Promise<number> {
  return withAdmin(kafka, async (admin) => {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  });
}

/** Deletes every topic whose name starts with the run's prefix (bounded to what the broker lists). */
export async function deleteTopicsWithPrefix(kafka: Kafka, prefix: string): Promise<string[]> {
  return withAdmin(kafka, async (admin) => {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
    return topics;
  });
}

/** Deletes the consumer groups of this run (the broker keeps them otherwise). */
export async function deleteGroupsWithPrefix(kafka: Kafka, prefix: string): Promise<void> {
  await withAdmin(kafka, async (admin) => {
    const { groups } = await admin.listGroups();
    const mine = groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix));
    if (mine.length > 0) await admin.deleteGroups(mine).catch(() => undefined);
  });
}
