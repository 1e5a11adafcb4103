import type { ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { KAFKA, PROJECTOR_CONFIG } from '../projector.tokens';
import { ensureDeadLetterTopicFits } from './dead-letter-topic.sizing';

export interface PartitionRange {
  partition: number;
  /** The log-start offset: the first event a replay from the beginning reads. */
  start: number;
  /** The high watermark: one past the last event written so far. */
  end: number;
}

/** Topic-level Kafka administration: creating the topics, reading their end offsets, finding running groups, removing a spent one. */
@Injectable()
export class KafkaTopicsAdmin {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
    private readonly logger: JsonLogger,
  ) {}

  /**
   * Creates the events and dead-letter topics; an existing topic (or one created by a racing starter) is fine. The
   * dead-letter topic is sized to take any record of the events topic (dead-letter-topic.sizing.ts).
   */
  async ensureTopics(): Promise<void> {
    const { topic, dlqTopic, topicPartitions } = this.config.kafka;
    await this.withAdmin(async (admin) => {
      // Only the missing ones: kafkajs logs an error line for every topic that already exists. A racing starter
      // can still create one in between, which createTopics reports as "not created" rather than failing.
      const existing = new Set(await admin.listTopics());
      const created: string[] = [];
      if (!existing.has(topic)) {
        const made = await admin.createTopics({
          waitForLeaders: true,
          topics: [{ topic, numPartitions: topicPartitions }],
        });
        if (made) created.push(topic);
      }
      const spec = { topic, dlqTopic, partitions: topicPartitions, exists: existing.has(dlqTopic) };
      if (await ensureDeadLetterTopicFits(admin, spec, this.logger)) created.push(dlqTopic);
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      const partitions = metadata.topics[0]?.partitions.length ?? 0;
      if (partitions !== topicPartitions) {
        this.logger.event('warn', 'events topic has a different partition count than configured', {
          topic,
          partitions,
          configured: topicPartitions,
        });
      }
      this.logger.event('info', 'topics ready', { topic, dlqTopic, created });
    });
  }

  async eventRanges(): Promise<PartitionRange[]> {
    return this.withAdmin(async (admin) => {
      const offsets = await admin.fetchTopicOffsets(this.config.kafka.topic);
      return offsets
        .map((o) => ({ partition: o.partition, start: Number(o.low), end: Number(o.high) }))
        .sort((a, b) => a.partition - b.partition);
    });
  }

  /** The groups among `groupIds` that have members right now (a consumer of theirs is running). */
  async groupsWithMembers(groupIds: readonly string[]): Promise<string[]> {
    if (groupIds.length === 0) return [];
    const { groups } = await this.withAdmin((admin) => admin.describeGroups([...groupIds]));
    return groups.filter((group) => group.members.length > 0).map((group) => group.groupId);
  }

  async deleteGroup(groupId: string): Promise<void> {
    await this.withAdmin((admin) => admin.deleteGroups([groupId]));
  }

  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }
}
