import type { ProjectorConfig } from '@app/config';
import { JsonLogger } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigResourceTypes, type Admin, type ITopicConfig, type Kafka } from 'kafkajs';
import { DLQ_RECORD_HEADROOM_BYTES } from '../projector.settings';
import { KAFKA, PROJECTOR_CONFIG } from '../projector.tokens';

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
   * dead-letter topic is made to take any record the events topic takes, plus what dead-lettering adds
   * (DLQ_RECORD_HEADROOM_BYTES): a record it refused would stop its partition until an operator raised the limit.
   */
  async ensureTopics(): Promise<void> {
    const { topic, dlqTopic, topicPartitions } = this.config.kafka;
    await this.withAdmin(async (admin) => {
      // Only the missing ones: kafkajs logs an error line for every topic that already exists. A racing starter
      // can still create one in between, which createTopics reports as "not created" rather than failing.
      const existing = new Set(await admin.listTopics());
      const created: string[] = [];
      const create = async (name: string, configEntries: ITopicConfig['configEntries']) => {
        if (existing.has(name)) return;
        const made = await admin.createTopics({
          waitForLeaders: true,
          topics: [{ topic: name, numPartitions: topicPartitions, configEntries }],
        });
        if (made) created.push(name);
      };
      await create(topic, []);
      const eventsLimit = await maxMessageBytes(admin, topic);
      const dlqNeeds = eventsLimit + DLQ_RECORD_HEADROOM_BYTES;
      await create(dlqTopic, [{ name: 'max.message.bytes', value: String(dlqNeeds) }]);
      const dlqLimit = await maxMessageBytes(admin, dlqTopic);
      if (dlqLimit < dlqNeeds) {
        this.logger.event('warn', 'dead-letter topic takes smaller records than the events topic', {
          topic,
          dlqTopic,
          eventsMaxMessageBytes: eventsLimit,
          dlqMaxMessageBytes: dlqLimit,
          fix: `kafka-configs.sh --bootstrap-server <broker> --alter --entity-type topics --entity-name ${dlqTopic} --add-config max.message.bytes=${dlqNeeds}`,
        });
      }
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

/** A topic's effective max.message.bytes: its own setting, else the broker's message.max.bytes. */
async function maxMessageBytes(admin: Admin, topic: string): Promise<number> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [
      { type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['max.message.bytes'] },
    ],
  });
  const value = Number(
    resources[0]?.configEntries.find((e) => e.configName === 'max.message.bytes')?.configValue,
  );
  if (!Number.isSafeInteger(value))
    throw new Error(`Kafka gave no max.message.bytes for topic ${topic}`);
  return value;
}
