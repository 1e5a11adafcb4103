import { Client } from '@elastic/elasticsearch';
import type { ProjectorConfig } from '@app/config';
import type { JobTaskDocument } from '@app/domain';
import Redis from 'ioredis';
import { Kafka, Partitioners, logLevel, type Admin, type Message } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { noAutoCreateTemplateName } from '../../src/elasticsearch/index-version.naming';

/** Direct clients on the real servers, for arranging and asserting around the projector under test. */
export class StackClients {
  readonly es: Client;
  readonly kafka: Kafka;
  readonly redis: Redis;
  private admin: Admin | null = null;

  constructor(private readonly config: ProjectorConfig) {
    this.es = new Client({ node: config.elasticsearch.url, requestTimeout: 30_000 });
    this.kafka = new Kafka({
      brokers: config.kafka.brokers,
      clientId: 'projector-test-probe',
      logLevel: logLevel.NOTHING,
    });
    this.redis = new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  }

  async kafkaAdmin(): Promise<Admin> {
    if (this.admin === null) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    return this.admin;
  }

  async createTopics(): Promise<void> {
    const admin = await this.kafkaAdmin();
    const { topic, dlqTopic, topicPartitions } = this.config.kafka;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [topic, dlqTopic].map((t) => ({ topic: t, numPartitions: topicPartitions })),
    });
  }

  /** Sends in order; messages may name their partition (to scatter one task over several) or be keyed. */
  async produce(messages: readonly Message[], topic = this.config.kafka.topic): Promise<void> {
    const producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      for (let i = 0; i < messages.length; i += 1_000) {
        await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 1_000) });
      }
    } finally {
      await producer.disconnect();
    }
  }

  /** Waits until `groupId` has committed every partition up to its end: every message has a durable outcome. */
  async waitForGroupCaughtUp(
    groupId = this.config.projector.groupId,
    timeoutMs = 120_000,
  ): Promise<void> {
    const admin = await this.kafkaAdmin();
    const until = Date.now() + timeoutMs;
    let lastReport = '';
    while (Date.now() < until) {
      const ends = await admin.fetchTopicOffsets(this.config.kafka.topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [this.config.kafka.topic] });
      const behind = ends.filter((end) => {
        const c = committed?.partitions.find((p) => p.partition === end.partition);
        // No commit (-1) is only caught up when the partition holds nothing to read.
        return Number(end.high) > Number(end.low) && Number(c?.offset ?? -1) < Number(end.high);
      });
      lastReport = JSON.stringify({ ends, committed: committed?.partitions });
      if (behind.length === 0) return;
      await sleep(250);
    }
    throw new Error(`group ${groupId} did not catch up within ${timeoutMs} ms: ${lastReport}`);
  }

  /** Every document behind the alias (or an index), by _id, after a refresh. */
  async documents(index = this.config.elasticsearch.alias): Promise<Map<string, JobTaskDocument>> {
    await this.es.indices.refresh({ index });
    const docs = new Map<string, JobTaskDocument>();
    const scroll = this.es.helpers.scrollSearch<JobTaskDocument>({
      index,
      size: 2_000,
      query: { match_all: {} },
    });
    for await (const page of scroll) {
      for (const hit of page.body.hits.hits) if (hit._source) docs.set(hit._id!, hit._source);
    }
    return docs;
  }

  async cleanUp(): Promise<void> {
    const { topic, dlqTopic } = this.config.kafka;
    const admin = await this.kafkaAdmin();
    await admin.deleteTopics({ topics: [topic, dlqTopic] }).catch(() => undefined);
    await admin.disconnect();
    this.admin = null;
    await this.es.indices
      .delete({
        index: `${this.config.elasticsearch.alias}-v*`,
        ignore_unavailable: true,
        allow_no_indices: true,
      })
      .catch(() => undefined);
    await this.es.indices
      .deleteIndexTemplate({ name: noAutoCreateTemplateName(this.config.elasticsearch.alias) })
      .catch(() => undefined);
    await this.es.close();
    if (this.redis.status === 'wait') await this.redis.connect().catch(() => undefined);
    if (this.redis.status === 'ready') {
      const keys = await this.redis.keys(`${this.config.redis.keyPrefix}*`);
      if (keys.length > 0) await this.redis.del(...keys);
    }
    this.redis.disconnect();
  }
}
