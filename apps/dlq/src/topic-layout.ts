import type { Kafka } from 'kafkajs';
import { DlqError, messageOf } from './dlq-error';

/** One partition of the dead-letter topic: the offsets it still holds are `low` to `high - 1`. */
export interface PartitionSpan {
  partition: number;
  low: number;
  high: number;
}

/**
 * Checks the cluster before anything is read or sent. A missing topic is a misconfiguration, never "no dead
 * letters": the projector creates both topics when it starts, so a topic that is not there means a typo in
 * DLQ_TOPIC / EVENTS_TOPIC or the wrong cluster, and a replay into it would go where no projector reads.
 */
export async function inspectTopics(
  kafka: Kafka,
  where: { brokers: readonly string[]; dlqTopic: string; eventsTopic: string | null },
): Promise<PartitionSpan[]> {
  const brokers = where.brokers.join(',');
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new DlqError(
      'DLQ.KAFKA_UNREACHABLE',
      `cannot reach Kafka at ${brokers} (KAFKA_BROKERS): ${messageOf(error)}`,
      { cause: error },
    );
  }
  try {
    const topics = new Set(await admin.listTopics());
    if (!topics.has(where.dlqTopic))
      throw new DlqError(
        'DLQ.TOPIC_NOT_FOUND',
        `the dead-letter topic ${where.dlqTopic} does not exist on ${brokers} (it is DLQ_TOPIC, else EVENTS_TOPIC + ".dlq"; the projector creates it when it starts)`,
      );
    if (where.eventsTopic !== null && !topics.has(where.eventsTopic))
      throw new DlqError(
        'DLQ.TOPIC_NOT_FOUND',
        `the events topic ${where.eventsTopic} does not exist on ${brokers} (EVENTS_TOPIC); nothing is replayed into a topic no projector reads`,
      );
    return (await admin.fetchTopicOffsets(where.dlqTopic))
      .map((o) => ({ partition: o.partition, low: Number(o.low), high: Number(o.high) }))
      .sort((a, b) => a.partition - b.partition);
  } finally {
    await admin.disconnect();
  }
}
